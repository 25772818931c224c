// Line formats of the headless modes. `plain`: one human line per event, no escape codes
// (colour only when FORCE_COLOR asks for it). `json`: one object per line, stable fields
// (documented in the readme). Untrusted text is sanitized (plain) or escaped (json).
// CommonReporter: the lines every watch says (the loop's, modes/watch-loop.ts), one batch's or a
// job's alike; Reporter adds one batch's own (a job's: job-reporters.ts). A new event: a method
// here (json and plain), and where the loop or what is watched says it.
import {formatClock, formatDuration} from '../lib/format.js';
import {formatMoney, usdDecimal} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {isTerminal, statusSymbol} from '../lib/status.js';
import {formatRate, type Glance} from '../lib/glance.js';
import type {BatchSummary} from '../lib/summary.js';
import type {Batch} from '../api/types.js';
import {safeJson} from './json-text.js';
import {batchStatusWord, compactCounts, progressLine} from './outcome.js';

export {MAX_JSON_STRING, safeJson} from './json-text.js';

export interface ItemEvent {
	id: string;
	sequence_index: number;
	client_ref: string | null;
	status: string;
	previous_status: string | null;
	run_id: string | null;
}

export interface FailureEvent {
	/** A job's: the batch the item is in (the first field). One batch's events have none. */
	batch_id?: string;
	id: string;
	sequence_index: number;
	client_ref: string | null;
	status: string;
	run_id: string | null;
	cause: string | null;
	message: string | null;
	/** Whether the item's detail was read: false when its read failed or was not made (null cause and message then mean "not known", not "none"). */
	cause_read: boolean;
}

export interface ErrorEvent {
	kind: string;
	/**
	 * `request`: one try of a request failed and the request is tried again after `retry_in_ms`
	 * (`attempt`: that try's number). `poll`: a poll failed after its tries (`attempt`: failed polls
	 * in a row; `retry_in_ms` to the next, a server's Retry-After honoured). null: not an attempt.
	 */
	scope: 'request' | 'poll' | null;
	/** A job's: the batch the error is about, when it is about one. */
	batch_id?: string;
	message: string;
	attempt: number;
	retry_in_ms: number | null;
}

/** Whether the figures a heartbeat repeats are stale (modes/attempts.ts). */
export interface HeartbeatState {
	stale: boolean;
	/** The last good answer (ms epoch), null before any. */
	since: number | null;
	/** Why, when known. */
	error: string | null;
}

export interface DoneEvent {
	reason: string;
	exit_code: number;
}

export interface BudgetEvent {
	/** What passed the limit: the cost spent, or the projected total. */
	which: 'spent' | 'projected';
	/** USD, decimal strings. */
	spent: string | null;
	projected: string | null;
	max_cost: string;
}

/** What every watch says, one batch's or a job's: --max-cost passed, a failed item, a failed attempt. */
export interface CommonReporter {
	budget(event: BudgetEvent, at: number): void;
	failure(event: FailureEvent, at: number): void;
	error(event: ErrorEvent, at: number): void;
}

/** One batch's lines. */
export interface Reporter extends CommonReporter {
	snapshot(batch: Batch, summary: BatchSummary, at: number, glance?: Glance): void;
	item(event: ItemEvent, at: number): void;
	heartbeat(batch: Batch | null, summary: BatchSummary | null, at: number, quietMs: number, state: HeartbeatState): void;
	done(batch: Batch | null, summary: BatchSummary | null, event: DoneEvent, at: number): void;
}

export type Write = (line: string) => void;

/** An event written as one JSON line: `type`, `ts` (ISO), then its fields. */
export type Emit = (type: string, at: number, fields: object) => void;

/** The events that carry the figures (a batch's or a job's): `extra` fields go on them (the balance). */
const FIGURES = new Set(['snapshot', 'job', 'heartbeat', 'done']);

/** `extra`: fields added to the events that carry the figures (snapshot, job, heartbeat, done): the balance. */
export function jsonEmitter(write: Write, extra: () => object = () => ({})): Emit {
	return (type, at, fields) => write(safeJson({type, ts: new Date(at).toISOString(), ...fields, ...(FIGURES.has(type) ? extra() : {})}));
}

/** The `error` of more failed items when the server sends no item list (no attempt: scope null). */
export function moreFailedEvent(more: number, batchId?: string): ErrorEvent {
	return {
		kind: 'failures',
		scope: null,
		...(batchId === undefined ? {} : {batch_id: batchId}),
		message: `${more} more item(s) failed (the server sent no item list: open the TUI to see them)`,
		attempt: 0,
		retry_in_ms: null,
	};
}

