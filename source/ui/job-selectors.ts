// The job screen's data, derived from AppState: the job's summary (lib/job.ts) and a batch
// standing for the whole job, so the summary lines (counts, progress, glance) are drawn by the same
// selectors as a batch's; the table of batches; the job's words for the header. Pure; memoized on
// the inputs' identities.
import type {Batch} from '../api/types.js';
import {formatClock} from '../lib/format.js';
import {parseTimestamp} from '../lib/timestamps.js';
import {sanitize} from '../lib/sanitize.js';
import {jobStatus, summarizeJob, type JobSummary} from '../lib/job.js';
import {isEntryStale, jobRows, type JobEntry, type JobFilter} from '../lib/job-rows.js';
import {usdDecimal} from '../lib/money.js';
import {isTerminal} from '../lib/status.js';
import type {BatchSummary} from '../lib/summary.js';
import type {AppState} from '../store/state.js';
import type {JobState} from '../store/job-state.js';
import {jobTableView} from './job-columns.js';
import {listTableRows, type Size} from './layout.js';
import {memoLast} from './memo.js';
import {journalFoot} from './journal-selectors.js';
import type {TableView} from './table-layout.js';
import {Command, keysFor} from './keymap.js';
import {JOB} from './screens/job.js';

/** The keys that cycle the job's filter, as the job screen binds them. */
const FILTER_KEYS = keysFor(JOB, Command.CycleFilter);

const entriesOf = memoLast((ids: readonly string[], batches: Readonly<Record<string, JobEntry>>): JobEntry[] => ids.map((id) => batches[id]!).filter(Boolean));

/** `now`: the last answer's time (data time: nothing here ticks). */
const summaryMemo = memoLast((entries: readonly JobEntry[], now: number): JobSummary => summarizeJob(entries, now));

export function selectJobSummary(state: AppState): JobSummary | null {
	const {job} = state;
	if (!job) return null;
	return summaryMemo(entriesOf(job.ids, job.batches), state.connection.lastSuccessAt ?? 0);
}

/** The first (-1) or last (1) of some server timestamps, as sent. */
function extreme(values: (string | null | undefined)[], direction: 1 | -1): string | null {
	let best: {at: number; text: string} | null = null;
	for (const text of values) {
		const at = parseTimestamp(text ?? null);
		if (at !== null && text && (best === null || direction * (at - best.at) > 0)) best = {at, text};
	}

	return best?.text ?? null;
}

/** One batch standing for the whole job: its counters summed, started when the first did, over when all are. */
const jobBatchMemo = memoLast((entries: readonly JobEntry[], summary: JobSummary): Batch => {
	const batches = entries.map((entry) => entry.batch).filter((batch): batch is Batch => batch !== null);
	const status = jobStatus(entries, summary);
	return {
		id: 'job',
		status_code: status,
		items_total: summary.total,
		items_succeeded: summary.succeeded,
		items_failed: summary.failed,
		items_cancelled: summary.cancelled,
		cost: usdDecimal(summary.cost, 'rounded'),
		created_at: extreme(
			batches.map((batch) => batch.created_at),
			-1,
		),
		started_at: extreme(
			batches.map((batch) => batch.started_at),
			-1,
		),
		// Over when every batch found is (one the server does not know is no part of it).
		completed_at: isTerminal(status)
			? extreme(
					batches.map((batch) => batch.completed_at),
					1,
				)
			: null,
	};
});

export interface Figures {
	summary: BatchSummary | null;
	batch: Batch | null;
	samples: AppState['samples'];
	/** Over (lib/finished.ts): the batch finished, or every batch of the job found did (its word is then terminal). */
	finished: boolean;
}

const asBatchSummary = memoLast((summary: JobSummary): BatchSummary => ({...summary, source: 'counters'}));

/** The job's figures, shaped as a batch's (the summary lines draw either). */
export function selectJobFigures(state: AppState): Figures | null {
	const {job} = state;
	const summary = selectJobSummary(state);
	if (!job || !summary) return null;
	const batch = jobBatchMemo(entriesOf(job.ids, job.batches), summary);
	return {summary: asBatchSummary(summary), batch, samples: job.samples, finished: isTerminal(batch.status_code)};
}

/** Which batches' reads fail, and which of them make the job's figures stale (a batch known finished cannot be). */
export interface JobHealth {
	batches: number;
	/** Ids of the stale batches (lib/job-rows.ts isEntryStale), in the job's order. */
	stale: string[];
	/** The batch the alert line names (the last whose read failed, a stale one first) and its error. */
	named: {id: string; error: string; stale: boolean} | null;
	/** The oldest good read of a stale batch (ms), null when none was ever read. */
	since: number | null;
	/** The first retry of a stale batch (ms), null when none is set. */
	retryAt: number | null;
}

