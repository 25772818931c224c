// Failure triage on screen, the whole way: the simulator, the client, the poller (with the
// failure fetcher and the navigator), the store and the Ink app, driven by keys. The failure
// line alone (what the screen draws of causes held) renders the same batch from fixtures.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient, type CallOptions} from '../../source/api/client.js';
import type {BatchItem, ListParams, Page} from '../../source/api/types.js';
import {failureCause, groupFailures} from '../../source/lib/failures.js';
import {formatCount} from '../../source/lib/format.js';
import {isFailure} from '../../source/lib/status.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore, currentPage, type AppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerSession} from '../../source/cli/controller.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {cleanup, render, renderApp, waitFor, type RenderOptions} from '../helpers/app.js';
import {modelFixture} from '../helpers/model.js';
import {KEY, lines, selectedLine} from '../ui/fixtures.js';

closeSimulatorsAfterEach();

const ID = 'b_ui';
const pollers: Poller[] = [];

afterEach(() => {
	cleanup();
	for (const poller of pollers.splice(0)) poller.stop();
});

class NoQueryServer extends RunflowClient {
	override async listItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<BatchItem>> {
		return super.listItems(batchId, params.q ? {...params, q: `${params.q} AND`} : params, call);
	}
}

const SPEC = batch(ID, {items: 60, durationMs: 10_000, failureRate: 0.3, seed: 3});
const NOW = Date.UTC(2026, 3, 1, 12, 1);

async function start(options: {size?: RenderOptions; Client?: typeof RunflowClient; intervalMs?: number} = {}) {
	const h = await controlledSim({batches: [SPEC]});
	h.setTime(20_000);
	const Client = options.Client ?? RunflowClient;
	const client = new Client({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const all = (await new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey}).listItems(ID, {limit: 500, embed: 'run'})).items;
	const failed = all.filter((i) => isFailure(i.status_code));
	const store = createAppStore({batchId: ID, pageSize: 10});
	const poller = new Poller({client, store, intervalMs: options.intervalMs ?? 60_000});
	pollers.push(poller);
	poller.enableTriage();
	poller.start();
	const quit = vi.fn();
	const app = render(
		<App store={store} commands={pollerSession(store, poller, quit)} interactive now={() => NOW} />,
		options.size ?? {columns: 80, rows: 24},
	);
	const {frame} = app;
	// Wait for the first page and every cause (the first tick fetches them).
	await waitFor(() => expect(store.getState().triage.causes.size).toBe(failed.length));
	await waitFor(() => expect(frame()).toContain('failures: '));
	return {...h, app, frame, store, failed, all, quit, poller};
}

/**
 * The same batch 20 s in, from fixtures: what the first poll holds (the batch with its lean list,
 * page 1, every failure's cause), on screen. The failure line draws what is held; the fetching
 * of causes is test/triage/fetch.test.ts's.
 */
async function held(size: RenderOptions = {columns: 80, rows: 24}) {
	const {batch: read, all, at, page} = modelFixture(SPEC, 20_000);
	const failed = all.filter((i) => isFailure(i.status_code));
	const store = createAppStore({batchId: ID, pageSize: 10});
	store.getState().batchLoaded(read, at);
	store.getState().pageLoaded(null, page(all.slice(0, 10), 0, false), at);
	store.getState().recordFailures(failed);
	store.getState().pollSucceeded(at);
	expect(store.getState().triage.causes.size).toBe(failed.length);
	const app = await renderApp(store, {...size, now: NOW});
	const {frame} = app;
	await waitFor(() => expect(frame()).toContain('failures: '));
	return {app, frame, store, failed, all};
}

const selectedItem = (store: AppStore) => currentPage(store.getState())?.items[store.getState().list.selected];

describe('the failure line', () => {
	it('groups every failure of the batch by cause, largest first, and the frame still fits', async () => {
		const {frame, failed} = await held();
		const groups = groupFailures(failed);
		expect(groups.length).toBeGreaterThan(2);
		const line = lines(frame()).find((l) => l.startsWith('failures: '))!;
		expect(line.startsWith(`failures: ${groups[0]!.cause} ×${formatCount(groups[0]!.count)}  ${groups[1]!.cause.slice(0, 16)}`)).toBe(true);
		// Long causes (first lines of messages) are shortened so that several groups show.
		expect(line).toMatch(new RegExp(`… ×${groups[1]!.count}  .* ×\\d+`));
		// Under the status counts and the glance line, over the table.
		const at = lines(frame()).indexOf(line);
		expect(lines(frame())[at - 2]).toMatch(/✗ failed \d+/);
		expect(lines(frame()).length).toBeLessThanOrEqual(23);
		expect(lines(frame()).every((l) => [...l].length <= 80)).toBe(true);
	});

	it('fits 60×12 too', async () => {
		const {frame} = await held({columns: 60, rows: 12});
		expect(lines(frame()).length).toBeLessThanOrEqual(11);
		expect(lines(frame()).every((l) => [...l].length <= 60)).toBe(true);
		expect(frame()).toContain('failures: ');
	});
});