export function commonJsonReporter(emit: Emit): CommonReporter {
	return {
		budget: (event, at) => emit('budget', at, event),
		failure: (event, at) => emit('failure', at, event),
		error: (event, at) => emit('error', at, event),
	};
}

/** The figures of lib/glance.ts, for a snapshot (null where not known yet). */
function glanceFields(glance: Glance) {
	return {
		elapsed_ms: glance.elapsed,
		per_minute: glance.perMinute === null ? null : Math.round(glance.perMinute * 100) / 100,
		eta_ms: glance.eta,
		p50_ms: glance.durations?.median ?? null,
		p95_ms: glance.durations?.p95 ?? null,
		average_cost: usdDecimal(glance.spend.average, 'rounded'),
		projected_cost: usdDecimal(glance.spend.projected, 'rounded'),
		projected_is_estimate: glance.spend.estimate,
	};
}

/** The count and cost fields of a batch's or a whole job's events: `cost` exact, never rounded. */
export function countFields(summary: Omit<BatchSummary, 'source'>) {
	return {
		total: summary.total,
		finished: summary.finished,
		in_progress: summary.inFlight,
		succeeded: summary.succeeded,
		failed: summary.failed,
		cancelled: summary.cancelled,
		counts: Object.fromEntries(summary.counts.map((c) => [c.status, c.count])),
		cost: usdDecimal(summary.cost, 'exact'),
	};
}

export function summaryFields(batch: Batch, summary: BatchSummary) {
	return {
		batch_id: batch.id,
		status: batch.status_code,
		...countFields(summary),
		cost_usd: batch.cost,
	};
}

export function jsonReporter(write: Write, extra?: () => object): Reporter {
	const emit = jsonEmitter(write, extra);
	return {
		...commonJsonReporter(emit),
		snapshot: (batch, summary, at, glance) => emit('snapshot', at, {...summaryFields(batch, summary), ...(glance ? glanceFields(glance) : {})}),
		item: (event, at) => emit('item', at, event),
		heartbeat: (batch, summary, at, quietMs, state) =>
			emit('heartbeat', at, {quiet_ms: quietMs, ...staleFields(state), ...(batch && summary ? summaryFields(batch, summary) : {})}),
		done: (batch, summary, event, at) =>
			emit('done', at, {...event, ...(batch && summary ? {...summaryFields(batch, summary), duration_ms: batch.duration_ms ?? null} : {})}),
	};
}

/**
 * The figures of a snapshot for a plain line, those that mean something yet:
 * ` · elapsed 3m 05s · 12/min · ~5m 02s left · p50 30s p95 42s · $0.0122/item · ~$1.4652 total`.
 * The rate and the ETA (an estimate, `~`) while items remain; the projected total (`~`) once
 * enough items finished for it to count and until every one did (then it is the cost shown).
 */
export function glanceText(summary: BatchSummary, status: string, glance: Glance): string {
	const over = isTerminal(status) || (summary.total > 0 && summary.finished >= summary.total);
	const parts: string[] = [];
	if (glance.elapsed !== null && glance.elapsed > 0) parts.push(`elapsed ${formatDuration(glance.elapsed)}`);
	if (!over && glance.perMinute !== null) parts.push(formatRate(glance.perMinute));
	if (!over && glance.eta !== null && glance.eta > 0) parts.push(`~${formatDuration(glance.eta)} left`);
	if (glance.durations) parts.push(`p50 ${formatDuration(glance.durations.median)} p95 ${formatDuration(glance.durations.p95)}`);
	const {average, projected, estimate, meaningful} = glance.spend;
	if (average !== null) parts.push(`${formatMoney(average)}/item`);
	if (!over && estimate && meaningful && projected !== null) parts.push(`~${formatMoney(projected)} total`);
	return parts.map((part) => ` · ${part}`).join('');
}

/** `12:03:09 ! over budget: projected total ~$1.5200 passes --max-cost $1.0000` (a batch's or a job's). */
export function budgetLine(event: BudgetEvent, at: number, color: boolean): string {
	const figure = event.which === 'spent' ? `spent $${event.spent}` : `projected total ~$${event.projected}`;
	return `${formatClock(at)} ${paint('!', 31, color)} over budget: ${figure} passes --max-cost $${event.max_cost}`;
}

/** A heartbeat's stale fields: `stale`, `stale_since` (the last good answer, ISO; null before any). */
export function staleFields(state: HeartbeatState) {
	return {stale: state.stale, stale_since: state.stale && state.since !== null ? new Date(state.since).toISOString() : null};
}

