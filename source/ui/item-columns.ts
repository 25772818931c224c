// The item table's columns, declared once (ui/table-layout.ts's TableColumn): title, what it shows of
// an item (and in which colour), alignment, width rule; and the order in which they give way when
// a row is short of room. Drawn by the one Table (every cell opaque). Pure.
import type {BatchItem} from '../api/types.js';
import {failureCause, failureMessage} from '../lib/failures.js';
import {formatDuration} from '../lib/format.js';
import {durationBetween} from '../lib/timestamps.js';
import {formatMoney, parseMoney} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {runningFor} from '../lib/progress.js';
import {statusColor, statusText} from '../lib/status.js';
import {itemCost} from '../lib/summary.js';
import {isLeanRow} from '../lib/triage.js';
import type {TableColumn, TableSpec} from './table-layout.js';

export type ColumnKey = 'index' | 'status' | 'ref' | 'duration' | 'cost' | 'failure';

/** What a row's cells may need beyond the item: when a running item may be stuck (lib/pace.ts). */
export interface RowContext {
	/** The newest server timestamp seen, and the run time past which a running item may be stuck. */
	serverNow: number | null;
	stuckAfter: number | null;
}

/** A running item that has run past the stuck threshold. */
export function isStuck(item: BatchItem, context: RowContext): boolean {
	const running = runningFor(item, context.serverNow);
	return running !== null && context.stuckAfter !== null && running > context.stuckAfter;
}

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
const unlessLean = (show: (item: BatchItem) => string) => (item: BatchItem) => (isLeanRow(item) ? '…' : show(item));

/** What a cell may need beyond the item: the data's time (running items' durations run to it) and the row context. */
export interface ItemContext extends RowContext {
	now: number;
}

type ItemColumn = TableColumn<BatchItem, ItemContext, ColumnKey>;

const COLUMNS: readonly ItemColumn[] = [
	{key: 'index', title: '#', text: (item) => String(item.sequence_index), align: 'right', ideal: 6, min: 6},
	{
		key: 'status',
		title: 'status',
		text: (item) => statusText(item.status_code),
		color: (item) => statusColor(item.status_code),
		keepColorSelected: true,
		align: 'left',
		ideal: (widest) => clamp(widest + 1, 13, 20),
		min: 13,
	},
	{
		key: 'ref',
		title: 'client_ref',
		text: (item) => sanitize(item.client_ref ?? '—', {maxColumns: 80}),
		align: 'left',
		ideal: (widest) => clamp(widest + 1, 11, REF_CAP + 1),
		min: 17,
		floor: 8,
		fillTo: (widest) => widest + 1,
	},
	// A running item that may be stuck: its duration in yellow after a '!'.
	{
		key: 'duration',
		title: 'duration',
		text: (item, context) => (isLeanRow(item) ? '…' : `${isStuck(item, context) ? '!' : ''}${itemDuration(item, context.now)}`),
		color: (item, context) => (isStuck(item, context) ? 'yellow' : undefined),
		keepColorSelected: true,
		align: 'right',
		ideal: 9,
		min: 9,
	},
	{key: 'cost', title: 'cost', text: unlessLean((item) => formatMoney(parseMoney(itemCost(item)))), align: 'right', ideal: 10, min: 10},
	{
		key: 'failure',
		title: 'failure',
		text: itemFailure,
		color: () => 'red',
		align: 'left',
		ideal: (widest) => widest + 1,
		min: 16,
		floor: 13,
		omitWhenEmpty: true,
	},
];

/**
 * What gives way, in order, while the row is too wide: the failure text shortens first (to 15
 * characters), then a long status word is cut back to 12 columns ('◑ partial s…'), then the
 * name (down to 16), then cost is dropped, the failure text shortens to 12,
 * duration is dropped, then the failure column; only then is the name squeezed below 16.
 * What room is left goes to the failure column, else to the name (up to its widest text).
 */
export const ITEM_TABLE: TableSpec<BatchItem, ItemContext, ColumnKey> = {
	columns: COLUMNS,
	giveWay: [
		['failure', 'min'],
		['status', 'min'],
		['ref', 'min'],
		['cost', 'drop'],
		['failure', 'floor'],
		['duration', 'drop'],
		['failure', 'drop'],
		['ref', 'floor'],
	],
	fill: ['failure', 'ref'],
	gap: 'after',
	key: (item) => item.id,
};
