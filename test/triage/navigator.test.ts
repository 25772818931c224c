// f / F against the simulator: the next / previous failed item across pages, the trail kept
// right for `p`, wrapping round, no lean list, a filtered list built here, and the message
// while it walks.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient, type CallOptions} from '../../source/api/client.js';
import type {BatchItem, LeanItem, ListParams, Page} from '../../source/api/types.js';
import {isFailure} from '../../source/lib/status.js';
import {completeLeanItems} from '../../source/lib/triage.js';
import {fetchListPage} from '../../source/poller/list-source.js';
import {Navigator} from '../../source/poller/navigator.js';
import {createAppStore, currentPage, type AppStore} from '../../source/store/store.js';
import {pageLine} from '../../source/ui/selectors.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ID = 'b_nav';
const LIST = 'GET /v1/batches/:id/items';
const PAGE = 5;
const navigators: Navigator[] = [];

afterEach(() => {
	for (const navigator of navigators.splice(0)) navigator.stop();
});

class NoQueryServer extends RunflowClient {
	override async listItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<BatchItem>> {
		return super.listItems(batchId, params.q ? {...params, q: `${params.q} AND`} : params, call);
	}
}

/** A server that takes any q and ignores it (answers the whole list). */
class IgnoresQuery extends RunflowClient {
	override async listItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<BatchItem>> {
		return super.listItems(batchId, {...params, q: undefined}, call);
	}
}

async function setup(Client: typeof RunflowClient = RunflowClient) {
	const h = await controlledSim({batches: [batch(ID, {items: 60, durationMs: 10_000, failureRate: 0.3, seed: 3})]});
	h.setTime(20_000);
	const client = new Client({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize: PAGE});
	const theBatch = await client.getBatch(ID);
	store.getState().batchLoaded(theBatch, 0);
	store.getState().pageLoaded(null, await client.listItems(ID, {limit: PAGE, embed: 'run'}), 0);
	const failed = completeLeanItems(theBatch)!.filter((i) => isFailure(i.status_code));
	const navigator = new Navigator({client, store, messageMs: 50});
	navigators.push(navigator);
	h.sim.stats.reset();
	return {...h, client, store, navigator, failed, theBatch, requests: (route: string) => h.sim.stats.byRoute[route]?.requests ?? 0};
}

const selected = (store: AppStore): BatchItem | undefined => currentPage(store.getState())?.items[store.getState().list.selected];
const pageOf = (item: LeanItem) => Math.floor(item.sequence_index / PAGE);
/** The failures f visits from the first row, in order (the first row itself last, if it failed). */
const fOrder = (failed: LeanItem[]) => (failed[0]?.sequence_index === 0 ? [...failed.slice(1), failed[0]] : failed);

/** Every trail cursor, fetched as the poller would, gives the pages before the current one in order: `p` walks back right. */
async function expectTrailRight(client: RunflowClient, store: AppStore): Promise<void> {
	const {trail, cursor} = store.getState().list;
	const current = selected(store)!;
	expect(trail.length).toBe(Math.floor(current.sequence_index / PAGE));
	for (const [k, at] of [...trail, cursor].entries()) {
		// Through the list source: the trail may hold seek cursors (pages named by their place).
		const page = await fetchListPage({client, store, state: store.getState(), cursor: at});
		expect(page.items[0]?.sequence_index).toBe(k * PAGE);
	}
}

