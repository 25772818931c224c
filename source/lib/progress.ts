// How the batch is going, from the data already polled (no request of its own): time since it
// started on the server's clock, items finished per minute lately (and a sparkline of the last
// minutes), an ETA once that rate means something, 'stalled', the run time of finished items
// (median, p95), the oldest item still running and whether it may be stuck. Pure.
//
// Two clocks, never mixed: the server's timestamps (started_at, completed_at, …) give elapsed
// times and run durations; the progress samples' `at` (the local clock, when a poll brought a
// change) give rates. So a server clock ahead of or behind the local one changes nothing.
import type {Batch, BatchItem} from '../api/types.js';
import type {ProgressSample} from './eta.js';
import {parseTimestamp} from './timestamps.js';
import {isTerminal} from './status.js';

const MINUTE = 60_000;

/** The rate is taken over the samples of the last this many ms. */
export const RATE_WINDOW_MS = 5 * MINUTE;
/** An ETA needs the samples to span at least this long, with at least MIN_ETA_PROGRESS items finished in it. */
export const MIN_ETA_SPAN_MS = 30_000;
export const MIN_ETA_PROGRESS = 2;
/** Nothing finished for this long (or 3× the usual gap between finishes, if longer) while items remain: stalled. */
export const STALL_MS = 3 * MINUTE;
/** Running longer than this many times the p95 of finished items, and at least STUCK_MIN_MS: possibly stuck. */
export const STUCK_FACTOR = 3;
export const STUCK_MIN_MS = 5 * MINUTE;
/** Minutes in the sparkline. */
export const SPARK_MINUTES = 8;

const BARS = '▁▂▃▄▅▆▇█';

const ms = (value: unknown): number | null => parseTimestamp(value);

function usableSamples(samples: readonly ProgressSample[]): ProgressSample[] {
	return samples.filter((s) => Number.isFinite(s?.at) && Number.isFinite(s?.finished)).sort((a, b) => a.at - b.at);
}

// ── server time ───────────────────────────────────────────────────────────────

/** The newest server timestamp in the data: the batch's own and every held item's (and its run's). */
export function latestServerTime(batch: Batch | null, items: readonly BatchItem[]): number | null {
	let latest: number | null = null;
	const see = (value: unknown) => {
		const at = ms(value);
		if (at !== null && (latest === null || at > latest)) latest = at;
	};

	if (batch) {
		see(batch.created_at);
		see(batch.started_at);
		see(batch.completed_at);
	}

	for (const item of items) {
		see(item?.created_at);
		see(item?.started_at);
		see(item?.completed_at);
		see(item?.run?.started_at);
		see(item?.run?.completed_at);
	}

	return latest;
}

/**
 * ms since the batch started (started_at, else created_at), on the server's clock: to its
 * completed_at (or started + duration_ms) once finished, else to the newest server timestamp
 * seen (`serverDate` too: the server's own clock from an answer's Date header, when known).
 * null when the batch has no start time. Never negative.
 */
export function batchElapsed(batch: Batch | null, items: readonly BatchItem[], serverDate: number | null = null): number | null {
	if (!batch) return null;
	const start = ms(batch.started_at) ?? ms(batch.created_at);
	if (start === null) return null;
	const end = ms(batch.completed_at);
	if (end !== null) return Math.max(0, end - start);
	if (isTerminal(batch.status_code) && typeof batch.duration_ms === 'number' && Number.isFinite(batch.duration_ms)) return Math.max(0, batch.duration_ms);
	const latest = Math.max(latestServerTime(batch, items) ?? start, serverDate ?? start);
	return Math.max(0, latest - start);
}

// ── rate, sparkline, ETA, stalled ─────────────────────────────────────────────

export interface Rate {
	/** Items finished per minute over the window. */
	perMinute: number;
	/** What the window spans (ms) and how many finished in it. */
	span: number;
	progress: number;
}

/**
 * Items finished per minute over the samples of the last RATE_WINDOW_MS (relative to the latest
 * sample; a drop in `finished` starts the window afresh). null with fewer than two samples or no
 * time between them.
 */
export function finishRate(samples: readonly ProgressSample[]): Rate | null {
	const usable = usableSamples(samples);
	const latest = usable.at(-1);
	if (!latest) return null;
	let first = latest;
	for (let i = usable.length - 2; i >= 0; i--) {
		const sample = usable[i]!;
		if (latest.at - sample.at > RATE_WINDOW_MS || sample.finished > usable[i + 1]!.finished) break;
		first = sample;
	}

	const span = latest.at - first.at;
	if (span <= 0) return null;
	const progress = latest.finished - first.finished;
	return {perMinute: (progress * MINUTE) / span, span, progress};
}

