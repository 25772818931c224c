// The batches of a job as rows: where each batch is (queued, running, finished, not found), the
// filter the job screen's `s` cycles, and the rows a filter keeps, in the order the batches were
// given. Pure.
import type {Batch, LeanItem} from '../api/types.js';
import {parseTimestamp} from './timestamps.js';
import {entryState, type JobBatch} from './job.js';
import {nextMatch, standingBefore} from './next-match.js';
import {MIN_ETA_PROGRESS, MIN_ETA_SPAN_MS} from './progress.js';
import {isFailure} from './status.js';

export type BatchPhase = 'unread' | 'queued' | 'running' | 'finished' | 'missing';

/** What the job holds of one batch: its last counters and lean items (job.ts's JobBatch), how fresh they are, and how its reads went. */
export interface JobEntry extends JobBatch {
	/** Items finished, as of the last read (the job's progress samples sum these). */
	finished: number;
	/**
	 * Finished (lib/finished.ts) on its last good read, or on one before it (a failed read since
	 * leaves its figures standing): never read again (until `r`).
	 */
	confirmed: boolean;
	/** Its lean items were let go but for the failed ones (`summary` keeps every count): only the batch on screen holds them all. */
	trimmed?: boolean;
	/** The server answered 404 for it. */
	missing: boolean;
	/** The last read's error, while it failed. */
	error: string | null;
	/** After a failed read: when it is tried again (local clock, ms), else null. */
	retryAt: number | null;
	/** The batch its items were resubmitted from (`R`, or its `metadata.resubmitted_from` when read): the job screen's `↻ from b_…`. */
	from?: string;
}

/** The batch a resubmitted batch came from, as its metadata says (`{"resubmitted_from": id}`), else undefined. */
export function resubmittedFrom(batch: Batch): string | undefined {
	const from = batch.metadata?.['resubmitted_from'];
	return typeof from === 'string' && from !== '' ? from : undefined;
}

export type JobFilter = 'all' | 'running' | 'queued' | 'failed' | 'finished';

const FILTERS: readonly JobFilter[] = ['all', 'running', 'queued', 'failed', 'finished'];

export function nextJobFilter(filter: JobFilter): JobFilter {
	return FILTERS[(FILTERS.indexOf(filter) + 1) % FILTERS.length]!;
}

export function newJobEntry(id: string): JobEntry {
	return {id, batch: null, refreshedAt: null, finished: 0, confirmed: false, missing: false, error: null, retryAt: null};
}

/** Its figures may be out of date: its last read failed, and it is not known finished (a finished batch's figures are final). */
export function isEntryStale(entry: JobEntry): boolean {
	return !entry.missing && entry.error !== null && !entry.confirmed;
}

/**
 * What is left of a running batch (ms), from its own elapsed time (its `started_at` to `serverNow`,
 * the server's clock) and the items it finished; null until that rate means something (as the
 * batch screen's ETA: 30 s and 2 items), and never zero or less while items remain: a server
 * whose timestamps run ahead of its clock gives no elapsed time, so no estimate. At least 1 s.
 */
export function batchTimeLeft(batch: Batch, finished: number, total: number, serverNow: number | null): number | null {
	const started = parseTimestamp(batch.started_at ?? null);
	if (started === null || serverNow === null || finished < MIN_ETA_PROGRESS || finished >= total) return null;
	const elapsed = serverNow - started;
	if (!Number.isFinite(elapsed) || elapsed < MIN_ETA_SPAN_MS) return null;
	return Math.max(1000, Math.round((elapsed * (total - finished)) / finished));
}

export function batchPhase(entry: JobEntry): BatchPhase {
	if (entry.missing) return 'missing';
	const state = entryState(entry);
	return state === 'unknown' ? 'unread' : state;
}

/** Failed items (failed or errored) the batch counts. */
export function failedCount(batch: Batch | null): number {
	if (!batch) return 0;
	const counted = batch.items?.filter((item) => isFailure(item.status_code)).length ?? 0;
	return Math.max(counted, batch.items_failed);
}

export function matchesJobFilter(entry: JobEntry, filter: JobFilter): boolean {
	switch (filter) {
		case 'all': {
			return true;
		}

		case 'failed': {
			return failedCount(entry.batch) > 0;
		}

		case 'running': {
			return batchPhase(entry) === 'running';
		}

		case 'queued': {
			const phase = batchPhase(entry);
			return phase === 'queued' || phase === 'unread';
		}

		case 'finished': {
			return batchPhase(entry) === 'finished';
		}
	}
}

/** The ids a filter keeps, in the job's order. */
export function jobRows(ids: readonly string[], batches: Readonly<Record<string, JobEntry>>, filter: JobFilter): string[] {
	if (filter === 'all') return [...ids];
	return ids.filter((id) => {
		const entry = batches[id];
		return entry !== undefined && matchesJobFilter(entry, filter);
	});
}

export interface JobFailurePick {
	batchId: string;
	target: LeanItem;
	/** Went past the job's last (or first) failure round to the other end. */
	wrapped: boolean;
}

/**
 * The next (1) or previous (-1) failed item of the whole job, in the job's order of batches and
 * each batch's sequence: after item `seq` of batch `from` (null: from that batch's start, or end
 * going back), wrapping round. Only batches whose lean items are held count; null when none failed.
 */
export function pickJobFailure(
	ids: readonly string[],
	batches: Readonly<Record<string, JobEntry>>,
	from: {batchId: string | null; seq: number | null},
	direction: 1 | -1,
): JobFailurePick | null {
	const start = Math.max(0, from.batchId === null ? 0 : ids.indexOf(from.batchId));
	// Every failure of the job in its order: batch by batch (by place in the job), each in sequence.
	const failures: Array<{batchId: string; at: number; target: LeanItem}> = [];
	for (const [at, batchId] of ids.entries()) {
		const items = batches[batchId]?.batch?.items ?? [];
		const failed = items.filter((item) => isFailure(item.status_code)).sort((a, b) => a.sequence_index - b.sequence_index);
		for (const target of failed) failures.push({batchId, at, target});
	}

	const ahead = (at: number, than: number) => (direction === 1 ? at > than : at < than);
	// Past the place: a batch beyond `from`'s, or in it beyond item `seq` (any, without one).
	const past = ({at, target}: (typeof failures)[number]) => (at === start ? from.seq === null || ahead(target.sequence_index, from.seq) : ahead(at, start));
	const match = nextMatch(failures, standingBefore(failures, direction, past), direction);
	return match ? {batchId: match.item.batchId, target: match.item.target, wrapped: match.wrapped} : null;
}
