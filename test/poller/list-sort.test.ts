// fetchListPage's order, against the simulator: `sortBy` goes to the server as sort_by on every
// page (the order holds across pages); a server that refuses it (422) is asked again without it,
// the caller told, and never asked with it again in the session.
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {BatchItem} from '../../source/api/types.js';
import {honoursOrder, orderById} from '../../source/lib/order.js';
import {fetchListPage, sortRefused} from '../../source/poller/list-source.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ID = 'b_order';
const COST = orderById('cost').sortBy!;

async function setup(refuseParams?: string[]) {
	const h = await controlledSim({batches: [batch(ID, {items: 30, durationMs: 10_000, failureRate: 0.2, seed: 5})], refuseParams});
	h.setTime(9000);
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize: 10});
	store.getState().batchLoaded(await client.getBatch(ID), 0);
	h.sim.stats.reset();
	const refused: string[] = [];
	const page = async (cursor: string | null, sortBy: string | null = COST) =>
		fetchListPage({client, store, state: store.getState(), cursor, sortBy, onSortRefused: (s) => refused.push(s)});
	const sortParams = () => h.sim.stats.urls.map((url) => new URL(url, 'http://x').searchParams.get('sort_by'));
	return {...h, client, store, page, refused, sortParams};
}

describe('fetchListPage with an order', () => {
	it('asks the server for sort_by on every page: most expensive first across pages, nothing reported refused', async () => {
		const {page, refused, sortParams, client} = await setup();
		const rows: BatchItem[] = [];
		let cursor: string | null = null;
		do {
			const next = await page(cursor);
			rows.push(...next.items);
			cursor = next.next;
		} while (cursor);
		expect(rows).toHaveLength(30);
		expect(honoursOrder(rows, 'cost')).toBe(true);
		expect(rows.map((r) => r.sequence_index)).not.toEqual([...rows.map((r) => r.sequence_index)].sort((a, b) => a - b));
		expect(sortParams()).toEqual([COST, COST, COST]);
		expect(refused).toEqual([]);
		expect(sortRefused(client)).toBe(false);
	});

	it("without an order: no sort_by, the server's default order", async () => {
		const {page, sortParams} = await setup();
		const first = await page(null, null);
		expect(first.items.map((r) => r.sequence_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(sortParams()).toEqual([null]);
	});

	it('a server that refuses sort_by (422): the page again without it, the caller told, never asked with it again', async () => {
		const {page, refused, sortParams, client, sim} = await setup(['sort_by']);
		const first = await page(null);
		expect(first.items.map((r) => r.sequence_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(sortParams()).toEqual([COST, null]);
		expect(refused).toEqual([COST]);
		expect(sortRefused(client)).toBe(true);

		sim.stats.reset();
		const second = await page(first.next);
		expect(second.items.map((r) => r.sequence_index)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
		expect(sortParams()).toEqual([null]);
		expect(refused).toEqual([COST, COST]);
	});

	it('with a filter: sort_by refused, the q kept', async () => {
		const {page, refused, store, sim} = await setup(['sort_by']);
		store.getState().setStatusFilter('failed');
		const failed = await page(null);
		expect(failed.items.length).toBeGreaterThan(0);
		expect(failed.items.every((r) => r.status_code === 'failed' || r.status_code === 'errored')).toBe(true);
		const urls = sim.stats.urls.map((url) => new URL(url, 'http://x').searchParams);
		expect(urls.map((p) => [p.get('sort_by'), p.has('q')])).toEqual([
			[COST, true],
			[null, true],
		]);
		expect(refused).toEqual([COST]);
	});
});