describe('Navigator', () => {
	it('f goes through every failure in order, across pages, each time selected with a trail that p can walk back', async () => {
		const {client, store, navigator, failed} = await setup();
		expect(failed.length).toBeGreaterThan(8);
		expect(new Set(failed.map(pageOf)).size).toBeGreaterThan(4);
		for (const target of fOrder(failed)) {
			await navigator.jump(1);
			expect(selected(store)?.id).toBe(target.id);
			expect(isFailure(selected(store)!.status_code)).toBe(true);
			await expectTrailRight(client, store);
		}
	});

	it('past the last failure it wraps round to the first, fetching the first page rather than walking back', async () => {
		const {store, navigator, failed, requests, sim} = await setup();
		for (let i = 0; i < failed.length && selected(store)?.id !== failed.at(-1)!.id; i++) await navigator.jump(1);
		expect(selected(store)?.id).toBe(failed.at(-1)!.id);
		// `p` after a jump shows the page before, from the trail the jumps left.
		const {trail, cursor} = store.getState().list;
		expect(store.getState().previousPage()).toBe(true);
		expect(store.getState().list.cursor).toBe(trail.at(-1));
		expect(store.getState().list.trail).toEqual(trail.slice(0, -1));
		expect(store.getState().nextPage()).toBe(true);
		expect(store.getState().list.cursor).toBe(cursor);
		for (let i = 0; i < failed.length && selected(store)?.id !== failed.at(-1)!.id; i++) await navigator.jump(1);
		expect(pageOf(failed[0]!)).toBeLessThan(pageOf(failed.at(-1)!) / 2);
		sim.stats.reset();
		await navigator.jump(1);
		expect(selected(store)?.id).toBe(failed[0]!.id);
		expect(store.getState().triage.message).toBe('wrapped round to the first failure');
		expect(store.getState().list.trail.length).toBe(pageOf(failed[0]!));
		expect(requests(LIST)).toBeLessThanOrEqual(pageOf(failed[0]!) + 1);
		await vi.waitFor(() => expect(store.getState().triage.message).toBeNull(), {timeout: 1000, interval: 10});
	});

	it('F goes back through the failures, along the trail, and wraps to the last', async () => {
		const {client, store, navigator, failed} = await setup();
		// From the start, F wraps to the last failure.
		await navigator.jump(-1);
		expect(selected(store)?.id).toBe(failed.at(-1)!.id);
		await expectTrailRight(client, store);
		for (const target of failed.slice(0, -1).reverse()) {
			if (target.sequence_index === 0 && selected(store)?.sequence_index === 0) break;
			await navigator.jump(-1);
			expect(selected(store)?.id).toBe(target.id);
			await expectTrailRight(client, store);
		}
	});

	it('without a lean list it walks on until a page holds a failure', async () => {
		const {client, store, navigator, failed, theBatch} = await setup();
		store.getState().batchLoaded({...theBatch, items: undefined, items_succeeded: 1}, 1);
		expect(store.getState().batch?.items).toBeUndefined();
		const order = fOrder(failed);
		for (const target of order.slice(0, 4)) {
			await navigator.jump(1);
			expect(selected(store)?.id).toBe(target.id);
			await expectTrailRight(client, store);
		}

		await navigator.jump(-1);
		expect(selected(store)?.id).toBe(order[2]!.id);
	});

	it('in a list built here (the server refused q) it moves through the matching rows', async () => {
		const {client, store, navigator, failed, requests} = await setup(NoQueryServer);
		store.getState().setStatusFilter('failed');
		store.getState().rejectQuery('status_code:failed OR status_code:errored');
		const first = await fetchListPage({client, store, state: store.getState(), cursor: null});
		store.getState().pageLoaded(null, first, 1);
		expect(selected(store)?.id).toBe(failed[0]!.id);
		for (const target of failed.slice(1, 8)) {
			await navigator.jump(1);
			expect(selected(store)?.id).toBe(target.id);
		}

		expect(store.getState().list.cursor).toMatch(/^local:/);
		expect(store.getState().list.trail.length).toBe(1);
		expect(requests(LIST)).toBe(0);
	});

	it('says what it is doing while it walks, and what went wrong', async () => {
		const {store, navigator, failed, sim, requests} = await setup();
		expect(pageOf(failed.at(-1)!)).toBeGreaterThan(1);
		// F from the first page: round to the last failure, walking forward; the next page hangs.
		sim.faults.inject({kind: 'hang'}, {route: '/items?'});
		const walking = navigator.jump(-1);
		await vi.waitFor(() => expect(store.getState().triage.message).toMatch(/^finding previous failure…/), {timeout: 1000, interval: 5});
		expect(store.getState().triage.seeking).toBe(-1);
		expect(navigator.busy).toBe(true);
		// The request is at the server (and hangs there).
		await vi.waitFor(() => expect(requests(LIST)).toBe(1), {timeout: 1000, interval: 5});
		// A second f while it walks does nothing.
		await navigator.jump(1);
		expect(store.getState().triage.seeking).toBe(-1);
		navigator.stop();
		await walking;
		expect(store.getState().triage.seeking).toBeNull();
		expect(store.getState().triage.message).toBeNull();
		expect(store.getState().list.cursor).toBeNull();
		sim.faults.always({kind: 'status', status: 503}, {route: '/items?'});
		await navigator.jump(-1);
		expect(store.getState().triage.message).toMatch(/^could not reach the previous failure: the server failed \(503\)/);
		expect(store.getState().list.cursor).toBeNull();
	});

	it('a server that ignores q gets pages built here from the lean list, the failure read by id, and says so', async () => {
		const {client, store, navigator, failed, requests} = await setup(IgnoresQuery);
		await navigator.jump(-1);
		const last = failed.at(-1)!;
		expect(selected(store)?.id).toBe(last.id);
		expect(selected(store)?.error).toBeTruthy();
		expect(requests(LIST)).toBe(1);
		expect(requests('GET /v1/batches/:id/items/:item_id')).toBe(1);
		expect(pageLine(store.getState(), currentPage(store.getState()))).toContain(
			`page ${pageOf(last) + 1} (last) · items #${pageOf(last) * PAGE}–#59 of 60 · built from the batch's item list`,
		);
		await expectTrailRight(client, store);
	});

	it('says when there is nothing to jump to', async () => {
		const {store, navigator} = await setup();
		store.getState().setStatusFilter('running');
		await navigator.jump(1);
		expect(store.getState().triage.message).toBe('no failed item matches the filter');
	});
});