/** `no change for 1m 00s`, or `stale since 12:03:05: the server failed (503), retrying` during an outage. */
export function quietText(quietMs: number, state: HeartbeatState): string {
	if (!state.stale) return `no change for ${formatDuration(quietMs)}`;
	const since = state.since === null ? 'stale: no answer yet' : `stale since ${formatClock(state.since)}`;
	return `${since}: ${state.error ? sanitize(state.error, {maxColumns: 200}) : 'waiting for an answer'}, retrying`;
}

/**
 * `12:03:05 ! b_x: the server failed (500) (try 1 failed, again in 0.7s)` (a request tried again),
 * `… (attempt 2, next in 4.0s)` (a poll failed), or the message alone.
 */
export function errorLine(event: ErrorEvent, at: number, about: string): string {
	let retry = '';
	if (event.scope === 'request') retry = ` (try ${event.attempt} failed, again in ${formatDuration(event.retry_in_ms ?? 0)})`;
	else if (event.retry_in_ms !== null) retry = ` (attempt ${event.attempt}, next in ${formatDuration(event.retry_in_ms)})`;
	return `${formatClock(at)} ! ${about}${sanitize(event.message, {maxColumns: 200})}${retry}`;
}

/** ` OOM: CUDA out of memory…` after a failure's status; ` (cause not read)` when its detail could not be read. */
export function causeText(event: FailureEvent): string {
	if (!event.cause_read) return ' (cause not read)';
	const cause = event.cause ? ` ${sanitize(event.cause, {maxColumns: 60})}` : '';
	const message = event.message && event.message !== event.cause ? `: ${sanitize(event.message, {maxColumns: 200})}` : '';
	return `${cause}${message}`;
}

export function paint(text: string, code: number, color: boolean): string {
	return color ? `\u001B[${code}m${text}\u001B[39m` : text;
}

/** compactCounts' text, successes green and failures red when `color`. */
export function paintCounts(text: string, color: boolean): string {
	if (!color) return text;
	return text.replace(/✓\d+/g, (m) => paint(m, 32, true)).replace(/✗\d+/g, (m) => paint(m, 31, true));
}

/** The common lines in plain: budget and failures on stdout, failed attempts on stderr (`b_x: …` when about a job's batch). */
export function commonPlainReporter(write: Write, writeError: Write, color: boolean): CommonReporter {
	const ref = (value: string | null) => (value ? ` ${sanitize(value, {maxColumns: 60})}` : '');
	const id = (value: string) => sanitize(value, {maxColumns: 60});
	return {
		budget: (event, at) => write(budgetLine(event, at, color)),
		failure: (event, at) => {
			const batch = event.batch_id === undefined ? '' : ` ${id(event.batch_id)}`;
			const symbol = paint(statusSymbol(event.status), 31, color);
			const status = sanitize(event.status, {maxColumns: 30});
			write(`${formatClock(at)} ${symbol}${batch} #${event.sequence_index}${ref(event.client_ref)} ${status}${causeText(event)}`);
		},
		error: (event, at) => writeError(errorLine(event, at, event.batch_id ? `${id(event.batch_id)}: ` : '')),
	};
}

export function plainReporter(write: Write, writeError: Write, color: boolean): Reporter {
	const counts = (summary: BatchSummary) => paintCounts(compactCounts(summary), color);
	const line = (summary: BatchSummary, at: number, word: string) => progressLine(summary, at, word, counts(summary));
	return {
		...commonPlainReporter(write, writeError, color),
		snapshot: (batch, summary, at, glance) =>
			write(`${line(summary, at, batchStatusWord(batch))}${glance ? glanceText(summary, batch.status_code, glance) : ''}`),
		item: () => {},
		heartbeat: (batch, summary, at, quietMs, state) => {
			if (!batch || !summary) {
				const error = state.error ? `; ${sanitize(state.error, {maxColumns: 200})}` : '';
				write(`${formatClock(at)} waiting for the first answer (${formatDuration(quietMs)}${error})`);
			} else write(`${line(summary, at, `still ${batchStatusWord(batch)}`)} (${quietText(quietMs, state)})`);
		},
		done: (batch, summary, event, at) => {
			if (!batch || !summary) {
				write(`${formatClock(at)} ${event.reason}: no data was received`);
				return;
			}
			const took = batch.duration_ms ? ` in ${formatDuration(batch.duration_ms)}` : '';
			write(`${line(summary, at, `${event.reason}: ${batchStatusWord(batch)}`)}${took}`);
		},
	};
}
