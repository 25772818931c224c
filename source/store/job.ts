// The job's actions, a slice merged into the store (store.ts): what a read of a batch brought,
// batches joining, moving on the job screen, its filter, and opening a batch on the batch screen
// (which then holds that batch's item pages, runs and logs; the others are held as their
// counters and lean items only) and coming back. Knows nothing of HTTP or React.
import type {Batch} from '../api/types.js';
import {pushSample} from '../lib/eta.js';
import {isBatchFinished} from '../lib/finished.js';
import {entryState} from '../lib/job.js';
import {isFailure} from '../lib/status.js';
import {summarizeBatch} from '../lib/summary.js';
import {jobRows, newJobEntry, nextJobFilter, resubmittedFrom, type JobEntry} from '../lib/job-rows.js';
import type {JobState} from './job-state.js';
import type {Get, Set} from './logs.js';
import {initialRunView} from './run-state.js';
import {initialState, type AppState} from './state.js';
import {initialTriage} from './triage-state.js';
import {initialPolling} from './polling-state.js';
import {onTop, openBatchId, popped} from './stack.js';

export type {JobState} from './job-state.js';

export interface JobActions {
	/** A good read of a job batch's detail (counters and lean items); `serverDate`: the server's clock then, when known. */
	jobBatchLoaded(batch: Batch, at: number, serverDate?: number | null): void;
	/** A read of a job batch failed; `missing` when the server says it does not exist (404); `retryAt`: when it is tried again. */
	jobBatchFailed(id: string, message: string, missing: boolean, retryAt?: number | null): void;
	/** Batches joining the job (a --batches-file that grew); ids already in it are skipped. */
	jobBatchesAdded(ids: readonly string[]): void;
	/** `r` on the job screen: the finished batches are to be confirmed again. */
	jobUnconfirm(): void;
	jobMove(delta: number): void;
	jobMoveTo(where: 'first' | 'last'): void;
	cycleJobFilter(): void;
	/** Enter: the batch screen, on the selected batch (its detail held so far shows at once). */
	openBatch(): boolean;
	/** Esc from the batch screen: the job screen, the same batch selected; its item pages are let go. */
	closeBatch(): void;
	/** f/F on the job screen found item `seq` of `batchId`: that batch selected (to be opened), the place kept for the next jump. */
	jobLandOnFailure(batchId: string, seq: number): void;
}

export function initialJob(ids: readonly string[], intervalMs = 2000): JobState {
	const unique = [...new Set(ids)];
	return {
		ids: unique,
		batches: Object.fromEntries(unique.map((id) => [id, newJobEntry(id)])),
		selectedId: unique[0] ?? null,
		filter: 'all',
		samples: [],
		serverDate: null,
		intervalMs,
		lastFailure: null,
		lastErrorId: null,
		journal: null,
	};
}

/** The job with one batch changed (and, when its count of finished items moved, a progress sample at `at`). */
export function withJobBatch(job: JobState, id: string, change: (entry: JobEntry) => JobEntry, at?: number): JobState {
	const entry = job.batches[id];
	if (!entry) return job;
	const next = change(entry);
	if (next === entry) return job;
	const changed = {...job, batches: {...job.batches, [id]: next}};
	if (at === undefined || next.finished === entry.finished) return changed;
	let finished = 0;
	for (const key of job.ids) finished += changed.batches[key]?.finished ?? 0;
	return {...changed, samples: pushSample(job.samples, {at, finished})};
}

/** The figures of two reads of a batch are the same (its status, counters, cost and items finished). */
function sameFigures(before: JobEntry, batch: Batch, finished: number): boolean {
	const old = before.batch;
	return (
		old !== null &&
		old.status_code === batch.status_code &&
		old.items_total === batch.items_total &&
		old.items_succeeded === batch.items_succeeded &&
		old.items_failed === batch.items_failed &&
		old.items_cancelled === batch.items_cancelled &&
		old.cost === batch.cost &&
		before.finished === finished
	);
}

/**
 * What a good read of a batch makes of its entry: its summary worked out once, from every lean
 * item; of those only the failed ones are kept (f/F across the job, the failure lines): 2,000
 * batches of 100 items stay small. The batch screen reads the whole list itself. Confirmed
 * (never read again) when the read finds it finished (lib/finished.ts); a terminal batch whose
 * counters do not add up yet is finished by the next read that brings the same figures (they stood).
 */
export function loadedEntry(entry: JobEntry, batch: Batch, at: number): JobEntry {
	const summary = summarizeBatch(batch);
	const stood = sameFigures(entry, batch, summary.finished);
	const confirmed = isBatchFinished(batch, {summary, stood});
	const trimmed = batch.items !== undefined;
	const kept = trimmed ? {...batch, items: batch.items!.filter((item) => isFailure(item.status_code))} : batch;
	const from = resubmittedFrom(batch) ?? entry.from;
	return {
		...entry,
		batch: kept,
		summary,
		stood,
		trimmed,
		refreshedAt: at,
		finished: summary.finished,
		missing: false,
		error: null,
		retryAt: null,
		confirmed,
		...(from ? {from} : {}),
	};
}