describe('f / F', () => {
	it('f lands on the next failed item, on page 2 when that is where it is; p and n still work after', async () => {
		const {app, frame, store, failed} = await start();
		const onPage2 = failed.find((f) => f.sequence_index >= 10)!;
		expect(onPage2.sequence_index).toBeLessThan(20);
		const before = failed.filter((f) => f.sequence_index > 0 && f.sequence_index < onPage2.sequence_index).length;
		for (let i = 0; i < before; i++) {
			await app.press('f');
			await waitFor(() => expect(isFailure(selectedItem(store)!.status_code)).toBe(true));
		}

		expect(frame()).toContain('page 1 ·');
		await app.press('f');
		await waitFor(() => expect(selectedItem(store)?.id).toBe(onPage2.id));
		await waitFor(() => expect(frame()).toContain('page 2 ·'));
		const row = selectedLine(frame())!;
		expect(row).toMatch(new RegExp(`›\\s+${onPage2.sequence_index} (✗ failed|! errored)`));
		expect(row).toContain(failureCause(onPage2)!.slice(0, 10));
		await app.press('p');
		await waitFor(() => expect(frame()).toContain('page 1 ·'));
		await app.press('n');
		await waitFor(() => expect(frame()).toContain('page 2 ·'));
		await waitFor(() => expect(selectedItem(store)?.sequence_index).toBe(10));
		// F from the top of page 2 goes back to the last failure of page 1.
		const lastOnPage1 = failed.filter((f) => f.sequence_index < 10).at(-1)!;
		await app.press('F');
		await waitFor(() => expect(selectedItem(store)?.id).toBe(lastOnPage1.id));
		expect(frame()).toContain('page 1 ·');
		expect(selectedLine(frame())).toMatch(new RegExp(`›\\s+${lastOnPage1.sequence_index} `));
	});
});

describe('the filter', () => {
	it('s cycles all → failed → running → queued → succeeded → all, saying so in the header with the count', async () => {
		const {app, frame, store, failed, all} = await start();
		const header = () => lines(frame())[0] ?? '';
		expect(header()).not.toContain('filter:');
		await app.press('j', 'j');
		await app.press('s');
		await waitFor(() => expect(header()).toContain(`filter: failed · ${failed.length} match`));
		await waitFor(() => expect(frame()).toContain(`10 shown of ${failed.length}`));
		const rows = () => lines(frame()).filter((l) => /^\S?\s+\d+ \S /.test(l.slice(1)));
		expect(rows().length).toBeGreaterThan(5);
		expect(rows().every((r) => /✗ failed|! errored/.test(r))).toBe(true);
		const succeeded = all.filter((i) => ['succeeded', 'partial_succeeded'].includes(i.status_code)).length;
		await app.press('s');
		await waitFor(() => expect(header()).toContain('filter: running · 0 match'));
		await waitFor(() => expect(frame()).toContain('no items on this page'));
		await app.press('s');
		await waitFor(() => expect(header()).toContain('filter: queued · 0 match'));
		await app.press('s');
		await waitFor(() => expect(header()).toContain(`filter: succeeded · ${succeeded} match`));
		await app.press('s');
		await waitFor(() => expect(header()).not.toContain('filter:'));
		// Back where it was: the first page, the third row selected.
		await waitFor(() => expect(frame()).toContain('page 1 · items #0–#9 of 60'));
		expect(store.getState().list.selected).toBe(2);
	});

	it('/ opens a prompt that takes every key; enter filters by client_ref, esc cancels, and it combines with s', async () => {
		const {app, frame, store, quit, all, failed} = await start();
		await app.press('/');
		expect(lines(frame()).at(-1)).toMatch(/^\/ {4}client_ref contains · enter apply/);
		// q, j and s are text here, not commands.
		await app.press('q', 'j', 's');
		expect(quit).not.toHaveBeenCalled();
		expect(store.getState().list.selected).toBe(0);
		expect(store.getState().list.statusFilter).toBe('all');
		expect(lines(frame()).at(-1)).toMatch(/^\/ qjs /);
		await app.press(KEY.escape);
		expect(lines(frame()).at(-1)).toContain('? help');
		expect(store.getState().list.textFilter).toBe('');
		const refs = all.filter((i) => i.client_ref?.includes('001'));
		await app.press('/', '0', '0', '9', '\u007F', '1', KEY.enter);
		await waitFor(() => expect(lines(frame())[0]).toContain(`filter: "001" · ${refs.length} match`));
		await waitFor(() => expect(frame()).toContain(`${refs.length} shown of ${refs.length}`));
		const shown = lines(frame())
			.map((l) => /^[ ›]\s+(\d+) /.exec(l)?.[1])
			.filter((n) => n !== undefined)
			.map(Number);
		expect(shown).toEqual(refs.map((i) => i.sequence_index));
		expect(lines(frame()).at(-1)).toContain('? help');
		await app.press('s');
		const both = failed.filter((i) => i.client_ref?.includes('001'));
		await waitFor(() => expect(lines(frame())[0]).toContain(`filter: failed "001" · ${both.length} match`));
		// Reopened, the prompt holds the text; cleared and applied, the filter is the status alone.
		await app.press('/');
		expect(lines(frame()).at(-1)).toMatch(/^\/ 001 /);
		await app.press('\u0015', KEY.enter);
		await waitFor(() => expect(lines(frame())[0]).toContain(`filter: failed · ${failed.length} match`));
	});

	it('when the server refuses the q, filters here from the lean list, and says so', async () => {
		const {app, frame, failed, store} = await start({Client: NoQueryServer, intervalMs: 30});
		await app.press('s');
		await waitFor(() => expect(lines(frame())[0]).toContain(`filter: failed · ${failed.length} match`));
		await waitFor(() => expect(frame()).toContain(`10 shown of ${failed.length} · filtered here: the server refused q`));
		expect(currentPage(store.getState())?.items.map((i) => i.id)).toEqual(failed.slice(0, 10).map((i) => i.id));
		// The rows built here still say why they failed (from the causes fetched by id).
		expect(selectedLine(frame())).toContain(failureCause(failed[0]!)!.slice(0, 10));
		await app.press('n');
		await waitFor(() => expect(frame()).toContain(`page 2 (last) · ${failed.length - 10} shown of ${failed.length}`));
		await app.press('f');
		await waitFor(() => expect(selectedItem(store)?.id).toBe(failed[11]!.id));
	});
});

