// Fetching why items failed, against the simulator: one list call with q, by id when the
// server refuses q (a real 422) or when told not to use it, each id once, held pages first.
import {describe, expect, it} from 'vitest';
import {RunflowClient, type CallOptions} from '../../source/api/client.js';
import type {BatchItem, ListParams, Page} from '../../source/api/types.js';
import {failureCause} from '../../source/lib/failures.js';
import {isFailure} from '../../source/lib/status.js';
import {FAILURE_QUERY, slimFailure} from '../../source/lib/triage.js';
import {FailureFetcher} from '../../source/poller/failures.js';
import {fetchListPage} from '../../source/poller/list-source.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {MAX_CAUSES} from '../../source/store/triage-state.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ID = 'b_triage';
const LIST = 'GET /v1/batches/:id/items';
const ONE = 'GET /v1/batches/:id/items/:item_id';

/** A client that spoils every q it sends, so the simulator answers 422 as a server without q would. */
class NoQueryServer extends RunflowClient {
	override async listItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<BatchItem>> {
		return super.listItems(batchId, params.q ? {...params, q: `${params.q} AND`} : params, call);
	}
}

/** Records the ids asked for one by one, and how many were in flight at once. */
class Recording extends RunflowClient {
	asked: string[] = [];
	inFlight = 0;
	maxInFlight = 0;
	override async getItem(batchId: string, itemId: string, params?: Pick<ListParams, 'embed' | 'fields'>, call?: CallOptions): Promise<BatchItem> {
		this.asked.push(itemId);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			return await super.getItem(batchId, itemId, params, call);
		} finally {
			this.inFlight--;
		}
	}
}

async function setup<C extends RunflowClient>(Client: new (options: ConstructorParameters<typeof RunflowClient>[0]) => C, items = 60) {
	const h = await controlledSim({batches: [batch(ID, {items, durationMs: 10_000, failureRate: 0.3, seed: 3})]});
	h.setTime(20_000);
	const client = new Client({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize: 10});
	store.getState().batchLoaded(await client.getBatch(ID), 0);
	// What the causes must be: every item, with its run, in one plain list.
	const all = (await new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey}).listItems(ID, {limit: 500, embed: 'run'})).items;
	const expected = new Map(all.filter((i) => isFailure(i.status_code)).map((i) => [i.id, failureCause(i)]));
	h.sim.stats.reset();
	const requests = (route: string) => h.sim.stats.byRoute[route]?.requests ?? 0;
	return {...h, client, store, expected, all, requests};
}

const causesOf = (store: AppStore) => new Map([...store.getState().triage.causes].map(([id, item]) => [id, failureCause(item)]));

describe('FailureFetcher', () => {
	it('gets every cause with one list call filtered by q, then asks nothing more', async () => {
		const {client, store, expected, requests, sim} = await setup(RunflowClient);
		expect(expected.size).toBeGreaterThan(10);
		expect(new Set(expected.values()).size).toBeGreaterThan(2);
		const fetcher = new FailureFetcher({client, store});
		await fetcher.step();
		expect(causesOf(store)).toEqual(expected);
		expect(requests(LIST)).toBe(1);
		expect(requests(ONE)).toBe(0);
		expect(store.getState().triage.rejectedQueries.size).toBe(0);
		sim.stats.reset();
		await fetcher.step();
		expect(sim.stats.requests).toBe(0);
	});

	it('falls back to one item at a time when the server answers 422 to q, and never asks q again', async () => {
		const {client, store, expected, requests} = await setup(NoQueryServer);
		const fetcher = new FailureFetcher({client, store, perStep: 4});
		await fetcher.step();
		expect(store.getState().triage.rejectedQueries.has(FAILURE_QUERY)).toBe(true);
		expect(requests(LIST)).toBe(1);
		expect(requests(ONE)).toBe(4);
		for (let i = 0; i < 20 && causesOf(store).size < expected.size; i++) await fetcher.step();
		expect(causesOf(store)).toEqual(expected);
		expect(requests(LIST)).toBe(1);
		expect(requests(ONE)).toBe(expected.size);
	});

	it('with useQuery: false, fetches each failed id once, a few per step, never one twice at once', async () => {
		const {client, store, expected, requests} = await setup(Recording);
		const fetcher = new FailureFetcher({client, store, useQuery: false, perStep: 3});
		// Two rounds at once (as a slow tick overlapping another could): the ids in flight are not asked again.
		await Promise.all([fetcher.step(), fetcher.step()]);
		expect(new Set(client.asked).size).toBe(client.asked.length);
		expect(client.maxInFlight).toBeLessThanOrEqual(6);
		for (let i = 0; i < 30 && causesOf(store).size < expected.size; i++) await fetcher.step();
		expect(causesOf(store)).toEqual(expected);
		expect(requests(LIST)).toBe(0);
		expect(client.asked.sort()).toEqual([...expected.keys()].sort());
	});

	it('counts failed items already on held pages without asking for them', async () => {
		const {client, store, expected, all, requests} = await setup(Recording);
		const firstPage = all.slice(0, 30);
		store.getState().pageLoaded(null, {items: firstPage, first: null, next: 'x', previous: null}, 0);
		const held = firstPage.filter((i) => isFailure(i.status_code)).map((i) => i.id);
		expect(held.length).toBeGreaterThan(0);
		const fetcher = new FailureFetcher({client, store, useQuery: false, perStep: 50});
		await fetcher.step();
		expect(causesOf(store)).toEqual(expected);
		expect(client.asked.filter((id) => held.includes(id))).toEqual([]);
		expect(requests(ONE)).toBe(expected.size - held.length);
	});

	it('asks again for an id after a retryable failure (up to 3 times), never after a 404', async () => {
		const {client, store, expected, sim, all} = await setup(Recording);
		const theBatch = store.getState().batch!;
		// One more failed item the server does not know.
		store
			.getState()
			.batchLoaded(
				{...theBatch, items_total: 61, items: [...theBatch.items!, {id: 'bi_gone', sequence_index: 60, run_id: null, status_code: 'failed'}]},
				1,
			);
		const fetcher = new FailureFetcher({client, store, useQuery: false, perStep: 50});
		const first = all.find((i) => isFailure(i.status_code))!;
		sim.faults.inject({kind: 'status', status: 503}, {route: `/items/${first.id}`, count: 2});
		for (let i = 0; i < 6; i++) await fetcher.step();
		expect(causesOf(store)).toEqual(expected);
		expect(client.asked.filter((id) => id === 'bi_gone')).toHaveLength(1);
		expect(client.asked.filter((id) => id === first.id)).toHaveLength(3);
	});

	it('many missing but few of them: by id, no list of the whole failure set', async () => {
		const {client, store, expected, all, requests} = await setup(RunflowClient);
		// All but two causes known already.
		const failedItems = all.filter((i) => isFailure(i.status_code));
		store.getState().recordFailures(failedItems.slice(2));
		await new FailureFetcher({client, store}).step();
		expect(causesOf(store)).toEqual(expected);
		expect(requests(LIST)).toBe(0);
		expect(requests(ONE)).toBe(2);
	});
});

