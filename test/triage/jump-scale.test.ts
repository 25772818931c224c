// f / F on a finished batch of 20,000 items, against the simulator: every jump, wrapping
// included, costs at most 3 requests at page sizes 7, 50 and 500, whether the server takes
// `q=sequence_index>=N` or refuses `q` and `sort_by` (422), with bare-token and URL-path cursors;
// the right item is selected, the page line counts right, and `p` / `n` go on from there.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {BatchItem} from '../../source/api/types.js';
import {fetchListPage} from '../../source/poller/list-source.js';
import {Navigator} from '../../source/poller/navigator.js';
import type {CursorStyle} from '../../source/sim/cursor.js';
import type {FinalStatus} from '../../source/sim/plan.js';
import {createAppStore, currentPage, type AppStore} from '../../source/store/store.js';
import {pageLine} from '../../source/ui/selectors.js';
import {selectTriageMessage} from '../../source/ui/triage-selectors.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ID = 'b_big';
const ITEMS = 20_000;
/** Failures near the start and near the end, nothing in between. */
const FAILED = [3, 5, 19_993, 19_998];
const finals: Record<number, FinalStatus> = {3: 'failed', 5: 'errored', 19_993: 'failed', 19_998: 'failed'};
const navigators: Navigator[] = [];

afterEach(() => {
	for (const navigator of navigators.splice(0)) navigator.stop();
});

interface Server {
	name: string;
	cursorStyle: CursorStyle;
	refuseParams?: string[];
}

const SERVERS: Server[] = [
	{name: 'takes q, bare-token cursors', cursorStyle: 'token'},
	{name: 'refuses q and sort_by, URL-path cursors', cursorStyle: 'path', refuseParams: ['q', 'sort_by']},
	{name: 'refuses q and sort_by, bare-token cursors', cursorStyle: 'token', refuseParams: ['q', 'sort_by']},
];

async function setup(server: Server, pageSize: number) {
	const h = await controlledSim({
		batches: [batch(ID, {items: ITEMS, durationMs: 10_000, failureRate: 0, cancelRate: 0, logLinesPerRun: 2, finals})],
		cursorStyle: server.cursorStyle,
		refuseParams: server.refuseParams,
	});
	h.setTime(60_000);
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize});
	const theBatch = await client.getBatch(ID);
	expect(theBatch.status_code).toBe('partial_succeeded');
	expect(theBatch.items_failed).toBe(FAILED.length);
	store.getState().batchLoaded(theBatch, 0);
	store.getState().pageLoaded(null, await client.listItems(ID, {limit: pageSize, embed: 'run'}), 0);
	const navigator = new Navigator({client, store, messageMs: 60_000});
	navigators.push(navigator);
	return {...h, client, store, navigator};
}

const selected = (store: AppStore): BatchItem | undefined => currentPage(store.getState())?.items[store.getState().list.selected];

