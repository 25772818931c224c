// The orders `o` cycles through: their names, what they ask the server for, and how rows held
// here are sorted (nulls last, ties by sequence) and checked.
import {describe, expect, test} from 'vitest';
import type {BatchItem} from '../../source/api/types.js';
import {compareItems, DEFAULT_ORDER, honoursOrder, nextOrder, orderById, ORDERS, sortItems, type OrderId} from '../../source/lib/order.js';

const T = Date.UTC(2026, 3, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const S = 1000;

function item(i: number, patch: Partial<BatchItem> = {}): BatchItem {
	return {id: `i${i}`, sequence_index: i, run_id: null, status_code: 'succeeded', ...patch};
}

const seq = (items: readonly BatchItem[]) => items.map((i) => i.sequence_index);

describe('the orders', () => {
	test('o cycles by sequence → most recently finished → longest running → most expensive → by sequence', () => {
		expect(DEFAULT_ORDER).toBe('sequence');
		const seen: OrderId[] = [DEFAULT_ORDER];
		for (let i = 0; i < 4; i++) seen.push(nextOrder(seen.at(-1)!));
		expect(seen).toEqual(['sequence', 'finished', 'running', 'cost', 'sequence']);
	});

	test('each says its name, long and short, and the sort_by it asks for', () => {
		expect(ORDERS.map((o) => [o.id, o.long, o.short, o.sortBy, o.localOnly])).toEqual([
			['sequence', 'by sequence', 'seq', null, false],
			['finished', 'most recently finished', 'recent', 'completed_at:desc', false],
			['running', 'longest running', 'longest', null, true],
			['cost', 'most expensive', 'costly', 'cost:desc', false],
		]);
		expect(orderById('cost').sortBy).toBe('cost:desc');
		for (const order of ORDERS) expect(order.short.length).toBeLessThanOrEqual(order.long.length);
	});
});

describe('sorting rows held', () => {
	test('by sequence', () => {
		expect(seq(sortItems([item(3), item(1), item(2)], 'sequence'))).toEqual([1, 2, 3]);
	});

	test('most recently finished: completed_at desc, Z and +00:00 alike, unfinished last by sequence, ties by sequence', () => {
		const items = [
			item(0, {status_code: 'running', completed_at: null}),
			item(1, {completed_at: iso(T + 10 * S)}),
			item(2, {completed_at: '2026-04-01T12:00:30+00:00'}),
			item(3, {status_code: 'queued'}),
			item(4, {completed_at: iso(T + 30 * S)}),
			item(5, {completed_at: 'not a time'}),
			item(6, {completed_at: iso(T + 10 * S)}),
		];
		expect(seq(sortItems(items, 'finished'))).toEqual([2, 4, 1, 6, 0, 3, 5]);
	});

	test('most expensive: cost as an exact amount, not text; null and unreadable costs last', () => {
		const items = [
			item(0, {cost: '9.5'}),
			item(1, {cost: '10.25'}),
			item(2, {cost: null, status_code: 'running'}),
			item(3, {cost: '0.0123'}),
			item(4, {cost: '0.10000000000000000001'}),
			item(5, {cost: '0.1'}),
			item(6, {cost: 'free'}),
			item(7, {cost: '1e1'}),
		];
		// As text, '9.5' would come before '10.25'; 0.1000…01 and 0.1 are the same nano-dollars: a tie, by sequence.
		expect(seq(sortItems(items, 'cost'))).toEqual([1, 7, 0, 4, 5, 3, 2, 6]);
	});

	test('longest running: running by how long they ran (earliest start first), then finished by run time, queued last', () => {
		const items = [
			item(0, {status_code: 'queued'}),
			item(1, {status_code: 'running', started_at: iso(T + 50 * S)}),
			item(2, {started_at: iso(T), completed_at: iso(T + 5 * S)}),
			item(3, {status_code: 'running', started_at: iso(T + 10 * S)}),
			item(4, {status_code: 'failed', started_at: iso(T), completed_at: iso(T + 90 * S)}),
			item(5, {status_code: 'dispatching'}),
			item(6, {status_code: 'cancelled'}),
			item(7, {status_code: 'some_new_state', run: {started_at: iso(T + 20 * S)}}),
			item(8, {started_at: iso(T), completed_at: iso(T + 5 * S)}),
		];
		expect(seq(sortItems(items, 'running'))).toEqual([3, 7, 1, 5, 4, 2, 8, 6, 0]);
	});

	test('does not change the array it is given, and an unknown order id sorts by sequence', () => {
		const items = [item(2), item(1)];
		sortItems(items, 'cost');
		expect(seq(items)).toEqual([2, 1]);
		expect(compareItems('nope' as OrderId)(item(2), item(1))).toBeGreaterThan(0);
	});
});

describe('checking a page the server sorted', () => {
	const cost = (i: number, value: string | null) => item(i, {cost: value});
	test('its key never goes up; nulls at one end, either one', () => {
		expect(honoursOrder([cost(5, '2'), cost(1, '1.5'), cost(9, '1.5'), cost(3, null)], 'cost')).toBe(true);
		expect(honoursOrder([cost(3, null), cost(4, null), cost(5, '2'), cost(1, '0.5')], 'cost')).toBe(true);
		expect(honoursOrder([cost(3, null), cost(4, null)], 'cost')).toBe(true);
		expect(honoursOrder([], 'finished')).toBe(true);
	});

	test('a page in sequence order (the server ignored sort_by), nulls in the middle or at both ends: not in order', () => {
		expect(honoursOrder([cost(1, '0.5'), cost(2, '2'), cost(3, '1')], 'cost')).toBe(false);
		expect(honoursOrder([cost(1, '2'), cost(2, null), cost(3, '1')], 'cost')).toBe(false);
		expect(honoursOrder([cost(1, null), cost(2, '2'), cost(3, null)], 'cost')).toBe(false);
		const done = (i: number, at: number) => item(i, {completed_at: iso(at)});
		expect(honoursOrder([done(1, T), done(2, T + S)], 'finished')).toBe(false);
		expect(honoursOrder([done(2, T + S), done(1, T)], 'finished')).toBe(true);
	});

	test('by sequence and longest running: as the rows held are sorted', () => {
		expect(honoursOrder([item(1), item(2)], 'sequence')).toBe(true);
		expect(honoursOrder([item(2), item(1)], 'sequence')).toBe(false);
		const early = item(1, {status_code: 'running', started_at: iso(T)});
		const late = item(0, {status_code: 'running', started_at: iso(T + S)});
		expect(honoursOrder([early, late], 'running')).toBe(true);
		expect(honoursOrder([late, early], 'running')).toBe(false);
	});
});
