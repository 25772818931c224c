// Failure triage, pure: the status filter and its `q`, which items match, the lean list in
// order, pages built from it when the server refuses `q`, the next failure to jump to, and the
// slim copy of a failed item kept for its cause.

import type {Batch, BatchItem, EmbeddedRun, LeanItem, Page} from '../api/types.js';
import {nextMatch, standingBefore} from './next-match.js';
import {cutUnits, sanitize} from './sanitize.js';
import {isFailure, statusCategory} from './status.js';

export type StatusFilter = 'all' | 'failed' | 'running' | 'queued' | 'succeeded';

export interface ListFilter {
	status: StatusFilter;
	/** A client_ref substring (case-sensitive, as the server's CONTAINS); '' for none. */
	text: string;
}

/** The order the filter key cycles through. */
export const STATUS_FILTER_CYCLE: readonly StatusFilter[] = Object.freeze(['all', 'failed', 'running', 'queued', 'succeeded']);

/** The status codes of each category, as sent in `q`. */
export const FILTER_STATUS_CODES: Readonly<Record<Exclude<StatusFilter, 'all'>, readonly string[]>> = Object.freeze({
	failed: ['failed', 'errored'],
	running: ['running', 'dispatching'],
	queued: ['queued'],
	succeeded: ['succeeded', 'partial_succeeded'],
});

/** The `q` that lists every failed item. */
export const FAILURE_QUERY = 'status_code:failed OR status_code:errored';

/** The longest client_ref substring the prompt accepts. */
export const MAX_FILTER_TEXT = 100;

export function nextStatusFilter(current: StatusFilter): StatusFilter {
	const index = STATUS_FILTER_CYCLE.indexOf(current);
	return STATUS_FILTER_CYCLE[(index + 1) % STATUS_FILTER_CYCLE.length] ?? 'all';
}

export function isFilterActive(filter: ListFilter): boolean {
	return filter.status !== 'all' || filter.text !== '';
}

/** Identifies a filter: pages fetched for one must never land in another's list. */
export function filterKey(filter: ListFilter): string {
	return `${filter.status}\u0000${filter.text}`;
}