function seedBatch(entry: JobEntry | undefined): Batch | null {
	if (!entry?.batch) return null;
	if (!entry.trimmed) return entry.batch;
	const {items: _failedOnly, ...counters} = entry.batch;
	return counters;
}

/** The single-batch parts of the state, fresh, for `batchId` (the batch screen of a job). */
function batchScreen(state: AppState, batchId: string): Partial<AppState> {
	const fresh = initialState(batchId, state.pageSize);
	return {
		batchId,
		// A trimmed entry holds only the failed items: the batch screen reads the whole list itself.
		batch: seedBatch(state.job?.batches[batchId]),
		changedAt: null,
		// The order chosen goes on with the next batch opened (from its first page).
		list: {...fresh.list, order: state.list.order},
		...initialRunView(),
		logPrefs: state.logPrefs,
		samples: [],
		notice: null,
		triage: initialTriage(),
		polling: initialPolling(),
	};
}

export function createJobSlice(set: Set, get: Get): JobActions {
	const rows = (job: JobState) => jobRows(job.ids, job.batches, job.filter);
	const select = (index: number) => {
		const {job} = get();
		if (!job) return;
		const ids = rows(job);
		const selectedId = ids.length === 0 ? null : ids[Math.max(0, Math.min(ids.length - 1, index))]!;
		if (selectedId !== job.selectedId) set({job: {...job, selectedId}});
	};

	const selectedIndex = (job: JobState) => Math.max(0, rows(job).indexOf(job.selectedId ?? ''));

	return {
		jobBatchLoaded(batch, at, serverDate = null) {
			const {job} = get();
			if (!job) return;
			const next = withJobBatch(job, batch.id, (entry) => loadedEntry(entry, batch, at), at);
			set({job: serverDate === null || next.serverDate === serverDate ? next : {...next, serverDate}});
		},

		jobBatchFailed(id, message, missing, retryAt = null) {
			const {job} = get();
			if (!job) return;
			// A batch known finished stays so: its figures are final, whatever this read met (a failed `r`).
			const next = withJobBatch(job, id, (entry) => {
				const confirmed = entry.confirmed || entryState(entry) === 'finished';
				return entry.error === message && entry.missing === missing && entry.retryAt === retryAt && entry.confirmed === confirmed
					? entry
					: {...entry, error: message, missing, retryAt, confirmed};
			});
			set({job: next.lastErrorId === id || missing ? next : {...next, lastErrorId: id}});
		},

		jobBatchesAdded(ids) {
			const {job} = get();
			if (!job) return;
			const fresh = [...new Set(ids)].filter((id) => job.batches[id] === undefined);
			if (fresh.length === 0) return;
			set({
				job: {
					...job,
					ids: [...job.ids, ...fresh],
					batches: {...job.batches, ...Object.fromEntries(fresh.map((id) => [id, newJobEntry(id)]))},
					selectedId: job.selectedId ?? fresh[0]!,
				},
			});
		},

		jobUnconfirm() {
			const {job} = get();
			if (!job) return;
			const batches = Object.fromEntries(Object.entries(job.batches).map(([id, entry]) => [id, entry.confirmed ? {...entry, confirmed: false} : entry]));
			set({job: {...job, batches}});
		},

		jobMove(delta) {
			const {job} = get();
			if (job) select(selectedIndex(job) + delta);
		},

		jobMoveTo(where) {
			select(where === 'first' ? 0 : Number.MAX_SAFE_INTEGER);
		},

		cycleJobFilter() {
			const {job} = get();
			if (!job) return;
			const next = {...job, filter: nextJobFilter(job.filter)};
			const ids = rows(next);
			set({job: {...next, selectedId: job.selectedId && ids.includes(job.selectedId) ? job.selectedId : (ids[0] ?? null)}});
		},

		openBatch() {
			const state = get();
			const id = state.job?.selectedId;
			if (!state.job || !id || state.job.batches[id]?.missing) return false;
			set({...batchScreen(state, id), screens: onTop(state.screens, 'list')});
			return true;
		},

		jobLandOnFailure(batchId, seq) {
			const {job} = get();
			if (!job) return;
			// The batch must be a row on screen: a filter that hides it goes.
			const filter = rows(job).includes(batchId) ? job.filter : 'all';
			set({job: {...job, filter, selectedId: batchId, lastFailure: {batchId, seq}}});
		},

		closeBatch() {
			const state = get();
			if (!state.job) return;
			const id = openBatchId(state);
			set({...batchScreen(state, state.batchId), screens: popped(state.screens, 'list'), job: {...state.job, selectedId: id ?? state.job.selectedId}});
		},
	};
}
