// Line formats of the headless modes watching a JOB (several batches). `plain`: one human line
// per event; `json`: one object per line (the readme's events table). Every line about one batch
// or one item carries the batch's id. Untrusted text is sanitized (plain) or escaped (json).
// The lines every watch says (budget, failure, error) are reporters.ts's CommonReporter.
import type {Batch} from '../api/types.js';
import {formatClock, formatDuration} from '../lib/format.js';
import type {JobSummary} from '../lib/job.js';
import {usdDecimal} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import type {BatchSummary} from '../lib/summary.js';
import {batchStatusWord, compactCounts, progressLine} from './outcome.js';
import {
	commonJsonReporter,
	commonPlainReporter,
	countFields,
	jsonEmitter,
	paintCounts,
	quietText,
	staleFields,
	summaryFields,
	type CommonReporter,
	type DoneEvent,
	type ErrorEvent,
	type FailureEvent,
	type HeartbeatState,
	type Write,
} from './reporters.js';

/** The job's figures at one moment: its summary, and the batches the server said do not exist. */
export interface JobView {
	summary: JobSummary;
	missing: number;
	/** The oldest figure's age when it lags the polling interval (lib/job.ts laggingAge), else null. */
	laggingMs: number | null;
}

/** A job's failure always names its batch. */
export interface JobFailureEvent extends FailureEvent {
	batch_id: string;
}

/** A job's error names its batch when it is about one. */
export type JobErrorEvent = ErrorEvent;

/** A job's lines; budget (over the whole job), failure and error are every watch's (CommonReporter). */
export interface JobReporter extends CommonReporter {
	job(view: JobView, at: number): void;
	/** A batch of the job finished (said once per batch). */
	batch(batch: Batch, summary: BatchSummary, at: number): void;
	heartbeat(view: JobView, at: number, quietMs: number, state: HeartbeatState): void;
	/** `status`: the job's word (lib/job.ts jobStatus) once every batch finished, else `outcome`. */
	done(view: JobView, event: DoneEvent & {outcome: string; status: string}, at: number): void;
	/** A restart: what changed since the journal was written, once its figures are whole. */
	digest(event: DigestEvent, at: number): void;
}

/** What changed since the journal (lib/journal-entries.ts Digest), as JSON: `cost` an exact decimal string. */
export interface DigestEvent {
	since: string;
	finished: number;
	failed: number;
	cost: string;
	batches_finished: number;
	/** The causes of the items failed since (as read), cause → count, the largest first. */
	causes: Record<string, number>;
	/** Failed items whose cause was read: the counts of `causes` add up to it. */
	causes_read: number;
	/** The words the TUI and plain show. */
	text: string;
}

/** The job event's fields (also in heartbeat and done). */
export function jobFields({summary, missing, laggingMs}: JobView) {
	const {byState} = summary;
	return {
		batches: summary.batches,
		batches_by_state: {unread: byState.unknown - missing, queued: byState.queued, running: byState.running, finished: byState.finished, missing},
		...countFields(summary),
		// As a batch's `cost_usd`, an exact figure: here the exact sum, the same as `cost`.
		cost_usd: usdDecimal(summary.cost, 'exact'),
		oldest_batch_id: summary.oldest?.id ?? null,
		oldest_age_ms: summary.oldest?.ageMs ?? null,
		lagging: laggingMs !== null,
	};
}

export function jobJsonReporter(write: Write, extra?: () => object): JobReporter {
	const emit = jsonEmitter(write, extra);
	return {
		...commonJsonReporter(emit),
		job: (view, at) => emit('job', at, jobFields(view)),
		batch: (batch, summary, at) => emit('batch', at, {...summaryFields(batch, summary), duration_ms: batch.duration_ms ?? null}),
		heartbeat: (view, at, quietMs, state) => emit('heartbeat', at, {quiet_ms: quietMs, ...staleFields(state), ...jobFields(view)}),
		done: (view, event, at) => emit('done', at, {...event, ...jobFields(view)}),
		digest: (event, at) => emit('digest', at, event),
	};
}

/** `(3 running, 2 queued, 2 finished)`: the batches by state, the empty states left out. */
function statesText({summary, missing}: JobView): string {
	const {byState} = summary;
	const parts: Array<[number, string]> = [
		[byState.running, 'running'],
		[byState.queued, 'queued'],
		[byState.unknown - missing, 'not read yet'],
		[byState.finished, 'finished'],
		[missing, 'not found'],
	];
	const said = parts.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`);
	return said.length > 0 ? ` (${said.join(', ')})` : '';
}

export function jobPlainReporter(write: Write, writeError: Write, color: boolean): JobReporter {
	const plural = (count: number) => `${count} batch${count === 1 ? '' : 'es'}`;
	// `12:03:05 job 7 batches (3 running, 2 finished) 340/585 ○200 ◐31 ✓340 ✗14, $3.4521`
	const line = (view: JobView, at: number, word: string) => {
		const lag = view.laggingMs === null ? '' : ` (oldest figure ${formatDuration(view.laggingMs)} old)`;
		const label = `${word}${plural(view.summary.batches)}${statesText(view)}`;
		return `${progressLine(view.summary, at, label, paintCounts(compactCounts(view.summary), color))}${lag}`;
	};
	const id = (value: string) => sanitize(value, {maxColumns: 60});
	return {
		...commonPlainReporter(write, writeError, color),
		job: (view, at) => write(line(view, at, 'job ')),
		batch: (batch, summary, at) => {
			const took = batch.duration_ms ? ` in ${formatDuration(batch.duration_ms)}` : '';
			write(
				`${progressLine(summary, at, `batch ${id(batch.id)} finished: ${batchStatusWord(batch)}`, paintCounts(compactCounts(summary), color))}${took}`,
			);
		},
		heartbeat: (view, at, quietMs, state) => {
			if (view.summary.byState.unknown === view.summary.batches) {
				const error = state.error ? `; ${sanitize(state.error, {maxColumns: 200})}` : '';
				write(`${formatClock(at)} waiting for the first answer (${formatDuration(quietMs)}${error})`);
			} else write(`${line(view, at, 'job ')} (${quietText(quietMs, state)})`);
		},
		done: (view, event, at) => write(line(view, at, `${event.reason}: ${sanitize(event.status, {maxColumns: 30})} job `)),
		digest: (event, at) => write(`${formatClock(at)} ${event.text}`),
	};
}
