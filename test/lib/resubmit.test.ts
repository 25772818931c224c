// Planning a resubmission (pure): the failures only (failed and errored), chunks of at most 100
// per source batch, keys from the source and the ids, the estimate from the cost per succeeded
// item, narrowing by cause or by ids, and the plan said in words.
import {describe, expect, it} from 'vitest';
import {normalizeExportItem, type ExportItem} from '../../source/api/export.js';
import {idempotencyKeyFor} from '../../source/lib/idempotency.js';
import {parseMoney} from '../../source/lib/money.js';
import {costPerSucceededItem, formatEstimate, planLines, planResubmission} from '../../source/lib/resubmit.js';

const MODEL = {owner: 'acme', slug: 'ocr'};

function item(batchId: string, i: number, status: string, extra: Record<string, unknown> = {}): ExportItem {
	return normalizeExportItem(
		{
			id: `${batchId}_it${i}`,
			sequence_index: i,
			status_code: status,
			client_ref: `ref-${i}`,
			input: {n: i},
			error: status === 'succeeded' ? null : {code: i % 2 ? 'OOM' : 'TIMEOUT', message: 'x'},
			...extra,
		},
		batchId,
	);
}

describe('planResubmission', () => {
	it('takes failed and errored items only, in sequence order, with their client_refs and the source in metadata', () => {
		const items = [
			item('b_a', 3, 'failed'),
			item('b_a', 0, 'succeeded'),
			item('b_a', 1, 'errored'),
			item('b_a', 2, 'cancelled'),
			item('b_a', 4, 'partial_succeeded'),
			item('b_a', 5, 'canceled'),
		];
		const plan = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items}], costPerItem: parseMoney('0.04')});
		expect(plan.items).toBe(2);
		expect(plan.chunks).toHaveLength(1);
		const [chunk] = plan.chunks;
		expect(chunk!.itemIds).toEqual(['b_a_it1', 'b_a_it3']);
		expect(chunk!.body).toEqual({
			input: [
				{n: 1, client_ref: 'ref-1'},
				{n: 3, client_ref: 'ref-3'},
			],
			metadata: {resubmitted_from: 'b_a'},
		});
		expect(chunk!.idempotencyKey).toBe(idempotencyKeyFor('b_a', ['b_a_it3', 'b_a_it1']));
		expect(formatEstimate(plan.estimate)).toBe('~$0.08');
		expect(plan.modelName).toBe('acme/ocr');
	});

	it('cuts each source batch into chunks of at most 100, never mixing two sources', () => {
		const big = Array.from({length: 230}, (_, i) => item('b_big', i, 'failed'));
		const small = [item('b_small', 7, 'errored')];
		const plan = planResubmission({
			model: MODEL,
			sources: [
				{batchId: 'b_big', items: big},
				{batchId: 'b_small', items: small},
			],
			costPerItem: null,
		});
		expect(plan.chunks.map((c) => [c.sourceBatchId, c.itemIds.length])).toEqual([
			['b_big', 100],
			['b_big', 100],
			['b_big', 30],
			['b_small', 1],
		]);
		expect(new Set(plan.chunks.map((c) => c.idempotencyKey)).size).toBe(4);
		expect(plan.chunks.every((c) => c.body.metadata!['resubmitted_from'] === c.sourceBatchId)).toBe(true);
		expect(plan.sources).toBe(2);
		expect(plan.estimate).toBeNull();
		expect(planLines(plan)[0]).toBe(
			'resubmit 231 failed items of 2 batches as 4 new batches (at most 100 inputs each) to acme/ocr: cost unknown (no item succeeded yet to tell)',
		);
	});

	it('the same failures give the same keys, in any order they were read', () => {
		const items = Array.from({length: 12}, (_, i) => item('b_a', i, 'failed'));
		const one = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items}], costPerItem: null});
		const two = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items: [...items].reverse()}], costPerItem: null});
		expect(two.chunks).toEqual(one.chunks);
	});

	it('narrows to one cause or to a set of ids', () => {
		const items = Array.from({length: 6}, (_, i) => item('b_a', i, 'failed'));
		const oom = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items}], costPerItem: null, narrowing: {cause: 'OOM'}});
		expect(oom.chunks[0]!.itemIds).toEqual(['b_a_it1', 'b_a_it3', 'b_a_it5']);
		expect(oom.causes).toEqual([{cause: 'OOM', count: 3, sample: 'x'}]);
		const some = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items}], costPerItem: null, narrowing: {ids: ['b_a_it0', 'b_a_it4', 'nope']}});
		expect(some.chunks[0]!.itemIds).toEqual(['b_a_it0', 'b_a_it4']);
	});

	it('leaves out (and says) failed items without an input object, and says a source still running', () => {
		const items = [item('b_a', 0, 'failed', {input: null}), item('b_a', 1, 'failed', {input: [1, 2]}), item('b_a', 2, 'failed')];
		const plan = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items, running: true}], costPerItem: parseMoney('0.0012')});
		expect(plan.items).toBe(1);
		expect(plan.withoutInput).toEqual([
			{batchId: 'b_a', id: 'b_a_it0'},
			{batchId: 'b_a', id: 'b_a_it1'},
		]);
		const lines = planLines(plan);
		expect(lines).toContain("  left out: 2 failed items with no input in the API's answer");
		expect(lines).toContain('  b_a is still running: its later failures are not in this plan');
		expect(lines[0]).toContain('~$0.0012 estimated ($0.0012 per succeeded item so far; failed runs are not billed)');
	});

	it('nothing failed: nothing to resubmit', () => {
		const plan = planResubmission({model: MODEL, sources: [{batchId: 'b_a', items: [item('b_a', 0, 'succeeded')]}], costPerItem: null});
		expect(plan.chunks).toEqual([]);
		expect(planLines(plan)).toEqual(['nothing to resubmit: no failed item with an input']);
	});
});

describe('the estimate', () => {
	it('is the cost over the succeeded items, exact, then × the items; ~$ in cents', () => {
		expect(
			costPerSucceededItem([
				{cost: '0.30', items_succeeded: 10},
				{cost: '0.26', items_succeeded: 4},
			]),
		).toBe(parseMoney('0.04'));
		expect(costPerSucceededItem([{cost: '0.30', items_succeeded: 0}])).toBeNull();
		expect(costPerSucceededItem([{cost: null, items_succeeded: 3}])).toBeNull();
		expect(formatEstimate(parseMoney('0.555'))).toBe('~$0.56');
		expect(formatEstimate(parseMoney('1234.5'))).toBe('~$1,234.50');
		expect(formatEstimate(parseMoney('0.004'))).toBe('~$0.0040');
		expect(formatEstimate(0n)).toBe('~$0.00');
		expect(formatEstimate(null)).toBe('cost unknown');
	});
});