describe.each(SERVERS)('f / F on 20,000 items, server that $name', (server) => {
	it.each([7, 50, 500])(
		'page size %i: at most 3 requests a jump, the right item, the page line and n / p right',
		async (size) => {
			const {store, navigator, sim, client} = await setup(server, size);
			const measured: string[] = [];
			const jump = async (direction: 1 | -1, expected: number) => {
				sim.stats.reset();
				const started = performance.now();
				await navigator.jump(direction);
				const ms = performance.now() - started;
				measured.push(`${direction === 1 ? 'f' : 'F'}→#${expected}: ${sim.stats.requests} req ${Math.round(ms)} ms`);
				expect(selected(store)?.sequence_index, sim.stats.urls.join('\n')).toBe(expected);
				expect(sim.stats.requests, sim.stats.urls.join('\n')).toBeLessThanOrEqual(3);
				// The page line says where the item is: its page's number and its rows.
				const page = Math.floor(expected / size);
				expect(store.getState().list.trail).toHaveLength(page);
				const first = page * size;
				const line = pageLine(store.getState(), currentPage(store.getState()));
				expect(line).toContain(`page ${page + 1} `);
				expect(line).toContain(`items #${first}–`);
				// A page the server would not list says it was built here (on page 1: the server's own).
				expect(line.includes("built from the batch's item list")).toBe(page > 0 && server.refuseParams !== undefined);
				// The selected row is the whole item (its failure), not only the lean list's row.
				expect(selected(store)?.error?.message).toBeTruthy();
			};

			// F from the first page: round to the last failure.
			await jump(-1, 19_998);
			expect(store.getState().triage.message).toBe('wrapped round to the last failure');
			await jump(-1, 19_993);
			// `p` goes back one page, `n` forward again, from the page built around the failure.
			const {trail, cursor} = store.getState().list;
			const at19993 = selected(store)!.id;
			expect(store.getState().previousPage()).toBe(true);
			const before = await fetchListPage({client, store, state: store.getState(), cursor: trail.at(-1)!});
			expect(before.items[0]?.sequence_index).toBe((Math.floor(19_993 / size) - 1) * size);
			expect(before.items).toHaveLength(size);
			store.getState().pageLoaded(store.getState().list.cursor, before, 1);
			expect(store.getState().nextPage()).toBe(true);
			expect(store.getState().list.cursor).toBe(cursor);
			// f: on to the last, then wrapping round to the first.
			expect(store.getState().landOn(cursor, trail, at19993)).toBe(true);
			await jump(1, 19_998);
			await jump(1, 3);
			expect(store.getState().triage.message).toBe('wrapped round to the first failure');
			await jump(1, 5);
			await jump(1, 19_993);
			console.log(`${server.name}, page size ${size}: ${measured.join(', ')}`);
			// `[` / `]` in the run view across the edges of a page a jump reached.
			const at = store.getState().list.trail;
			const top = Math.floor(19_993 / size) * size;
			store.getState().moveTo('first');
			expect(store.getState().openLogs()).toBe(true);
			await navigator.stepRunAcross(-1);
			expect(selected(store)?.sequence_index).toBe(top - 1);
			expect(store.getState().view).toBe('logs');
			expect(store.getState().list.trail).toEqual(at.slice(0, -1));
			await navigator.stepRunAcross(1);
			expect(selected(store)?.sequence_index).toBe(top);
			expect(store.getState().list.trail).toEqual(at);
			expect(pageLine(store.getState(), currentPage(store.getState()))).toMatch(new RegExp(`^page ${top / size + 1} (\\(last\\) )?· items #${top}–`));
		},
		60_000,
	);
});

describe('f without a lean list (the server omits items[]) on 20,000 items', () => {
	it("walks the server's pages paced and bounded, then shows where it stopped so f goes on from there", async () => {
		const h = await controlledSim({
			batches: [batch(ID, {items: ITEMS, durationMs: 10_000, failureRate: 0, cancelRate: 0, logLinesPerRun: 2, finals})],
			cursorStyle: 'path',
		});
		h.setTime(60_000);
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const store = createAppStore({batchId: ID, pageSize: 7});
		const theBatch = await client.getBatch(ID);
		store.getState().batchLoaded({...theBatch, items: undefined}, 0);
		store.getState().pageLoaded(null, await client.listItems(ID, {limit: 7, embed: 'run'}), 0);
		const navigator = new Navigator({client, store, messageMs: 60_000, paceMs: 40, maxPages: 10});
		navigators.push(navigator);
		// #3 and #5 are on the first page.
		await navigator.jump(1);
		expect(selected(store)?.sequence_index).toBe(3);
		await navigator.jump(1);
		expect(selected(store)?.sequence_index).toBe(5);
		h.sim.stats.reset();
		const started = performance.now();
		await navigator.jump(1);
		const ms = performance.now() - started;
		// Ten pages read, one every 40 ms at most: no burst, and the walk stops.
		expect(h.sim.stats.requests).toBe(10);
		expect(ms).toBeGreaterThanOrEqual(10 * 40 - 5);
		// The navigator reports the outcome; the screen words it with the key bound to f.
		expect(selectTriageMessage(store.getState())).toBe('no failure in 10 pages: f again goes on from here');
		expect(store.getState().list.trail).toHaveLength(10);
		expect(selected(store)?.sequence_index).toBe(76);
		// f again goes on from there.
		h.sim.stats.reset();
		await navigator.jump(1);
		expect(h.sim.stats.requests).toBe(10);
		expect(selected(store)?.sequence_index).toBe(146);
	}, 30_000);
});
