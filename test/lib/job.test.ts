// The job summary (many batches summed by the batch summary's rules) and the refresh scheduler.
import {describe, expect, it} from 'vitest';
import type {Batch} from '../../source/api/types.js';
import {batchState, jobStatus, laggingAge, summarizeJob, type JobBatch} from '../../source/lib/job.js';
import {isBatchFinished} from '../../source/lib/finished.js';
import {batchTimeLeft} from '../../source/lib/job-rows.js';
import {pickRefreshes, type ScheduleEntry} from '../../source/lib/job-schedule.js';
import {formatMoney} from '../../source/lib/money.js';
import {IN_PROGRESS_STATUS} from '../../source/lib/summary.js';

function detail(id: string, overrides: Partial<Batch> = {}): Batch {
	return {id, status_code: 'running', items_total: 100, items_succeeded: 0, items_failed: 0, items_cancelled: 0, cost: null, ...overrides};
}

describe('batchState', () => {
	it('unknown before a read; queued, running, finished by status and counters', () => {
		expect(batchState(null)).toBe('unknown');
		expect(batchState(detail('b', {status_code: 'queued'}))).toBe('queued');
		expect(batchState(detail('b', {status_code: 'running', items_succeeded: 3}))).toBe('running');
		expect(batchState(detail('b', {status_code: 'partial_succeeded', items_succeeded: 90, items_failed: 10}))).toBe('finished');
		// Every item terminal while the status lags: not finished yet (lib/finished.ts, one rule for every mode).
		expect(batchState(detail('b', {status_code: 'running', items_succeeded: 99, items_cancelled: 1}))).toBe('running');
		// A terminal status while an item is still in flight (by the counters, or the lean list): running.
		expect(batchState(detail('b', {status_code: 'succeeded', items_succeeded: 99}))).toBe('running');
		const running = [{id: 'i1', sequence_index: 0, run_id: 'r1', status_code: 'running'}];
		expect(batchState(detail('b', {status_code: 'succeeded', items_total: 1, items_succeeded: 1, items: running}))).toBe('running');
		// An unknown status is in progress.
		expect(batchState(detail('b', {status_code: 'warming_up'}))).toBe('running');
	});
});

describe('summarizeJob', () => {
	it('sums items by status, progress and cost exactly over every batch read', () => {
		const batches: JobBatch[] = [
			{id: 'b_1', refreshedAt: 1000, batch: detail('b_1', {status_code: 'succeeded', items_succeeded: 100, cost: '0.1'})},
			{id: 'b_2', refreshedAt: 9000, batch: detail('b_2', {items_succeeded: 40, items_failed: 5, items_cancelled: 1, cost: '0.2'})},
			{id: 'b_3', refreshedAt: 8000, batch: detail('b_3', {status_code: 'queued', items_total: 50})},
			{id: 'b_4', refreshedAt: null, batch: null},
			{
				id: 'b_5',
				refreshedAt: 9500,
				batch: detail('b_5', {
					items_total: 3,
					items_succeeded: 1,
					cost: '0.000000001',
					items: [
						{id: 'i1', sequence_index: 0, run_id: 'r1', status_code: 'succeeded'},
						{id: 'i2', sequence_index: 1, run_id: 'r2', status_code: 'running'},
						{id: 'i3', sequence_index: 2, run_id: null, status_code: 'queued'},
					],
				}),
			},
		];
		const job = summarizeJob(batches, 10_000);
		expect(job).toMatchObject({
			batches: 5,
			byState: {unknown: 1, queued: 1, running: 2, finished: 1},
			total: 253,
			finished: 147,
			inFlight: 106,
			succeeded: 141,
			failed: 5,
			cancelled: 1,
			done: false,
		});
		expect(job.fraction).toBeCloseTo(147 / 253);
		// 0.1 + 0.2 + 1e-9, exactly (floats would give 0.30000000000000004).
		expect(job.cost).toBe(300_000_001n);
		expect(formatMoney(job.cost)).toBe('$0.3000');
		expect(Object.fromEntries(job.counts.map((c) => [c.status, c.count]))).toEqual({
			succeeded: 141,
			failed: 5,
			cancelled: 1,
			[IN_PROGRESS_STATUS]: 104,
			running: 1,
			queued: 1,
		});
		expect(job.counts.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1);
		// The oldest figure of a running batch: b_2 (read at 9 s); b_1 is finished, b_3 queued
		// (read 4 times less often, by design), b_4 never read.
		expect(job.oldest).toEqual({id: 'b_2', ageMs: 1000});
		expect(laggingAge(job, 2000)).toBeNull();
		expect(laggingAge(job, 500)).toBe(1000);
	});

	it('is done once every batch is read and finished; no cost while none is known', () => {
		const empty = summarizeJob([], 0);
		expect(empty).toMatchObject({batches: 0, total: 0, fraction: 0, cost: null, oldest: null, done: false});
		const unread = summarizeJob([{id: 'b', batch: null, refreshedAt: null}], 0);
		expect(unread).toMatchObject({cost: null, done: false});
		const over = summarizeJob(
			[
				{id: 'a', refreshedAt: 0, batch: detail('a', {status_code: 'failed', items_failed: 100, cost: '1.5'})},
				{id: 'b', refreshedAt: 0, batch: detail('b', {status_code: 'succeeded', items_succeeded: 100, cost: '2.25'})},
			],
			60_000,
		);
		expect(over).toMatchObject({done: true, finished: 200, oldest: null, cost: 3_750_000_000n});
	});
});