describe('a list built here (the server refused the client_ref q)', () => {
	it('rows show what is known of their items (read by id, a page at a time), never — for data they have', async () => {
		const {app, frame, store, all} = await start({Client: NoQueryServer, intervalMs: 30});
		const refs = all.filter((i) => i.client_ref?.includes('inv'));
		await app.press('/', 'i', 'n', 'v', KEY.enter);
		await waitFor(() => expect(frame()).toContain(`10 shown of ${refs.length} · filtered here: the server refused q`));
		const rowsOf = (text: string) => lines(text).filter((l) => /^[ ›]\s+\d+ /.test(l));
		await waitFor(() => {
			const rows = rowsOf(frame());
			expect(rows).toHaveLength(10);
			// Every item of the batch has finished: each row says how long it took and what it cost.
			for (const row of rows) {
				expect(row).toMatch(/\$\d+\.\d+/);
				expect(row).not.toContain('—');
			}
		});
		// Read by id: this page's rows at most (failures' causes are kept apart).
		expect(store.getState().triage.details.size).toBeLessThanOrEqual(10);
		await app.press('n');
		await waitFor(() => expect(frame()).toContain(`page 2 · 10 shown of ${refs.length}`));
		await waitFor(() => {
			for (const row of rowsOf(frame())) expect(row).toMatch(/\$\d+\.\d+/);
		});
		expect(store.getState().triage.details.size).toBeLessThanOrEqual(20);
	});
});

describe('the client_ref filter matches the text shown', () => {
	async function hostile() {
		// Item 43's client_ref is an OSC 8 hyperlink to evil.example shown as 'click-me.pdf'; item
		// 93's is 'progress 10%\rprogress 100%', shown as 'progress 10% progress 100%' (sim/hostile.ts).
		const h = await controlledSim({batches: [batch(ID, {items: 100, durationMs: 10_000, hostile: true, seed: 3})]});
		h.setTime(20_000);
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const store = createAppStore({batchId: ID, pageSize: 10});
		const poller = new Poller({client, store, intervalMs: 30});
		pollers.push(poller);
		poller.start();
		const app = render(<App store={store} commands={pollerSession(store, poller, vi.fn())} interactive now={() => Date.UTC(2026, 3, 1, 12, 1)} />, {
			columns: 100,
			rows: 24,
		});
		const {frame} = app;
		await waitFor(() => expect(frame()).toContain('items #0–#9'));
		return {app, frame, store};
	}

	it('a word hidden in an escape sequence matches nothing', async () => {
		const {app, frame, store} = await hostile();
		await app.press('/', 'e', 'v', 'i', 'l', KEY.enter);
		await waitFor(() => expect(lines(frame())[0]).toContain('filter: "evil" · 0 match'));
		await waitFor(() => expect(currentPage(store.getState())?.items).toEqual([]));
		expect(frame()).not.toContain('click-me');
	});

	it('text typed as the screen shows it (a carriage return shown as a space) matches', async () => {
		const {app, frame, store} = await hostile();
		await app.press('/', ...'10% progress', KEY.enter);
		await waitFor(() => expect(lines(frame())[0]).toContain('filter: "10% progress" · 1 match'));
		await waitFor(() => expect(currentPage(store.getState())?.items.map((i) => i.sequence_index)).toEqual([93]));
		expect(selectedLine(frame())).toMatch(/ 93 .*progress 10% progress/);
		expect(frame()).toContain('filtered here, on the text shown');
	});
});
