// The item table's columns, declared once: title, what it shows of an item (and in which colour),
// alignment, width rule, and the order in which they give way when a row is short of room. The
// heading and every row are laid out from this; every cell is drawn opaque (ItemTable). Adding a
// column: its key, its entry in COLUMNS (and in GIVE_WAY if it should give way). Pure.
import type {BatchItem} from '../api/types.js';
import {failureCause, failureMessage} from '../lib/failures.js';
import {durationBetween, fit, formatDuration} from '../lib/format.js';
import {formatMoney, parseMoney} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {runningFor} from '../lib/progress.js';
import {statusColor, statusText} from '../lib/status.js';
import {itemCost} from '../lib/summary.js';
import {isLeanRow} from '../lib/triage.js';

export type ColumnKey = 'index' | 'status' | 'ref' | 'duration' | 'cost' | 'failure';

/** What a row's cells may need beyond the item: when a running item may be stuck (lib/progress.ts). */
export interface RowContext {
	/** The newest server timestamp seen, and the run time past which a running item may be stuck. */
	serverNow: number | null;
	stuckAfter: number | null;
}

export const NO_CONTEXT: RowContext = Object.freeze({serverNow: null, stuckAfter: null});

/** A running item that has run past the stuck threshold. */
export function isStuck(item: BatchItem, context: RowContext): boolean {
	const running = runningFor(item, context.serverNow);
	return running !== null && context.stuckAfter !== null && running > context.stuckAfter;
}

export interface Column {
	key: ColumnKey;
	title: string;
	/** What it shows of an item, whole and sanitized (cut to the column's width later). `now`: data time, for running items. */
	text: (item: BatchItem, now: number, context: RowContext) => string;
	color?: (item: BatchItem, context: RowContext) => string | undefined;
	align: 'left' | 'right';
	/**
	 * The width the column asks for (its one-space gap included), from the widest text it would
	 * show on screen (0 when it has none).
	 */
	ideal: (widest: number) => number;
	/** It shrinks to this (when asked to by GIVE_WAY) before it is dropped or squeezed further. */
	min: number;
	/** Where GIVE_WAY squeezes it to as a last resort, below `min`. */
	floor?: number;
	/** Left out when no row on screen has anything to show in it. */
	omitWhenEmpty?: boolean;
	/** Takes whatever room is left at the end. */
	fill?: boolean;
}

/** The '› ' marker before the cells. */
export const MARKER_WIDTH = 2;

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** The longest client_ref that gets its whole width before the failure column takes the rest. */
export const REF_CAP = 36;

/** The item's duration: started → completed (a running one up to `now`), else the run's own. */
export function itemDuration(item: BatchItem, now: number): string {
	const span = durationBetween(item.started_at ?? item.run?.started_at, item.completed_at ?? item.run?.completed_at, now);
	return formatDuration(span ?? item.run?.duration_ms);
}

/** 'CODE: message' (each part sanitized), or '' when the item did not fail. */
export function itemFailure(item: BatchItem): string {
	const cause = failureCause(item);
	if (cause === null) return '';
	const message = failureMessage(item);
	const code = sanitize(cause, {maxColumns: 80});
	if (message === null) return code;
	const text = sanitize(message, {maxColumns: 300});
	return text.startsWith(code) ? text : `${code}: ${text}`;
}

/** A row of a list built here whose item could not be read yet: not loaded ('…'), never '—'. */
const unlessLean = (show: (item: BatchItem, now: number) => string) => (item: BatchItem, now: number) => (isLeanRow(item) ? '…' : show(item, now));