describe('the causes held', () => {
	it('are capped, keep the first seen, and take the run when the first lacked it', () => {
		const store = createAppStore({batchId: 'b', pageSize: 10});
		const item = (i: number, patch: Partial<BatchItem> = {}): BatchItem => ({
			id: `i${i}`,
			sequence_index: i,
			run_id: null,
			status_code: 'failed',
			...patch,
		});
		store.getState().recordFailures([item(1, {error: {code: 'FIRST'}}), item(2), item(3, {status_code: 'succeeded'})]);
		store.getState().recordFailures([item(1, {error: {code: 'SECOND'}}), item(2, {run: {failure_code: 'OOM'}})]);
		const {causes} = store.getState().triage;
		expect([...causes.keys()]).toEqual(['i1', 'i2']);
		expect(failureCause(causes.get('i1')!)).toBe('FIRST');
		expect(failureCause(causes.get('i2')!)).toBe('OOM');
		const many = Array.from({length: MAX_CAUSES + 50}, (_, i) => item(i + 10, {error: {code: 'E'}}));
		store.getState().recordFailures(many);
		expect(store.getState().triage.causes.size).toBe(MAX_CAUSES);
		const before = store.getState().triage.causes;
		store.getState().recordFailures([item(99_999)]);
		expect(store.getState().triage.causes).toBe(before);
		expect(slimFailure(item(1)).id).toBe('i1');
	});
});

describe('the filtered list', () => {
	it('asks the server with q, and shows only matching rows', async () => {
		const {client, store, all, requests} = await setup(RunflowClient);
		store.getState().setStatusFilter('failed');
		const page = await fetchListPage({client, store, state: store.getState(), cursor: null});
		const failed = all.filter((i) => isFailure(i.status_code));
		expect(page.items.map((i) => i.id)).toEqual(failed.slice(0, 10).map((i) => i.id));
		expect(page.next).not.toBeNull();
		expect(requests(LIST)).toBe(1);
		const second = await fetchListPage({client, store, state: store.getState(), cursor: page.next});
		expect(second.items.map((i) => i.id)).toEqual(failed.slice(10, 20).map((i) => i.id));
		store.getState().setTextFilter('001');
		const both = await fetchListPage({client, store, state: store.getState(), cursor: null});
		const expected = failed.filter((i) => i.client_ref?.includes('001')).map((i) => i.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(failed.length);
		expect(both.items.map((i) => i.id)).toEqual(expected.slice(0, 10));
	});

	it('drops rows that do not match even when the server ignored the q', async () => {
		class IgnoresQ extends RunflowClient {
			override async listItems(batchId: string, params: ListParams = {}, call?: CallOptions) {
				return super.listItems(batchId, {...params, q: undefined}, call);
			}
		}

		const {client, store} = await setup(IgnoresQ);
		store.getState().setStatusFilter('failed');
		const page = await fetchListPage({client, store, state: store.getState(), cursor: null});
		expect(page.items.every((i) => isFailure(i.status_code))).toBe(true);
	});

	it('after a 422 to its q, builds the pages here from the lean list, with their own cursors', async () => {
		const {client, store, all, requests, sim} = await setup(NoQueryServer);
		store.getState().setStatusFilter('failed');
		const page = await fetchListPage({client, store, state: store.getState(), cursor: null});
		expect(requests(LIST)).toBe(1);
		const failed = all.filter((i) => isFailure(i.status_code));
		expect(page.items.map((i) => i.id)).toEqual(failed.slice(0, 10).map((i) => i.id));
		expect(page.items.every((i) => i.client_ref !== undefined && i.run_id !== undefined)).toBe(true);
		sim.stats.reset();
		const second = await fetchListPage({client, store, state: store.getState(), cursor: page.next});
		expect(second.items.map((i) => i.id)).toEqual(failed.slice(10, 20).map((i) => i.id));
		// Built here: no list request, the q is not tried again.
		expect(requests(LIST)).toBe(0);
	});
});
