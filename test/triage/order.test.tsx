// The order of the item list on screen, the whole way: the simulator, the client, the poller
// (and its navigator), the store and the Ink app, driven by keys. `o` cycles the order: the
// server sorts when it takes `sort_by`; when it refuses or ignores it, or cannot sort that way,
// the rows held are sorted here and the header says so. `L` goes to the longest-running item's page.
// f/F under an order (they walk the page on screen, asking nothing) render the same batch from
// fixtures, its pages served in the server's order as a poll would bring them.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient, type CallOptions} from '../../source/api/client.js';
import type {BatchItem, ListParams, Page} from '../../source/api/types.js';
import {compareItems, honoursOrder} from '../../source/lib/order.js';
import {isFailure} from '../../source/lib/status.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore, currentPage, type AppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerSession} from '../../source/cli/controller.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {cleanup, render, renderApp, waitFor, type RenderOptions} from '../helpers/app.js';
import {modelFixture} from '../helpers/model.js';
import {lines, selectedLine} from '../ui/fixtures.js';

closeSimulatorsAfterEach();

const ID = 'b_sort_ui';
const pollers: Poller[] = [];

afterEach(() => {
	cleanup();
	for (const poller of pollers.splice(0)) poller.stop();
});

/** A server that takes sort_by and ignores it: answers in its own (sequence) order. */
class IgnoresSortServer extends RunflowClient {
	override async listItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<BatchItem>> {
		const {sort_by: _ignored, ...rest} = params;
		return super.listItems(batchId, rest, call);
	}
}

interface Start {
	/** ms since the batch started: 5 s, items running (#17, on page 2, the longest); 20 s, all finished. */
	at?: number;
	refuseParams?: string[];
	Client?: typeof RunflowClient;
	size?: RenderOptions;
}

const SPEC = batch(ID, {items: 60, durationMs: 10_000, failureRate: 0.3, seed: 3});

async function start({at = 20_000, refuseParams, Client = RunflowClient, size = {columns: 100, rows: 24}}: Start = {}) {
	const h = await controlledSim({batches: [SPEC], refuseParams});
	h.setTime(at);
	const client = new Client({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const all = (await new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey}).listItems(ID, {limit: 500})).items;
	const store = createAppStore({batchId: ID, pageSize: 10});
	const poller = new Poller({client, store, intervalMs: 60_000});
	pollers.push(poller);
	poller.start();
	const app = render(<App store={store} commands={pollerSession(store, poller, vi.fn())} interactive now={() => Date.UTC(2026, 3, 1, 12, 1)} />, size);
	await waitFor(() => expect(app.frame()).toContain('page 1 ·'));
	await waitFor(() => expect(currentPage(store.getState())?.items).toHaveLength(10));
	const header = () => lines(app.frame())[0] ?? '';
	const sorts = () => h.sim.stats.urls.filter((url) => url.includes('/items?')).map((url) => new URL(url, 'http://x').searchParams.get('sort_by'));
	return {...h, app, store, all, header, sorts, frame: app.frame};
}

/**
 * The same batch 20 s in, from fixtures, on screen (100×24): the page the list's cursor names
 * is served (`serve()`) as the server would answer it in the list's order (most expensive:
 * `cost:desc` taken, the items sorted by cost across the batch), 10 a page.
 */
async function held() {
	const {batch: read, all, at, page} = modelFixture(SPEC, 20_000);
	const store = createAppStore({batchId: ID, pageSize: 10});
	store.getState().batchLoaded(read, at);
	store.getState().pageLoaded(null, page(all.slice(0, 10), 0, false), at);
	store.getState().pollSucceeded(at);
	const app = await renderApp(store, {columns: 100, rows: 24, now: Date.UTC(2026, 3, 1, 12, 1)});
	const serve = () => {
		const {cursor, order} = store.getState().list;
		const sorted = order === 'sequence' ? all : [...all].sort(compareItems(order));
		const index = cursor === null ? 0 : Number(cursor.slice(1)) - 1;
		store.getState().pageLoaded(cursor, page(sorted.slice(index * 10, index * 10 + 10), index, index * 10 + 10 >= sorted.length), at);
	};
	return {app, store, serve, frame: app.frame};
}

const rows = (store: AppStore) => currentPage(store.getState())?.items ?? [];
const selected = (store: AppStore) => rows(store)[store.getState().list.selected];
/** The sequence numbers of the table's rows, top to bottom, as drawn. */
const drawn = (frame: string) =>
	lines(frame)
		.map((line) => /^[ ›]\s+(\d+) /.exec(line)?.[1])
		.filter((n) => n !== undefined)
		.map(Number);

