// The simulator sorts the item list by the fields the `o` orders ask for (lib/order.ts): cost
// as an amount, timestamps (Z and +00:00 alike) with nulls last ascending and first descending
// (as PostgreSQL does), across pages; and a server told to refuse sort_by answers 422.
import {describe, expect, test} from 'vitest';
import type {BatchItem, Page} from '../source/api/types.js';
import {parseMoney} from '../source/lib/money.js';
import {parseTimestamp} from '../source/lib/timestamps.js';
import {honoursOrder} from '../source/lib/order.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from './helpers/sim.js';

closeSimulatorsAfterEach();

const ITEMS = '/v1/batches/b_s/items';

async function get(url: string, key: string, path: string): Promise<{status: number; body: any}> {
	const response = await fetch(url + path, {headers: {authorization: `Bearer ${key}`}});
	return {status: response.status, body: await response.json()};
}

/** Every row, page after page, in the order asked. */
async function walk(url: string, key: string, sortBy: string, limit = 7): Promise<BatchItem[]> {
	const rows: BatchItem[] = [];
	let path: string | null = `${ITEMS}?limit=${limit}&sort_by=${encodeURIComponent(sortBy)}`;
	while (path) {
		const {status, body}: {status: number; body: Page<BatchItem>} = await get(url, key, path);
		expect(status).toBe(200);
		rows.push(...body.items);
		path = body.next ? `${ITEMS}?limit=${limit}&pq=${encodeURIComponent(body.next)}` : null;
	}

	return rows;
}

/** The keys, nulls kept where they are. */
const keysOf = <K>(rows: readonly BatchItem[], key: (item: BatchItem) => K) => rows.map(key);
const nonNull = <K>(keys: readonly (K | null)[]) => keys.filter((k): k is K => k !== null);

describe('the simulator sorts by the fields the orders ask for', () => {
	test('cost:desc as an amount across pages, unfinished (null) first; cost:asc nulls last', async () => {
		const h = await controlledSim({batches: [batch('b_s', {items: 40, durationMs: 20_000, failureRate: 0.2, cancelRate: 0.1, seed: 3})]});
		h.setTime(12_000);
		const desc = await walk(h.sim.url, h.sim.apiKey, 'cost:desc');
		expect(desc).toHaveLength(40);
		const costs = keysOf(desc, (item) => parseMoney(item.cost));
		const nulls = costs.filter((c) => c === null).length;
		expect(nulls).toBeGreaterThan(0);
		expect(nulls).toBeLessThan(40);
		expect(costs.slice(0, nulls).every((c) => c === null)).toBe(true);
		const amounts = nonNull(costs);
		expect(amounts).toEqual([...amounts].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
		expect(honoursOrder(desc, 'cost')).toBe(true);

		const asc = await walk(h.sim.url, h.sim.apiKey, 'cost:asc', 9);
		const ascCosts = keysOf(asc, (item) => parseMoney(item.cost));
		expect(ascCosts.slice(-nulls).every((c) => c === null)).toBe(true);
		expect(nonNull(ascCosts)).toEqual([...amounts].reverse().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	});

	test('completed_at:desc and started_at:asc: by the instant (Z and +00:00 both occur), nulls at the end the direction puts them', async () => {
		const h = await controlledSim({batches: [batch('b_s', {items: 30, durationMs: 30_000, seed: 11})]});
		h.setTime(15_000);
		const finished = await walk(h.sim.url, h.sim.apiKey, 'completed_at:desc');
		const times = keysOf(finished, (item) => parseTimestamp(item.completed_at));
		expect(finished.some((item) => item.completed_at?.endsWith('+00:00'))).toBe(true);
		expect(finished.some((item) => item.completed_at?.endsWith('Z'))).toBe(true);
		const nulls = times.filter((t) => t === null).length;
		expect(nulls).toBeGreaterThan(0);
		expect(times.slice(0, nulls).every((t) => t === null)).toBe(true);
		expect(nonNull(times)).toEqual([...nonNull(times)].sort((a, b) => b - a));
		expect(honoursOrder(finished, 'finished')).toBe(true);

		const started = await walk(h.sim.url, h.sim.apiKey, 'started_at:asc');
		const starts = keysOf(started, (item) => parseTimestamp(item.started_at));
		const firstNull = starts.indexOf(null);
		expect(firstNull).toBeGreaterThan(0);
		expect(starts.slice(firstNull).every((t) => t === null)).toBe(true);
		expect(nonNull(starts)).toEqual([...nonNull(starts)].sort((a, b) => a - b));
	});

	test('a server told to refuse sort_by answers 422 naming it, for every field; without it, the list', async () => {
		const h = await controlledSim({batches: [batch('b_s')], refuseParams: ['sort_by']});
		for (const sortBy of ['cost:desc', 'completed_at:desc', 'sequence_index:asc']) {
			const {status, body} = await get(h.sim.url, h.sim.apiKey, `${ITEMS}?sort_by=${encodeURIComponent(sortBy)}`);
			expect(status).toBe(422);
			expect(body.errors[0].field).toBe('sort_by');
		}

		expect((await get(h.sim.url, h.sim.apiKey, ITEMS)).status).toBe(200);
	});
});
