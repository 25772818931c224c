// The figures at a glance on a plain line: only those that mean something yet, estimates marked ~.
import {describe, expect, test} from 'vitest';
import type {Glance} from '../../source/lib/glance.js';
import {parseMoney} from '../../source/lib/money.js';
import {estimateSpend} from '../../source/lib/spend.js';
import type {BatchSummary} from '../../source/lib/summary.js';
import {glanceText} from '../../source/modes/reporters.js';

const summary = (finished: number, total: number, cost: string | null): BatchSummary => ({
	total,
	finished,
	inFlight: total - finished,
	succeeded: finished,
	failed: 0,
	cancelled: 0,
	counts: [],
	fraction: total ? finished / total : 0,
	cost: parseMoney(cost),
	source: 'counters',
});

function glance(s: BatchSummary, patch: Partial<Glance> = {}): Glance {
	return {
		elapsed: null,
		perMinute: null,
		minutes: [],
		spark: '',
		eta: null,
		stalledSince: null,
		durations: null,
		stuckAfter: null,
		oldest: null,
		serverNow: null,
		spend: estimateSpend(s.cost, s.finished, s.total),
		...patch,
	};
}

describe('glanceText', () => {
	test('nothing yet: nothing (no elapsed 0, no rate, no average)', () => {
		const s = summary(0, 120, null);
		expect(glanceText(s, 'running', glance(s, {elapsed: 0}))).toBe('');
	});

	test('running: elapsed, rate, ~ETA, p50/p95, cost per item, ~projected total', () => {
		const s = summary(40, 120, '0.4520');
		const g = glance(s, {elapsed: 185_000, perMinute: 12.4, eta: 302_000, durations: {count: 40, median: 30_000, p95: 42_000}});
		expect(glanceText(s, 'running', g)).toBe(' · elapsed 3m 05s · 12/min · ~5m 02s left · p50 30s p95 42s · $0.0113/item · ~$1.3560 total');
	});

	test('a projection from too few items is not shown; a slow rate reads with one decimal', () => {
		const s = summary(2, 120, '0.0200');
		const g = glance(s, {elapsed: 60_000, perMinute: 0.5});
		expect(glanceText(s, 'running', g)).toBe(' · elapsed 1m 00s · 0.5/min · $0.0100/item');
	});

	test('over: no rate, ETA nor projection (the spent cost is the total)', () => {
		const s = summary(120, 120, '1.4800');
		const g = glance(s, {elapsed: 185_000, perMinute: 12, eta: null, durations: {count: 120, median: 30_000, p95: 42_000}});
		expect(glanceText(s, 'succeeded', g)).toBe(' · elapsed 3m 05s · p50 30s p95 42s · $0.0123/item');
		expect(glanceText(summary(100, 120, '1.0000'), 'cancelled', glance(summary(100, 120, '1.0000'), {perMinute: 3}))).toBe(' · $0.0100/item');
	});
});