describe('o: the order of the item list', () => {
	it('most recently finished is asked of the server as sort_by=completed_at:desc, across pages; the header says it', async () => {
		const {app, store, header, sorts, sim, frame} = await start();
		expect(header()).not.toContain('order:');
		sim.stats.reset();
		await app.press('o');
		await waitFor(() => expect(header()).toContain('order: most recently finished'));
		await waitFor(() => expect(sorts()).toContain('completed_at:desc'));
		await waitFor(() => expect(rows(store)).toHaveLength(10));
		expect(header()).not.toContain('(rows held)');
		const first = rows(store);
		expect(honoursOrder(first, 'finished')).toBe(true);
		expect(first.map((r) => r.sequence_index)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		await waitFor(() => expect(drawn(frame())).toEqual(first.map((r) => r.sequence_index)));
		expect(frame()).toContain('rows 1–10 of 60');
		await app.press('n');
		await waitFor(() => expect(frame()).toContain('rows 11–20 of 60'));
		expect(sorts().every((s) => s === 'completed_at:desc')).toBe(true);
		expect(honoursOrder([...first, ...rows(store)], 'finished')).toBe(true);
		// On to most expensive, then back to by sequence: no order in the header, no sort_by asked.
		await app.press('o', 'o');
		await waitFor(() => expect(header()).toContain('order: most expensive'));
		await waitFor(() => expect(sorts().at(-1)).toBe('cost:desc'));
		await waitFor(() => expect(honoursOrder(rows(store), 'cost') && rows(store).length === 10).toBe(true));
		expect(frame()).toContain('page 1 ·');
		await app.press('o');
		await waitFor(() => expect(header()).not.toContain('order:'));
		await waitFor(() => expect(rows(store).map((r) => r.sequence_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
		expect(sorts().at(-1)).toBe(null);
	});

	it('a server that refuses sort_by (422): the rows held are sorted here, the header says (rows held), j moves down the rows drawn', async () => {
		const {app, store, header, sorts, sim, frame} = await start({refuseParams: ['sort_by']});
		sim.stats.reset();
		await app.press('o');
		await waitFor(() => expect(header()).toContain('order: most recently finished (rows held)'));
		await waitFor(() => expect(honoursOrder(rows(store), 'finished') && rows(store).length === 10).toBe(true));
		// Asked once with sort_by, refused, asked again without; never with it again.
		expect(sorts().slice(0, 2)).toEqual(['completed_at:desc', null]);
		const held = rows(store);
		expect(held.map((r) => r.sequence_index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(held.map((r) => r.sequence_index)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		await waitFor(() => expect(drawn(frame())).toEqual(held.map((r) => r.sequence_index)));
		expect(frame()).toContain('items #0–#9 of 60');
		// The item selected before (#0) stays selected, where its row is drawn now; j selects the row drawn under it.
		const at = store.getState().list.selected;
		expect(held[at]!.sequence_index).toBe(0);
		await app.press(at === held.length - 1 ? 'k' : 'j');
		const next = held[at === held.length - 1 ? at - 1 : at + 1]!;
		expect(selected(store)?.id).toBe(next.id);
		expect(selectedLine(frame())).toMatch(new RegExp(`›\\s+${next.sequence_index} `));
		await app.press('n');
		await waitFor(() => expect(frame()).toContain('items #10–#19 of 60'));
		await waitFor(() => expect(honoursOrder(rows(store), 'finished')).toBe(true));
		expect(
			sorts()
				.slice(2)
				.every((s) => s === null),
		).toBe(true);
		// Most expensive too: sorted here at once, not asked of the server.
		await app.press('o', 'o');
		await waitFor(() => expect(header()).toContain('order: most expensive (rows held)'));
		await waitFor(() => expect(honoursOrder(rows(store), 'cost') && rows(store).length === 10).toBe(true));
		expect(sorts().every((s, i) => i < 1 || s === null)).toBe(true);
	});

	it('a server that ignores sort_by (answers unsorted) counts as refusing it', async () => {
		const {app, store, header} = await start({Client: IgnoresSortServer});
		await app.press('o', 'o', 'o');
		await waitFor(() => expect(header()).toContain('order: most expensive (rows held)'));
		await waitFor(() => expect(honoursOrder(rows(store), 'cost') && rows(store).length === 10).toBe(true));
		expect(
			rows(store)
				.map((r) => r.sequence_index)
				.sort((a, b) => a - b),
		).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	it('longest running sends no sort_by and sorts the rows held here: running items first, the earliest started on top', async () => {
		const {app, store, header, sorts, sim, frame} = await start({at: 5000});
		await app.press('o');
		await waitFor(() => expect(header()).toContain('order: most recently finished'));
		sim.stats.reset();
		await app.press('o');
		await waitFor(() => expect(header()).toContain('order: longest running (rows held)'));
		await waitFor(() => expect(sorts().length).toBeGreaterThan(0));
		await waitFor(() => expect(rows(store)).toHaveLength(10));
		expect(sorts().every((s) => s === null)).toBe(true);
		const held = rows(store);
		expect(held.map((r) => r.sequence_index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(honoursOrder(held, 'running')).toBe(true);
		expect(held[0]!.status_code).toBe('running');
		expect([...held].sort(compareItems('running')).map((r) => r.id)).toEqual(held.map((r) => r.id));
		await waitFor(() => expect(drawn(frame())).toEqual(held.map((r) => r.sequence_index)));
	});

	it('the header keeps within 60 columns, in the short form, with a filter too', async () => {
		const {app, header, store} = await start({refuseParams: ['sort_by'], size: {columns: 60, rows: 20}});
		await app.press('o', 'o', 'o');
		await waitFor(() => expect(header()).toContain('costly (rows held)'));
		expect([...header()].length).toBeLessThanOrEqual(60);
		expect(header()).not.toContain('order:');
		await app.press('s');
		await waitFor(() => expect(store.getState().list.statusFilter).toBe('failed'));
		// The order goes before the filter, which the row cuts here: only the header tells the order, the page line tells a filter.
		await waitFor(() => expect(app.frame()).toMatch(/page 1 · \d+ shown of \d+/));
		expect(header()).toContain('costly (rows held)');
		expect([...header()].length).toBeLessThanOrEqual(60);
		expect(lines(app.frame()).every((line) => [...line].length <= 60)).toBe(true);
	});

	it('f / F under an order: the failures of the page on screen, in the order drawn, wrapping round within it', async () => {
		const {app, store, frame, serve} = await held();
		await app.press('o', 'o', 'o');
		serve();
		await waitFor(() => expect(honoursOrder(rows(store), 'cost') && rows(store).length === 10 && store.getState().list.order === 'cost').toBe(true));
		const failures = () =>
			rows(store)
				.map((r, i) => (isFailure(r.status_code) ? i : -1))
				.filter((i) => i >= 0);
		// A page with failures at two places at least, not on top.
		for (let page = 1; page < 6 && !(failures().length > 1 && failures()[0]! > 0); page++) {
			const first = rows(store)[0]!.id;
			await app.press('n');
			serve();
			await waitFor(() => expect(rows(store).length > 0 && rows(store)[0]!.id !== first).toBe(true));
		}

		const failedRows = failures();
		expect(failedRows.length).toBeGreaterThan(1);
		const cursor = store.getState().list.cursor;
		await app.press('g', 'f');
		const firstFailure = failedRows[0]!;
		expect(store.getState().list.selected).toBe(firstFailure);
		expect(selectedLine(frame())).toMatch(new RegExp(`›\\s+${rows(store)[firstFailure]!.sequence_index} `));
		await app.press('G', 'f');
		expect(store.getState().list.selected).toBe(failedRows[0]);
		await waitFor(() => expect(frame()).toContain('wrapped round to the first failure of this page'));
		expect(store.getState().list.cursor).toBe(cursor);
		await app.press('F');
		expect(store.getState().list.selected).toBe(failedRows.at(-1));
		expect(app.controller.jumpToFailure).not.toHaveBeenCalled(); // nothing asked of the fetching side
	});
});

describe('L: the longest-running item held', () => {
	it('on another page than the one on screen: goes there and selects it', async () => {
		const {app, store, frame} = await start({at: 5000});
		const longest = 17; // started first of those running at 5 s: on page 2 (10 a page)
		await app.press('n');
		await waitFor(() => expect(frame()).toContain('page 2 ·'));
		await waitFor(() => expect(rows(store)[0]?.sequence_index).toBe(10));
		await app.press('n');
		await waitFor(() => expect(rows(store)[0]?.sequence_index).toBe(20));
		expect(store.getState().list.pages.size).toBe(3);
		await app.press('L');
		await waitFor(() => expect(selected(store)?.sequence_index).toBe(longest));
		await waitFor(() => expect(frame()).toContain('page 2 ·'));
		expect(selectedLine(frame())).toMatch(new RegExp(`›\\s+${longest} `));
		await waitFor(() => expect(frame()).toContain(`longest running: #${longest}`));
		// p and n go on from there.
		await app.press('p');
		await waitFor(() => expect(rows(store)[0]?.sequence_index).toBe(0));
		expect(frame()).toContain('page 1 ·');
	});

	it('under a server order: the page reached (by its place in sequence) is sorted here, and the header says (this page)', async () => {
		const {app, store, header, frame} = await start({at: 5000});
		await app.press('o', 'o', 'o');
		await waitFor(() => expect(header()).toContain('order: most expensive'));
		await waitFor(() => expect(store.getState().list.order === 'cost' && rows(store).length === 10).toBe(true));
		// By cost (the simulator puts the items without a cost first): #17 is on the second page.
		await app.press('n');
		await waitFor(() => expect(frame()).toContain('rows 11–20'));
		await waitFor(() => expect(rows(store).some((r) => r.sequence_index === 17)).toBe(true));
		await app.press('p');
		await waitFor(() => expect(frame()).toContain('rows 1–10'));
		expect(rows(store).some((r) => r.sequence_index === 17)).toBe(false);
		await app.press('L');
		await waitFor(() => expect(selected(store)?.sequence_index).toBe(17));
		// The page holding items #10–#19 in sequence, reached as f/F reach a page, sorted here.
		await waitFor(() => expect(frame()).toContain('page 2 · items #10–#19 of 60'));
		expect(header()).toContain('order: most expensive (this page)');
		expect(honoursOrder(rows(store), 'cost')).toBe(true);
		await waitFor(() => expect(drawn(frame())).toEqual(rows(store).map((r) => r.sequence_index)));
		expect(selectedLine(frame())).toMatch(/›\s+17 /);
	});
});
