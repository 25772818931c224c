// Every figure of the batch at a glance, in one object, from what is already held: the batch,
// the held items, the progress samples. The TUI's summary and the plain/JSON snapshots both read
// it. Pure.
import type {Batch, BatchItem} from '../api/types.js';
import type {ProgressSample} from './eta.js';
import {
	batchElapsed,
	estimateRemaining,
	finishesPerMinute,
	finishRate,
	latestServerTime,
	oldestRunning,
	runDurations,
	sparkline,
	stalledSince,
	stuckThreshold,
	type Durations,
	type OldestRunning,
} from './progress.js';
import {estimateSpend, type Spend} from './spend.js';
import type {BatchSummary} from './summary.js';

export interface Glance {
	/** ms since the batch started, on the server's clock (null: no start time). */
	elapsed: number | null;
	/** Items finished per minute lately (null: not measured yet). */
	perMinute: number | null;
	/** Finishes in each of the last minutes, oldest first, and as bars. */
	minutes: number[];
	spark: string;
	/** ms left (an estimate), once the rate means something; null otherwise or when finished. */
	eta: number | null;
	/** When the count of finished items last went up (local clock), when nothing has finished for a while; else null. */
	stalledSince: number | null;
	durations: Durations | null;
	/** The run time past which a running item may be stuck (null before any finished). */
	stuckAfter: number | null;
	oldest: OldestRunning | null;
	/** The newest server timestamp seen (what running times are measured to). */
	serverNow: number | null;
	spend: Spend;
}

/**
 * `now`: the local time of the last poll (for 'stalled' only). `serverDate`: the server's clock
 * from an answer's Date header, when known (the headless modes hold no item timestamps).
 */
export function glanceOf(
	summary: BatchSummary,
	batch: Batch | null,
	items: readonly BatchItem[],
	samples: readonly ProgressSample[],
	now: number | null,
	serverDate: number | null = null,
): Glance {
	const remaining = Math.max(0, summary.total - summary.finished);
	const rate = finishRate(samples);
	const minutes = finishesPerMinute(samples);
	const durations = runDurations(items);
	const stuckAfter = stuckThreshold(durations);
	const seen = latestServerTime(batch, items);
	const serverNow = serverDate !== null && (seen === null || serverDate > seen) ? serverDate : seen;
	return {
		elapsed: batchElapsed(batch, items, serverDate),
		perMinute: rate ? rate.perMinute : null,
		minutes,
		spark: sparkline(minutes),
		eta: remaining === 0 ? null : estimateRemaining(rate, remaining),
		stalledSince: now === null ? null : stalledSince(samples, remaining, now),
		durations,
		stuckAfter,
		oldest: remaining === 0 ? null : oldestRunning(items, serverNow, stuckAfter),
		serverNow,
		spend: estimateSpend(summary.cost, summary.finished, summary.total),
	};
}

/** '12/min', '2.5/min', '0.3/min'. */
export function formatRate(perMinute: number): string {
	return perMinute >= 10 ? `${Math.round(perMinute)}/min` : `${(Math.round(perMinute * 10) / 10).toFixed(1)}/min`;
}