/** Items finished in each of the last `minutes` whole minutes before the latest sample (oldest first); only the minutes the samples cover. */
export function finishesPerMinute(samples: readonly ProgressSample[], minutes = SPARK_MINUTES): number[] {
	const usable = usableSamples(samples);
	const latest = usable.at(-1);
	const first = usable[0];
	if (!latest || !first) return [];
	const covered = Math.min(minutes, Math.floor((latest.at - first.at) / MINUTE));
	// The count finished at a time: the last sample at or before it.
	const at = (time: number) => {
		let value = first.finished;
		for (const sample of usable) {
			if (sample.at > time) break;
			value = sample.finished;
		}

		return value;
	};

	const counts: number[] = [];
	for (let k = covered; k > 0; k--) {
		const end = latest.at - (k - 1) * MINUTE;
		counts.push(Math.max(0, at(end) - at(end - MINUTE)));
	}

	return counts;
}

/** '▁▃█▅': each value against the largest (all zero: all '▁'). */
export function sparkline(values: readonly number[]): string {
	const top = Math.max(0, ...values);
	return values.map((value) => (top <= 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.round((Math.max(0, value) / top) * (BARS.length - 1)))])).join('');
}

/**
 * ms left at the recent rate, once it means something: the samples span MIN_ETA_SPAN_MS and at
 * least MIN_ETA_PROGRESS items finished in the window. 0 when nothing remains; else null.
 */
export function estimateRemaining(rate: Rate | null, remaining: number): number | null {
	if (remaining <= 0) return 0;
	if (!rate || rate.span < MIN_ETA_SPAN_MS || rate.progress < MIN_ETA_PROGRESS || rate.perMinute <= 0) return null;
	return Math.round((remaining / rate.perMinute) * MINUTE);
}

/**
 * When the count of finished items last went up (a sample's `at`, local clock), if nothing has
 * finished since for STALL_MS (or 3× the usual gap between finishes) by `now` (local), while
 * `remaining` items are left; else null. A first sample counts as a change (the monitor saw no
 * progress since it started).
 */
export function stalledSince(samples: readonly ProgressSample[], remaining: number, now: number): number | null {
	const usable = usableSamples(samples);
	const latest = usable.at(-1);
	if (!latest || remaining <= 0 || !Number.isFinite(now)) return null;
	let since = usable[0]!.at;
	for (let i = 1; i < usable.length; i++) {
		if (usable[i]!.finished > usable[i - 1]!.finished) since = usable[i]!.at;
	}

	const rate = finishRate(usable);
	const gap = rate && rate.perMinute > 0 ? (3 * MINUTE) / rate.perMinute : 0;
	return now - since >= Math.max(STALL_MS, gap) ? since : null;
}

// ── run durations, the oldest running item ────────────────────────────────────

/** The run time of a finished item (server timestamps, else its run's duration_ms), else null. */
export function runDuration(item: BatchItem): number | null {
	if (!isTerminal(item?.status_code ?? '')) return null;
	const start = ms(item.started_at) ?? ms(item.run?.started_at);
	const end = ms(item.completed_at) ?? ms(item.run?.completed_at);
	if (start !== null && end !== null) return Math.max(0, end - start);
	const own = item.run?.duration_ms;
	return typeof own === 'number' && Number.isFinite(own) && own >= 0 ? own : null;
}

/** The q-th quantile (0..1) by nearest rank of sorted values; null when empty. p95 of one value is that value. */
export function quantile(sorted: readonly number[], q: number): number | null {
	if (sorted.length === 0) return null;
	const rank = Math.ceil(q * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Durations {
	count: number;
	median: number;
	p95: number;
}

/** Median and p95 run time of the finished items held; null when none has a duration. */
export function runDurations(items: readonly BatchItem[]): Durations | null {
	const values = items
		.map((item) => runDuration(item))
		.filter((value): value is number => value !== null)
		.sort((a, b) => a - b);
	if (values.length === 0) return null;
	return {count: values.length, median: quantile(values, 0.5)!, p95: quantile(values, 0.95)!};
}

export interface OldestRunning {
	item: BatchItem;
	/** How long it has run, to the newest server timestamp seen. */
	running: number;
	/** Longer than STUCK_FACTOR × p95 and STUCK_MIN_MS. */
	stuck: boolean;
}

/** The threshold past which a running item may be stuck, or null before any item finished. */
export function stuckThreshold(durations: Durations | null): number | null {
	return durations ? Math.max(STUCK_MIN_MS, STUCK_FACTOR * durations.p95) : null;
}

/** ms a running item has run by `serverNow` (server clock), or null (not running, no start). */
export function runningFor(item: BatchItem, serverNow: number | null): number | null {
	if (serverNow === null || isTerminal(item?.status_code ?? '')) return null;
	const start = ms(item.started_at) ?? ms(item.run?.started_at);
	return start === null ? null : Math.max(0, serverNow - start);
}

/** The held item that has been running longest (started earliest), or null. */
export function oldestRunning(items: readonly BatchItem[], serverNow: number | null, threshold: number | null): OldestRunning | null {
	let best: OldestRunning | null = null;
	for (const item of items) {
		const running = runningFor(item, serverNow);
		if (running !== null && (best === null || running > best.running)) best = {item, running, stuck: threshold !== null && running > threshold};
	}

	return best;
}
