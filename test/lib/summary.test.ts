import {describe, expect, it} from 'vitest';
import type {Batch, BatchItem, LeanItem} from '../../source/api/types.js';
import {IN_PROGRESS_STATUS, itemCost, summarizeBatch} from '../../source/lib/summary.js';

function batch(overrides: Partial<Batch> = {}): Batch {
	return {
		id: 'b1',
		status_code: 'running',
		items_total: 0,
		items_succeeded: 0,
		items_failed: 0,
		items_cancelled: 0,
		cost: null,
		...overrides,
	};
}

function lean(statuses: string[]): LeanItem[] {
	return statuses.map((status_code, index) => ({id: `i${index}`, sequence_index: index, run_id: null, status_code}));
}

function item(cost: string | null, extra: Partial<BatchItem> = {}): BatchItem {
	return {id: Math.random().toString(36), sequence_index: 0, run_id: null, status_code: 'succeeded', cost, ...extra};
}

describe('summarizeBatch from the lean item list', () => {
	it('counts every status, unknown ones as they are', () => {
		const summary = summarizeBatch(
			batch({
				items_total: 10,
				items: lean(['queued', 'running', 'running', 'succeeded', 'partial_succeeded', 'failed', 'errored', 'cancelled', 'cancelled', 'paused']),
			}),
		);
		expect(summary.source).toBe('items');
		expect(summary.total).toBe(10);
		expect(summary.finished).toBe(6);
		expect(summary.inFlight).toBe(4); // queued, running ×2 and the unknown 'paused'
		expect(summary.succeeded).toBe(2);
		expect(summary.failed).toBe(2);
		expect(summary.cancelled).toBe(2);
		expect(summary.fraction).toBeCloseTo(0.6);
		expect(summary.counts.map((count) => [count.status, count.count])).toEqual([
			['queued', 1],
			['running', 2],
			['succeeded', 1],
			['partial_succeeded', 1],
			['failed', 1],
			['errored', 1],
			['cancelled', 2],
			['paused', 1],
		]);
		expect(summary.counts[1]!.share).toBeCloseTo(0.2);
		expect(summary.counts.reduce((sum, count) => sum + count.share, 0)).toBeCloseTo(1);
	});

	it('prefers the list over stale counters and never has a total below the list', () => {
		const summary = summarizeBatch(batch({items_total: 2, items_succeeded: 0, items: lean(['succeeded', 'succeeded', 'failed'])}));
		expect(summary.source).toBe('items');
		expect(summary.total).toBe(3);
		expect(summary.succeeded).toBe(2);
		expect(summary.fraction).toBe(1);
	});

	it('counts duplicate rows once', () => {
		const rows = lean(['running', 'succeeded']);
		const summary = summarizeBatch(batch({items_total: 2, items: [...rows, {...rows[0]!, status_code: 'failed'}]}));
		expect(summary.total).toBe(2);
		expect(summary.failed).toBe(1);
		expect(summary.succeeded).toBe(1);
		expect(summary.inFlight).toBe(0);
	});

	it('treats missing statuses as unknown, in flight', () => {
		const rows = lean(['succeeded', 'x']);
		rows[1] = {...rows[1]!, status_code: undefined as unknown as string};
		const summary = summarizeBatch(batch({items_total: 2, items: rows}));
		expect(summary.counts.map((count) => count.status)).toEqual(['succeeded', 'unknown']);
		expect(summary.inFlight).toBe(1);
	});

	it('handles an empty batch', () => {
		const summary = summarizeBatch(batch({items: []}));
		expect(summary.source).toBe('items');
		expect(summary.total).toBe(0);
		expect(summary.fraction).toBe(0);
		expect(summary.counts).toEqual([]);
	});
});

describe('summarizeBatch from the counters', () => {
	it('is used when the list is missing or incomplete', () => {
		for (const items of [undefined, lean(['succeeded'])]) {
			const summary = summarizeBatch(batch({items_total: 10, items_succeeded: 4, items_failed: 2, items_cancelled: 1, items}));
			expect(summary.source).toBe('counters');
			expect(summary.total).toBe(10);
			expect(summary.finished).toBe(7);
			expect(summary.inFlight).toBe(3);
			expect(summary.succeeded).toBe(4);
			expect(summary.failed).toBe(2);
			expect(summary.cancelled).toBe(1);
			expect(summary.fraction).toBeCloseTo(0.7);
			expect(summary.counts.map((count) => [count.status, count.count])).toEqual([
				[IN_PROGRESS_STATUS, 3],
				['succeeded', 4],
				['failed', 2],
				['cancelled', 1],
			]);
		}
	});

	it('never goes negative when counters exceed the total', () => {
		const summary = summarizeBatch(batch({items_total: 3, items_succeeded: 3, items_failed: 2}));
		expect(summary.total).toBe(5);
		expect(summary.inFlight).toBe(0);
		expect(summary.fraction).toBe(1);
		expect(summary.counts.map((count) => count.status)).toEqual(['succeeded', 'failed']);
	});

	it('treats missing or NaN counters as 0', () => {
		const broken = {
			id: 'b',
			status_code: 'running',
			items_total: 4,
			items_succeeded: Number.NaN,
			items_failed: undefined,
			items_cancelled: null,
			cost: null,
		} as unknown as Batch;
		const summary = summarizeBatch(broken);
		expect(summary.finished).toBe(0);
		expect(summary.inFlight).toBe(4);
		expect(summary.counts).toEqual([{status: IN_PROGRESS_STATUS, count: 4, share: 1}]);

		const empty = summarizeBatch({id: 'b', status_code: 'queued'} as unknown as Batch);
		expect(empty.total).toBe(0);
		expect(empty.fraction).toBe(0);
		expect(empty.counts).toEqual([]);
	});
});

describe('summarizeBatch cost', () => {
	it('parses the batch cost', () => {
		expect(summarizeBatch(batch({cost: '1.25'})).cost).toBe(1_250_000_000n);
	});

	it('falls back to the held items when the batch has none', () => {
		const held = [item('0.1'), item('0.2'), item(null), item(null, {run: {cost: '0.05'}})];
		expect(summarizeBatch(batch({cost: null}), held).cost).toBe(350_000_000n);
		expect(summarizeBatch(batch({cost: 'garbage'}), held).cost).toBe(350_000_000n);
	});

	it('keeps the batch cost over the held items', () => {
		expect(summarizeBatch(batch({cost: '2'}), [item('0.1')]).cost).toBe(2_000_000_000n);
	});

	it('is null when nothing is known', () => {
		expect(summarizeBatch(batch()).cost).toBeNull();
		expect(summarizeBatch(batch(), [item(null)]).cost).toBeNull();
		expect(summarizeBatch(batch(), []).cost).toBeNull();
	});

	it('itemCost prefers the item over its run', () => {
		expect(itemCost(item('1', {run: {cost: '2'}}))).toBe('1');
		expect(itemCost(item(null, {run: {cost: '2'}}))).toBe('2');
		expect(itemCost(item(null))).toBeNull();
	});
});
