// The one "next match, in a direction, wrapping round" walk, and the job's f/F on it.
import {describe, expect, it} from 'vitest';
import type {Batch, LeanItem} from '../../source/api/types.js';
import {newJobEntry, pickJobFailure, type JobEntry} from '../../source/lib/job-rows.js';
import {fromEdge, nextMatch, standingBefore} from '../../source/lib/next-match.js';

const odd = (n: number) => n % 2 === 1;

describe('nextMatch', () => {
	const items = [0, 1, 2, 3, 4, 5];

	it('takes the next match after where it stands, going round past the end', () => {
		expect(nextMatch(items, 1, 1, odd)).toEqual({index: 3, item: 3, wrapped: false});
		expect(nextMatch(items, 5, 1, odd)).toEqual({index: 1, item: 1, wrapped: true});
		expect(nextMatch(items, 4, -1, odd)).toEqual({index: 3, item: 3, wrapped: false});
		expect(nextMatch(items, 1, -1, odd)).toEqual({index: 5, item: 5, wrapped: true});
	});

	it('comes back to where it stands last: the only match is its own next, wrapped', () => {
		expect(nextMatch([0, 3, 4], 1, 1, odd)).toEqual({index: 1, item: 3, wrapped: true});
		expect(nextMatch([0, 3, 4], 1, -1, odd)).toEqual({index: 1, item: 3, wrapped: true});
	});

	it('starts at an end from the edge, without wrapping; any item by default', () => {
		expect(nextMatch(items, fromEdge(items, 1), 1, odd)).toEqual({index: 1, item: 1, wrapped: false});
		expect(nextMatch(items, fromEdge(items, -1), -1, odd)).toEqual({index: 5, item: 5, wrapped: false});
		expect(nextMatch(items, 2, 1)).toEqual({index: 3, item: 3, wrapped: false});
	});

	it('stops at the end when told not to wrap; null when nothing matches', () => {
		expect(nextMatch(items, 5, 1, odd, {wrap: false})).toBeNull();
		expect(nextMatch(items, 0, -1, odd, {wrap: false})).toBeNull();
		expect(nextMatch([0, 2, 4], 0, 1, odd)).toBeNull();
		expect(nextMatch([], -1, 1)).toBeNull();
	});
});

describe('standingBefore', () => {
	const seqs = [2, 5, 9];

	it('stands just before the first item past the place, or at the far end when none is', () => {
		expect(standingBefore(seqs, 1, (s) => s > 5)).toBe(1);
		expect(
			nextMatch(
				seqs,
				standingBefore(seqs, 1, (s) => s > 5),
				1,
			)?.item,
		).toBe(9);
		expect(
			nextMatch(
				seqs,
				standingBefore(seqs, 1, (s) => s > 9),
				1,
			),
		).toMatchObject({item: 2, wrapped: true});
		expect(
			nextMatch(
				seqs,
				standingBefore(seqs, -1, (s) => s < 5),
				-1,
			),
		).toMatchObject({item: 2, wrapped: false});
		expect(
			nextMatch(
				seqs,
				standingBefore(seqs, -1, (s) => s < 2),
				-1,
			),
		).toMatchObject({item: 9, wrapped: true});
	});
});

describe('pickJobFailure', () => {
	const lean = (sequence_index: number, status_code: string): LeanItem => ({id: `i${sequence_index}`, sequence_index, status_code, run_id: null}) as LeanItem;
	const entry = (id: string, items: LeanItem[]): JobEntry => ({...newJobEntry(id), batch: {id, items} as unknown as Batch});
	const ids = ['a', 'b', 'c'];
	const batches = {
		a: entry('a', [lean(0, 'failed'), lean(1, 'succeeded'), lean(4, 'errored')]),
		b: entry('b', [lean(0, 'succeeded')]),
		c: entry('c', [lean(3, 'failed'), lean(1, 'failed')]),
	};
	const at = (pick: ReturnType<typeof pickJobFailure>) => pick && [pick.batchId, pick.target.sequence_index, pick.wrapped];

	it('goes on within the batch, then to the next batch with a failure, then round the job', () => {
		expect(at(pickJobFailure(ids, batches, {batchId: 'a', seq: 0}, 1))).toEqual(['a', 4, false]);
		expect(at(pickJobFailure(ids, batches, {batchId: 'a', seq: 4}, 1))).toEqual(['c', 1, false]);
		expect(at(pickJobFailure(ids, batches, {batchId: 'c', seq: 3}, 1))).toEqual(['a', 0, true]);
		expect(at(pickJobFailure(ids, batches, {batchId: 'b', seq: null}, 1))).toEqual(['c', 1, false]);
	});

	it("goes back the same way, from a batch's end without an item", () => {
		expect(at(pickJobFailure(ids, batches, {batchId: 'c', seq: null}, -1))).toEqual(['c', 3, false]);
		expect(at(pickJobFailure(ids, batches, {batchId: 'c', seq: 1}, -1))).toEqual(['a', 4, false]);
		expect(at(pickJobFailure(ids, batches, {batchId: 'a', seq: 0}, -1))).toEqual(['c', 3, true]);
	});

	it('comes back round to its own batch, wrapped; null when nothing failed', () => {
		const one = {a: entry('a', [lean(2, 'failed')]), b: entry('b', [])};
		expect(at(pickJobFailure(['a', 'b'], one, {batchId: 'a', seq: 2}, 1))).toEqual(['a', 2, true]);
		expect(pickJobFailure(['b'], one, {batchId: 'b', seq: null}, 1)).toBeNull();
	});
});
