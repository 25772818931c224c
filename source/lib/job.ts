// A job: many batches watched together. Its summary is the sum of each batch's summary
// (lib/summary.ts, the same rules as the batch screen): items by status, progress, exact cost,
// the batches by state, and how old the oldest figure still able to change is.

import type {Batch} from '../api/types.js';
import type {Money} from './money.js';
import {compareStatus, isFailure, isTerminal, statusCategory} from './status.js';
import {summarizeBatch, type BatchSummary, type StatusCount} from './summary.js';

/** Where a batch of the job stands. `unknown`: not read yet. */
export type JobBatchState = 'unknown' | 'queued' | 'running' | 'finished';

export interface JobBatch {
	id: string;
	/** The last detail read, null until the first answer. */
	batch: Batch | null;
	/** When that detail was read (local clock, ms), null until then. */
	refreshedAt: number | null;
	/** summarizeBatch(batch), when worked out once as it was read (else it is worked out here). */
	summary?: BatchSummary | null;
}

/** Finished: a terminal status, or every item terminal. Queued: the batch's status says so and no item finished. */
export function batchState(batch: Batch | null, given?: BatchSummary): JobBatchState {
	if (!batch) return 'unknown';
	if (isTerminal(batch.status_code)) return 'finished';
	const summary = given ?? summarizeBatch(batch);
	if (summary.total > 0 && summary.finished >= summary.total) return 'finished';
	if (statusCategory(batch.status_code) === 'queued' && summary.finished === 0) return 'queued';
	return 'running';
}

/** A batch's summary's figures (items of the batches read so far; `cost` the exact sum of those known), and the job's own. */
export interface JobSummary extends Omit<BatchSummary, 'source'> {
	/** Batches in the job, read or not. */
	batches: number;
	byState: Record<JobBatchState, number>;
	/** The running batch whose figure was read longest ago (finished batches are final; queued ones are read less often, by design). */
	oldest: {id: string; ageMs: number} | null;
	/** Every batch read and finished. */
	done: boolean;
}

/** The job's figures from each batch's last detail; `now` on the same clock as `refreshedAt`. */
export function summarizeJob(batches: readonly JobBatch[], now: number): JobSummary {
	const byState: Record<JobBatchState, number> = {unknown: 0, queued: 0, running: 0, finished: 0};
	const tally = new Map<string, number>();
	let total = 0;
	let finished = 0;
	let succeeded = 0;
	let failed = 0;
	let cancelled = 0;
	let cost: Money | null = null;
	let oldest: JobSummary['oldest'] = null;
	for (const entry of batches) {
		if (!entry.batch) {
			byState.unknown++;
			continue;
		}

		const summary = entry.summary ?? summarizeBatch(entry.batch);
		const state = batchState(entry.batch, summary);
		byState[state]++;
		total += summary.total;
		finished += summary.finished;
		succeeded += summary.succeeded;
		failed += summary.failed;
		cancelled += summary.cancelled;
		for (const {status, count} of summary.counts) tally.set(status, (tally.get(status) ?? 0) + count);
		if (summary.cost !== null) cost = (cost ?? 0n) + summary.cost;
		if (state === 'running' && entry.refreshedAt !== null) {
			const ageMs = Math.max(0, now - entry.refreshedAt);
			if (!oldest || ageMs > oldest.ageMs) oldest = {id: entry.id, ageMs};
		}
	}

	const counts = [...tally].map(([status, count]) => ({status, count, share: total > 0 ? count / total : 0}));
	counts.sort((a, b) => compareStatus(a.status, b.status));
	return {
		batches: batches.length,
		byState,
		total,
		finished,
		inFlight: total - finished,
		succeeded,
		failed,
		cancelled,
		counts,
		fraction: total > 0 ? finished / total : 0,
		cost,
		oldest,
		done: batches.length > 0 && byState.finished === batches.length,
	};
}

/** The oldest figure's age when it lags the polling interval (worth saying), else null. */
export function laggingAge(summary: JobSummary, intervalMs: number): number | null {
	const age = summary.oldest?.ageMs ?? null;
	return age !== null && age > intervalMs ? age : null;
}

/**
 * The job's status word, from its batches' own words: while any is not finished, `running` (any
 * running) or `queued`; once all are (batches not found left out), the word they share when they
 * share one (every batch `partial_succeeded`: `partial_succeeded`), else from the items: `failed`
 * (or `cancelled`) only when no item succeeded, `succeeded` when every one did, else
 * `partial_succeeded`. `failed` is never said while an item succeeded. The exit code is another
 * matter (modes/exit-codes.ts: 1 when any item failed or was cancelled).
 */
export function jobStatus(entries: readonly (JobBatch & {missing?: boolean})[], summary: Pick<JobSummary, 'succeeded' | 'failed' | 'cancelled'>): string {
	const present = entries.filter((entry) => entry.missing !== true);
	const states = present.map((entry) => batchState(entry.batch, entry.summary ?? undefined));
	if (states.includes('running')) return 'running';
	if (present.length === 0 || states.some((state) => state !== 'finished')) return 'queued';
	const words = new Set(present.map((entry) => entry.batch!.status_code));
	const [only] = words;
	if (words.size === 1 && only !== undefined && isTerminal(only) && (!isFailure(only) || summary.succeeded === 0)) return only;
	if (summary.succeeded === 0 && summary.failed > 0) return 'failed';
	if (summary.succeeded === 0 && summary.cancelled > 0) return 'cancelled';
	const clean = summary.failed === 0 && summary.cancelled === 0 && [...words].every((word) => word === 'succeeded' || !isTerminal(word));
	return clean ? 'succeeded' : 'partial_succeeded';
}