const healthMemo = memoLast((entries: readonly JobEntry[], lastErrorId: string | null): JobHealth => {
	const stale: JobEntry[] = [];
	let failing: JobEntry | null = null;
	for (const entry of entries) {
		if (isEntryStale(entry)) stale.push(entry);
		else if (!entry.missing && entry.error !== null && (failing === null || entry.id === lastErrorId)) failing = entry;
	}

	const last = stale.find((entry) => entry.id === lastErrorId) ?? stale[0] ?? failing;
	const min = (values: (number | null)[]) =>
		values.reduce<number | null>((best, value) => (value !== null && (best === null || value < best) ? value : best), null);
	return {
		batches: entries.length,
		stale: stale.map((entry) => entry.id),
		named: last ? {id: last.id, error: last.error ?? '', stale: isEntryStale(last)} : null,
		since: min(stale.map((entry) => entry.refreshedAt)),
		retryAt: min(stale.map((entry) => entry.retryAt)),
	};
});

/** The job's health: which batches fail to be read (the job screen's alert line, stale marks, header). */
export function selectJobHealth(state: AppState): JobHealth | null {
	const {job} = state;
	if (!job) return null;
	return healthMemo(entriesOf(job.ids, job.batches), job.lastErrorId);
}

/** 'b_x: the server answered with an HTML page (502) · 1 of 12 batches stale', or null when every read goes well. */
export function jobAlertText(health: JobHealth | null): string | null {
	if (!health?.named) return null;
	const {id, error, stale} = health.named;
	const what = stale
		? `${health.stale.length} of ${health.batches} ${health.batches === 1 ? 'batch' : 'batches'} stale`
		: 'its figures stand: it had finished';
	return `${sanitize(id, {maxColumns: 40})}: ${sanitize(error, {maxColumns: 200})} · ${what}`;
}

/** The job screen's lines: header, progress, counts (1 or 2), glance, [alert], table heading, rows, foot line, footer. */
export function jobTableRows(size: Size, countLines: number, alert: boolean): number {
	return listTableRows(size, {alert, countLines, glanceLine: true});
}

const FILTER_WORDS: Readonly<Record<JobFilter, string>> = {
	all: '',
	running: 'running',
	queued: 'queued',
	failed: 'with failures',
	finished: 'finished',
};

const rowsMemo = memoLast((ids: readonly string[], batches: JobState['batches'], filter: JobFilter) => jobRows(ids, batches, filter));

const tableMemo = memoLast(
	(
		rows: readonly string[],
		batches: JobState['batches'],
		selectedId: string | null,
		columns: number,
		visible: number,
		filter: JobFilter,
		total: number,
		serverDate: number | null,
		lag: string,
	): TableView =>
		jobTableView(
			rows,
			batches,
			selectedId,
			columns,
			visible,
			serverDate,
			`${filter === 'all' ? '' : ` · filter: ${FILTER_WORDS[filter]} (${rows.length} of ${total}) · ${FILTER_KEYS} changes it`}${lag}`,
			FILTER_KEYS,
		),
);

export function selectJobTable(state: AppState, size: Size, visible: number): TableView | null {
	const {job} = state;
	if (!job) return null;
	const oldest = selectOldestFigure(state, job.intervalMs);
	// When the budget cannot read every running batch each interval: since when the figures lag (a time of day: nothing ticks).
	// A restart: the batches still showing the journal's figures say so first.
	const restored = journalFoot(state);
	const lag = restored || (oldest ? ` · oldest figure read at ${formatClock(oldest.at)} (${sanitize(oldest.id, {maxColumns: 30})})` : '');
	return tableMemo(
		rowsMemo(job.ids, job.batches, job.filter),
		job.batches,
		job.selectedId,
		size.columns,
		visible,
		job.filter,
		job.ids.length,
		job.serverDate,
		lag,
	);
}

/** The id of the batch whose figure is oldest and may still change, and when it was read, when it lags `intervalMs`. */
export function selectOldestFigure(state: AppState, intervalMs: number): {id: string; at: number} | null {
	const summary = selectJobSummary(state);
	const oldest = summary?.oldest;
	if (!oldest || oldest.ageMs <= intervalMs) return null;
	const at = state.job?.batches[oldest.id]?.refreshedAt ?? null;
	return at === null ? null : {id: oldest.id, at};
}