/** A single-quoted `q` value: quotes doubled. */
export function quoteValue(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The `q` for a filter, e.g. `(status_code:failed OR status_code:errored) AND client_ref.CONTAINS:'inv'`;
 * undefined when no filter is on.
 */
export function filterQuery(filter: ListFilter): string | undefined {
	const parts: string[] = [];
	if (filter.status !== 'all') {
		const codes = FILTER_STATUS_CODES[filter.status].map((code) => `status_code:${code}`);
		parts.push(codes.length > 1 && filter.text !== '' ? `(${codes.join(' OR ')})` : codes.join(' OR '));
	}

	if (filter.text !== '') parts.push(`client_ref.CONTAINS:${quoteValue(filter.text)}`);
	return parts.length === 0 ? undefined : parts.join(' AND ');
}

/** Printable ASCII that sanitize leaves as it is (within its default 500 columns). */
const PLAIN = /^[\u0020-\u007E]{0,500}$/;

/** A client_ref as the screen shows it (sanitized: escapes gone, controls marked, \r a space), uncut; '' for none. */
export function displayedRef(ref: string | null | undefined): string {
	if (typeof ref !== 'string') return '';
	return PLAIN.test(ref) ? ref : sanitize(ref);
}

/**
 * Whether an item (full or lean) passes the filter: its status category, and the text within its
 * client_ref as shown (sanitized), never the raw text (an escape sequence's hidden URL does not match).
 */
export function matchesFilter(item: Pick<LeanItem, 'status_code' | 'client_ref'>, filter: ListFilter): boolean {
	if (filter.status !== 'all' && statusCategory(item.status_code) !== filter.status) return false;
	if (filter.text !== '' && !(typeof item.client_ref === 'string' && displayedRef(item.client_ref).includes(filter.text))) return false;
	return true;
}

/**
 * Whether the server's `q` (it matches the raw client_ref) picks the same items as the screen's
 * match (the shown text) for every item of the lean list: when it does not, the list is built here.
 */
export function serverMatchHolds(lean: readonly LeanItem[], filter: ListFilter): boolean {
	if (filter.text === '') return true;
	return lean.every((item) => {
		const ref = item.client_ref;
		if (typeof ref !== 'string' || PLAIN.test(ref)) return true;
		return ref.includes(filter.text) === displayedRef(ref).includes(filter.text);
	});
}

/**
 * The batch's lean item list in sequence order, deduplicated by id, when it covers the whole
 * batch (at least items_total rows); null when it is missing or partial.
 */
export function completeLeanItems(batch: Batch | null | undefined): LeanItem[] | null {
	const lean = batch?.items;
	if (!Array.isArray(lean)) return null;
	const byId = new Map<string, LeanItem>();
	for (const row of lean) {
		if (row && typeof row.id === 'string') byId.set(row.id, row);
	}

	if (byId.size < Math.max(0, batch?.items_total ?? 0)) return null;
	return [...byId.values()].sort((a, b) => a.sequence_index - b.sequence_index);
}

/** How many items of the whole batch pass the filter; null without a complete lean list. */
export function countMatches(batch: Batch | null | undefined, filter: ListFilter): number | null {
	const lean = completeLeanItems(batch);
	if (!lean) return null;
	let count = 0;
	for (const item of lean) {
		if (matchesFilter(item, filter)) count++;
	}

	return count;
}

// ── pages built here, when the server refuses `q` ─────────────────────────────

const LOCAL_CURSOR = 'local:';

export function localCursor(offset: number): string {
	return `${LOCAL_CURSOR}${offset}`;
}

/** The offset of a cursor of localPage (null = the first page); NaN for a cursor that is not one. */
export function localOffset(cursor: string | null): number {
	if (cursor === null) return 0;
	if (!cursor.startsWith(LOCAL_CURSOR)) return Number.NaN;
	const offset = Number(cursor.slice(LOCAL_CURSOR.length));
	return Number.isInteger(offset) && offset >= 0 ? offset : Number.NaN;
}

/** Rows made from the lean list alone: their duration, cost and failure are not loaded. */
const LEAN_ROWS = new WeakSet<BatchItem>();

/** Whether a row holds only what the lean list says (shown as not loaded, read by id). */
export function isLeanRow(item: BatchItem): boolean {
	return LEAN_ROWS.has(item);
}

/**
 * A lean row as an item, completed with what is known of it (a read item, a fetched failure)
 * when that was read in the same status; else the lean row alone, marked (isLeanRow).
 */
export function leanAsItem(lean: LeanItem, known: BatchItem | undefined): BatchItem {
	const row: BatchItem = {
		id: lean.id,
		sequence_index: lean.sequence_index,
		run_id: lean.run_id,
		status_code: lean.status_code,
		client_ref: lean.client_ref ?? null,
	};
	if (known && known.status_code === lean.status_code) return {...known, ...row, run_id: row.run_id ?? known.run_id};
	LEAN_ROWS.add(row);
	return row;
}

/**
 * One page of `rows` (already filtered, in order) from `cursor`, with cursors of the same kind.
 * An unknown cursor starts over from the first page.
 */
export function localPage(rows: readonly LeanItem[], cursor: string | null, limit: number, known: (id: string) => BatchItem | undefined): Page<BatchItem> {
	const size = Math.max(1, Math.floor(limit));
	let offset = localOffset(cursor);
	if (Number.isNaN(offset) || offset >= rows.length) offset = Number.isNaN(offset) ? 0 : Math.max(0, rows.length - size);
	const end = Math.min(rows.length, offset + size);
	return {
		items: rows.slice(offset, end).map((row) => leanAsItem(row, known(row.id))),
		first: localCursor(0),
		next: end < rows.length ? localCursor(end) : null,
		previous: offset > 0 ? localCursor(Math.max(0, offset - size)) : null,
	};
}

// ── jumping ───────────────────────────────────────────────────────────────────

export interface FailurePick {
	target: LeanItem;
	/** Past the last (or before the first) failure, it went round to the other end. */
	wrapped: boolean;
	/** 1-based rank of the target among the candidates, and how many failed. */
	rank: number;
	of: number;
}

/**
 * The failed item after (direction 1) or before (-1) sequence index `from` among `rows` (in
 * sequence order), wrapping round at the ends; `from` null starts from the edge. Null when no
 * row failed.
 */
export function pickFailure(rows: readonly LeanItem[], from: number | null, direction: 1 | -1): FailurePick | null {
	const failed = rows.filter((row) => isFailure(row.status_code));
	const past = (row: LeanItem) => from === null || (direction === 1 ? row.sequence_index > from : row.sequence_index < from);
	const match = nextMatch(failed, standingBefore(failed, direction, past), direction);
	if (!match) return null;
	return {target: match.item, wrapped: match.wrapped, rank: match.index + 1, of: failed.length};
}

// ── what is kept of a failed item ─────────────────────────────────────────────

/** The longest failure message kept (code units): the screen shows one line of it. */
export const MAX_KEPT_MESSAGE = 2000;

function clip(text: string | null | undefined): string | null | undefined {
	if (typeof text !== 'string' || text.length <= MAX_KEPT_MESSAGE) return text;
	return `${cutUnits(text, MAX_KEPT_MESSAGE)}…`;
}

/** A failed item without its input, output, logs and node runs, messages clipped: what a cause needs. */
export function slimFailure(item: BatchItem): BatchItem {
	const run: EmbeddedRun | null | undefined = item.run
		? {
				id: item.run.id,
				status_code: item.run.status_code,
				failure_code: item.run.failure_code,
				failure_message: clip(item.run.failure_message),
				failure_stage_code: item.run.failure_stage_code,
				duration_ms: item.run.duration_ms,
				cost: item.run.cost,
				started_at: item.run.started_at,
				completed_at: item.run.completed_at,
			}
		: item.run;
	return {
		id: item.id,
		sequence_index: item.sequence_index,
		run_id: item.run_id,
		client_ref: item.client_ref,
		status_code: item.status_code,
		cost: item.cost,
		started_at: item.started_at,
		completed_at: item.completed_at,
		error: item.error ? {code: item.error.code, message: clip(item.error.message)} : item.error,
		run,
	};
}
