// The batch's figures from data already polled: elapsed on the server's clock, the finishing
// rate and its sparkline, the ETA, stalled, run durations, the oldest running item, the cost.
import {describe, expect, test} from 'vitest';
import type {Batch, BatchItem} from '../../source/api/types.js';
import {glanceOf} from '../../source/lib/glance.js';
import {parseMoney, formatMoney} from '../../source/lib/money.js';
import {
	batchElapsed,
	estimateRemaining,
	finishesPerMinute,
	finishRate,
	oldestRunning,
	quantile,
	runDurations,
	sparkline,
	stalledSince,
	stuckThreshold,
	STUCK_MIN_MS,
} from '../../source/lib/progress.js';
import {estimateSpend} from '../../source/lib/spend.js';
import {summarizeBatch} from '../../source/lib/summary.js';

const T = Date.UTC(2026, 3, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

function batch(patch: Partial<Batch> = {}): Batch {
	return {
		id: 'b',
		status_code: 'running',
		items_total: 10,
		items_succeeded: 0,
		items_failed: 0,
		items_cancelled: 0,
		cost: null,
		started_at: iso(T),
		...patch,
	};
}

function item(i: number, patch: Partial<BatchItem> = {}): BatchItem {
	return {id: `i${i}`, sequence_index: i, run_id: null, status_code: 'succeeded', ...patch};
}

const done = (i: number, start: number, end: number, patch: Partial<BatchItem> = {}) => item(i, {started_at: iso(start), completed_at: iso(end), ...patch});
const running = (i: number, start: number) => item(i, {status_code: 'running', started_at: iso(start)});

describe('elapsed, on the server clock', () => {
	test("the server's Date header, when the data holds no later time (plain/json hold no items); never before what the data shows", () => {
		expect(batchElapsed(batch(), [])).toBe(0);
		expect(batchElapsed(batch(), [], T + 90 * 1000)).toBe(90 * 1000);
		expect(batchElapsed(batch(), [running(1, T + 3 * MIN)], T + MIN)).toBe(3 * MIN);
		expect(batchElapsed(batch({completed_at: iso(T + MIN)}), [], T + 9 * MIN)).toBe(MIN);
		expect(glanceOf(summarizeBatch(batch()), batch(), [], [], null, T + 5000).elapsed).toBe(5000);
	});

	test('to the newest server timestamp seen, not the local clock', () => {
		const items = [done(0, T, T + MIN), running(1, T + 3 * MIN)];
		expect(batchElapsed(batch(), items)).toBe(3 * MIN);
	});

	test('server clock hours ahead of or behind the local one: the same answer', () => {
		for (const skew of [5 * 3_600_000, -5 * 3_600_000]) {
			const base = Date.now() + skew;
			const items = [done(0, base, base + 42_000)];
			expect(batchElapsed(batch({started_at: iso(base)}), items)).toBe(42_000);
			const g = glanceOf(summarizeBatch(batch({started_at: iso(base)})), batch({started_at: iso(base)}), [running(1, base)], [], Date.now());
			expect(g.elapsed).toBe(0);
			expect(g.oldest?.running).toBe(0);
		}
	});

	test('created_at when there is no started_at; completed_at once finished', () => {
		expect(batchElapsed(batch({started_at: null, created_at: iso(T), completed_at: iso(T + 185_000), status_code: 'succeeded'}), [])).toBe(185_000);
		expect(batchElapsed(batch({started_at: null, created_at: null}), [])).toBeNull();
	});

	test('a finished batch without completed_at: its duration_ms', () => {
		expect(batchElapsed(batch({status_code: 'failed', duration_ms: 99_000}), [])).toBe(99_000);
	});
});

describe('rate, sparkline, ETA', () => {
	test('rate over the recent window only', () => {
		const samples = [
			{at: T - 20 * MIN, finished: 0}, // outside the 5-minute window
			{at: T - 4 * MIN, finished: 10},
			{at: T, finished: 30},
		];
		expect(finishRate(samples)?.perMinute).toBe(5);
	});

	test('a reset (fewer finished) starts the window afresh', () => {
		expect(
			finishRate([
				{at: T, finished: 50},
				{at: T + MIN, finished: 2},
				{at: T + 2 * MIN, finished: 6},
			])?.perMinute,
		).toBe(4);
	});

	test('per-minute counts of the minutes covered, and their bars', () => {
		const samples = [0, 1, 2, 3].map((m) => ({at: T + m * MIN, finished: [0, 2, 10, 14][m]!}));
		expect(finishesPerMinute(samples)).toEqual([2, 8, 4]);
		expect(sparkline([2, 8, 4])).toBe('▃█▅');
		expect(sparkline([0, 0])).toBe('▁▁');
		expect(finishesPerMinute([{at: T, finished: 3}])).toEqual([]);
	});

	test('ETA with no progress yet: none; too short a span: none; then remaining / rate', () => {
		expect(
			estimateRemaining(
				finishRate([
					{at: T, finished: 0},
					{at: T + MIN, finished: 0},
				]),
				10,
			),
		).toBeNull();
		expect(
			estimateRemaining(
				finishRate([
					{at: T, finished: 0},
					{at: T + 5000, finished: 4},
				]),
				10,
			),
		).toBeNull();
		expect(
			estimateRemaining(
				finishRate([
					{at: T, finished: 0},
					{at: T + MIN, finished: 4},
				]),
				10,
			),
		).toBe(150_000);
		expect(estimateRemaining(null, 0)).toBe(0);
	});

	test('stalled: nothing finished for 3 minutes while items remain', () => {
		const samples = [
			{at: T, finished: 0},
			{at: T + MIN, finished: 5},
		];
		expect(stalledSince(samples, 5, T + 2 * MIN)).toBeNull();
		expect(stalledSince(samples, 5, T + 4 * MIN)).toBe(T + MIN);
		expect(stalledSince(samples, 0, T + 40 * MIN)).toBeNull();
	});

	test('a batch that finished before the monitor started: no rate, no ETA, not stalled, elapsed from the server', () => {
		const b = batch({status_code: 'succeeded', items_succeeded: 10, completed_at: iso(T + 3 * MIN + 5000), cost: '1.48'});
		const g = glanceOf(summarizeBatch(b), b, [], [{at: Date.now(), finished: 10}], Date.now() + 60 * MIN);
		expect(g).toMatchObject({elapsed: 185_000, perMinute: null, eta: null, stalledSince: null, oldest: null, spark: ''});
		expect(g.spend).toMatchObject({projected: parseMoney('1.48'), estimate: false});
	});
});

describe('run durations and the oldest running item', () => {
	test('median and p95 (nearest rank); p95 of one item is that item', () => {
		expect(runDurations([done(0, T, T + 42_000)])).toEqual({count: 1, median: 42_000, p95: 42_000});
		const many = Array.from({length: 20}, (_, i) => done(i, T, T + (i + 1) * 1000));
		expect(runDurations(many)).toEqual({count: 20, median: 10_000, p95: 19_000});
		expect(quantile([], 0.5)).toBeNull();
		expect(runDurations([running(0, T)])).toBeNull();
	});

	test("a run's own duration_ms when the item has no timestamps", () => {
		expect(runDurations([item(0, {run: {duration_ms: 7000}})])?.median).toBe(7000);
	});

	test('the oldest running item, and stuck past 3× p95 and at least 5 minutes', () => {
		const durations = runDurations([done(0, T, T + MIN)])!;
		const threshold = stuckThreshold(durations)!;
		expect(threshold).toBe(STUCK_MIN_MS);
		const items = [running(1, T + MIN), running(2, T), done(3, T, T + MIN)];
		expect(oldestRunning(items, T + 4 * MIN, threshold)).toMatchObject({item: {id: 'i2'}, running: 4 * MIN, stuck: false});
		expect(oldestRunning(items, T + 6 * MIN, threshold)).toMatchObject({item: {id: 'i2'}, stuck: true});
		expect(oldestRunning([done(0, T, T + 1)], T, threshold)).toBeNull();
	});
});

describe('cost', () => {
	test('spent, average and projection from decimal strings, exactly', () => {
		const spend = estimateSpend(parseMoney('0.30'), 3, 10);
		expect(formatMoney(spend.average)).toBe('$0.1000');
		expect(formatMoney(spend.projected)).toBe('$1.0000');
		expect(spend).toMatchObject({estimate: true, meaningful: false});
		// 0.1 + 0.2 in floats is not 0.3: in nano-dollars it is.
		const exact = estimateSpend(parseMoney('0.3'), 10, 10);
		expect(exact).toMatchObject({spent: 300_000_000n, average: 30_000_000n, projected: 300_000_000n, estimate: false});
	});

	test('zero cost: zeros, not blanks', () => {
		expect(estimateSpend(parseMoney('0'), 4, 8)).toMatchObject({spent: 0n, average: 0n, projected: 0n});
	});

	test('nothing finished: no average, no projection; no cost at all: nothing', () => {
		expect(estimateSpend(parseMoney('0.05'), 0, 8)).toMatchObject({average: null, projected: null});
		expect(estimateSpend(null, 4, 8)).toMatchObject({spent: null, projected: null});
	});

	test('meaningful once 5 items (or 5%) finished', () => {
		expect(estimateSpend(parseMoney('1'), 4, 1000).meaningful).toBe(false);
		expect(estimateSpend(parseMoney('1'), 50, 1000).meaningful).toBe(true);
		expect(estimateSpend(parseMoney('1'), 49, 1000).meaningful).toBe(false);
		expect(estimateSpend(parseMoney('1'), 3, 3).meaningful).toBe(true);
	});
});