describe('isBatchFinished: finished on this read', () => {
	it('a terminal status and counters adding up to the total, no lean item still in flight', () => {
		expect(isBatchFinished(detail('b', {status_code: 'partial_succeeded', items_succeeded: 90, items_failed: 8, items_cancelled: 2}))).toBe(true);
		expect(isBatchFinished(detail('b', {status_code: 'partial_succeeded', items_succeeded: 90, items_failed: 8}))).toBe(false);
		expect(isBatchFinished(detail('b', {status_code: 'running', items_succeeded: 100}))).toBe(false);
		const items = [{id: 'i1', sequence_index: 0, run_id: null, status_code: 'running'}];
		expect(isBatchFinished(detail('b', {status_code: 'succeeded', items_total: 1, items_succeeded: 1, items}))).toBe(false);
		expect(isBatchFinished(null)).toBe(false);
	});
});

describe("jobStatus: the job's word from its batches' words", () => {
	const job = (...batches: Batch[]) => {
		const entries: JobBatch[] = batches.map((batch) => ({id: batch.id, batch, refreshedAt: 0}));
		return jobStatus(entries, summarizeJob(entries, 0));
	};

	it('running or queued while a batch is not finished', () => {
		expect(job(detail('a', {status_code: 'succeeded', items_succeeded: 100}), detail('b', {items_succeeded: 3}))).toBe('running');
		expect(job(detail('a', {status_code: 'succeeded', items_succeeded: 100}), detail('b', {status_code: 'queued'}))).toBe('queued');
		expect(jobStatus([{id: 'a', batch: null, refreshedAt: null}], summarizeJob([], 0))).toBe('queued');
	});

	it('the word every batch says: partial_succeeded stays partial_succeeded, though items failed', () => {
		const partial = (id: string) => detail(id, {status_code: 'partial_succeeded', items_succeeded: 88, items_failed: 8, items_cancelled: 4});
		expect(job(partial('a'), partial('b'), partial('c'))).toBe('partial_succeeded');
		expect(job(detail('a', {status_code: 'succeeded', items_succeeded: 100}), detail('b', {status_code: 'succeeded', items_succeeded: 100}))).toBe(
			'succeeded',
		);
		expect(job(detail('a', {status_code: 'cancelled', items_cancelled: 100}))).toBe('cancelled');
	});

	it('failed only when no item succeeded; mixed words by the items', () => {
		expect(job(detail('a', {status_code: 'failed', items_failed: 100}), detail('b', {status_code: 'failed', items_failed: 60, items_cancelled: 40}))).toBe(
			'failed',
		);
		// Every batch says failed, yet items succeeded: not failed.
		expect(job(detail('a', {status_code: 'failed', items_failed: 50, items_succeeded: 50}))).toBe('partial_succeeded');
		expect(job(detail('a', {status_code: 'succeeded', items_succeeded: 100}), detail('b', {status_code: 'failed', items_failed: 100}))).toBe(
			'partial_succeeded',
		);
		expect(job(detail('a', {status_code: 'cancelled', items_cancelled: 100}), detail('b', {status_code: 'failed', items_failed: 100}))).toBe('failed');
		// A status we do not know is in progress (the API's rule), whatever its items: not finished (lib/finished.ts).
		expect(job(detail('a', {status_code: 'cancelled', items_cancelled: 100}), detail('b', {status_code: 'canceled_early', items_cancelled: 100}))).toBe(
			'running',
		);
		expect(job(detail('a', {status_code: 'succeeded', items_succeeded: 100}), detail('b', {status_code: 'done', items_succeeded: 100}))).toBe('running');
	});

	it('a batch the server does not know is left out', () => {
		const entries = [
			{id: 'a', batch: detail('a', {status_code: 'succeeded', items_succeeded: 100}), refreshedAt: 0},
			{id: 'gone', batch: null, refreshedAt: null, missing: true},
		];
		expect(jobStatus(entries, summarizeJob(entries, 0))).toBe('succeeded');
	});
});

describe("batchTimeLeft: a running batch's estimate in the job table", () => {
	const started = Date.UTC(2026, 3, 1, 12, 0, 0);
	const running = detail('b', {started_at: new Date(started).toISOString()});
	it("null until 30 s and 2 items, or when the server's timestamps run ahead of its clock; never zero", () => {
		expect(batchTimeLeft(running, 12, 100, started + 60_000)).toBe(440_000);
		expect(batchTimeLeft(running, 12, 100, started + 20_000)).toBeNull();
		expect(batchTimeLeft(running, 1, 100, started + 600_000)).toBeNull();
		expect(batchTimeLeft(running, 12, 100, started - 5000)).toBeNull();
		expect(batchTimeLeft(running, 12, 100, null)).toBeNull();
		expect(batchTimeLeft(running, 999, 1000, started + 31_000)).toBe(1000);
		expect(batchTimeLeft(running, 100, 100, started + 60_000)).toBeNull();
	});
});