export const COLUMNS: readonly Column[] = Object.freeze([
	{key: 'index', title: '#', text: (item) => String(item.sequence_index), align: 'right', ideal: () => 6, min: 6},
	{key: 'status', title: 'status', text: (item) => statusText(item.status_code), color: (item) => statusColor(item.status_code), align: 'left', ideal: (widest) => clamp(widest + 1, 13, 20), min: 13},
	{key: 'ref', title: 'client_ref', text: (item) => sanitize(item.client_ref ?? '—', {maxColumns: 80}), align: 'left', ideal: (widest) => clamp(widest + 1, 11, REF_CAP + 1), min: 17, floor: 8},
	// A running item that may be stuck: its duration in yellow after a '!'.
	{key: 'duration', title: 'duration', text: (item, now, context) => (isLeanRow(item) ? '…' : `${isStuck(item, context) ? '!' : ''}${itemDuration(item, now)}`), color: (item, context) => (isStuck(item, context) ? 'yellow' : undefined), align: 'right', ideal: () => 9, min: 9},
	{key: 'cost', title: 'cost', text: unlessLean((item) => formatMoney(parseMoney(itemCost(item)))), align: 'right', ideal: () => 10, min: 10},
	{key: 'failure', title: 'failure', text: itemFailure, color: () => 'red', align: 'left', ideal: (widest) => widest + 1, min: 16, floor: 13, omitWhenEmpty: true, fill: true},
]);

/**
 * What gives way, in order, while the row is too wide: the failure text shortens first (to 15
 * characters), then a long status word is cut back to 12 columns ('◑ partial s…'), then the
 * name (down to 16), then cost is dropped, the failure text shortens to 12,
 * duration is dropped, then the failure column; only then is the name squeezed below 16.
 */
const GIVE_WAY: ReadonlyArray<readonly [ColumnKey, 'min' | 'drop' | 'floor']> = [
	['failure', 'min'],
	['status', 'min'],
	['ref', 'min'],
	['cost', 'drop'],
	['failure', 'floor'],
	['duration', 'drop'],
	['failure', 'drop'],
	['ref', 'floor'],
];

/** Each column's width (gap included); 0 = left out. */
export type ColumnWidths = Record<ColumnKey, number>;

const byKey = new Map(COLUMNS.map((column) => [column.key, column]));

/**
 * The widths for a terminal `columns` wide, given the widest text each column would show on
 * screen. Every column starts at its ideal; GIVE_WAY takes room back until the row fits; what
 * room is left goes to the failure column, else to the name (up to its widest text).
 */
export function layoutColumns(columns: number, widest: Readonly<Record<ColumnKey, number>>): ColumnWidths {
	const widths = {} as ColumnWidths;
	for (const column of COLUMNS) {
		widths[column.key] = column.omitWhenEmpty && widest[column.key] === 0 ? 0 : column.ideal(widest[column.key]);
	}

	let room = columns - MARKER_WIDTH - COLUMNS.reduce((sum, column) => sum + widths[column.key], 0);
	for (const [key, how] of GIVE_WAY) {
		if (room >= 0) break;
		const column = byKey.get(key)!;
		const current = widths[key];
		if (current === 0) continue;
		if (how === 'drop') {
			widths[key] = 0;
			room += current;
			continue;
		}

		const target = how === 'min' ? column.min : (column.floor ?? column.min);
		const give = Math.max(0, Math.min(current - target, -room));
		widths[key] = current - give;
		room += give;
	}

	if (room > 0) {
		const fill = COLUMNS.find((column) => column.fill && widths[column.key] > 0);
		if (fill) {
			widths[fill.key] += room;
		} else {
			widths.ref += Math.max(0, Math.min(room, widest.ref + 1 - widths.ref));
		}
	}

	return widths;
}

/** A cell: the text cut to width − 1 columns and aligned, then one space of gap ('' for a column left out). */
export function cellText(text: string, width: number, align: 'left' | 'right'): string {
	return width > 0 ? `${fit(text, width - 1, align)} ` : '';
}

/** The heading row: each column's title in its cell. */
export function headingText(widths: ColumnWidths): string {
	return ' '.repeat(MARKER_WIDTH) + COLUMNS.map((column) => cellText(column.title, widths[column.key], column.align)).join('');
}