describe('pickRefreshes', () => {
	const interval = 2000;
	const entry = (id: string, state: ScheduleEntry['state'], refreshedAt: number | null, extra: Partial<ScheduleEntry> = {}): ScheduleEntry => ({
		id,
		state,
		refreshedAt,
		...extra,
	});

	it('the batch on screen first, then running batches least recently refreshed first', () => {
		const entries = [
			entry('run_recent', 'running', 7000),
			entry('run_old', 'running', 1000),
			entry('screen', 'running', 7900, {onScreen: true}),
			entry('run_mid', 'running', 5000),
		];
		expect(pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 3}).ids).toEqual(['screen', 'run_old', 'run_mid']);
		expect(pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 1}).ids).toEqual(['screen']);
		expect(pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 0})).toEqual({ids: [], nextDueAt: 10_000});
	});

	it('nothing before it is due; says when the next one is', () => {
		const entries = [entry('a', 'running', 9000), entry('b', 'running', 9500), entry('q', 'queued', 9000)];
		expect(pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 5})).toEqual({ids: [], nextDueAt: 11_000});
		expect(pickRefreshes(entries, {now: 11_000, intervalMs: interval, budget: 5})).toEqual({ids: ['a'], nextDueAt: 11_500});
	});

	it('queued batches every 4 intervals; finished ones not yet confirmed (their counters not adding up) like running ones; confirmed ones never', () => {
		const entries = [
			entry('queued_6s', 'queued', 4000),
			entry('queued_9s', 'queued', 1000),
			entry('finished_new', 'finished', 7000),
			entry('finished_done', 'finished', 0, {confirmed: true}),
			entry('running', 'running', 7500),
		];
		const picked = pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 10});
		// By lateness in their own periods: 1.5, 1.25 (2.5 s of 2 s) and 1.125 (9 s of 8 s).
		expect(picked.ids).toEqual(['finished_new', 'running', 'queued_9s']);
		expect(picked.nextDueAt).toBe(12_000);
		const later = pickRefreshes(entries.slice(3, 4), {now: 1e9, intervalMs: interval, budget: 10});
		expect(later).toEqual({ids: [], nextDueAt: null});
	});

	it('a batch whose read failed waits for its own retry time, then goes first', () => {
		const entries = [
			entry('failing', 'running', 0, {notBefore: 12_000}),
			entry('unread_failing', 'unknown', null, {notBefore: 11_000}),
			entry('other', 'running', 5000),
		];
		expect(pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 10})).toEqual({ids: ['other'], nextDueAt: 11_000});
		expect(pickRefreshes(entries, {now: 12_000, intervalMs: interval, budget: 10}).ids).toEqual(['unread_failing', 'failing', 'other']);
	});

	it('never read comes first after the screen; a request already out is not asked again', () => {
		const entries = [
			entry('old', 'running', 0),
			entry('new', 'unknown', null),
			entry('screen_new', 'unknown', null, {onScreen: true}),
			entry('out', 'running', 0, {pending: true}),
		];
		expect(pickRefreshes(entries, {now: 10_000, intervalMs: interval, budget: 10}).ids).toEqual(['screen_new', 'new', 'old']);
	});

	it('under a tight budget queued batches still get their turn, about a quarter as often as running ones', () => {
		// 8 running and 8 queued batches, 1 request per tick of 1 s, interval 2 s: far too few requests.
		const entries: ScheduleEntry[] = [
			...Array.from({length: 8}, (_, i) => entry(`r${i}`, 'running', 0)),
			...Array.from({length: 8}, (_, i) => entry(`q${i}`, 'queued', 0)),
		];
		const counts = new Map<string, number>();
		for (let now = 1000; now <= 600_000; now += 1000) {
			const {ids} = pickRefreshes(entries, {now, intervalMs: interval, budget: 1});
			for (const id of ids) {
				counts.set(id, (counts.get(id) ?? 0) + 1);
				entries.find((e) => e.id === id)!.refreshedAt = now;
			}
		}

		const running = [...counts].filter(([id]) => id.startsWith('r')).map(([, n]) => n);
		const queued = [...counts].filter(([id]) => id.startsWith('q')).map(([, n]) => n);
		expect(queued).toHaveLength(8);
		expect(Math.min(...queued)).toBeGreaterThan(10);
		const ratio = running.reduce((a, b) => a + b, 0) / queued.reduce((a, b) => a + b, 0);
		expect(ratio).toBeGreaterThan(3);
		expect(ratio).toBeLessThan(5);
		// Every running batch is refreshed about as often as the others.
		expect(Math.max(...running) - Math.min(...running)).toBeLessThanOrEqual(1);
	});
});
