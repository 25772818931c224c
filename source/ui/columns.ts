// The item table's columns, declared once: title, alignment, width rule, and the order in which
// they give way when a row is short of room. The heading and every row are laid out from this.
// Pure: texts in, widths out.
import {fit} from '../lib/format.js';

export type ColumnKey = 'index' | 'status' | 'ref' | 'duration' | 'cost' | 'failure';

export interface Column {
	key: ColumnKey;
	title: string;
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

export const COLUMNS: readonly Column[] = Object.freeze([
	{key: 'index', title: '#', align: 'right', ideal: () => 6, min: 6},
	{key: 'status', title: 'status', align: 'left', ideal: () => 13, min: 13},
	{key: 'ref', title: 'client_ref', align: 'left', ideal: (widest) => clamp(widest + 1, 11, REF_CAP + 1), min: 17, floor: 8},
	{key: 'duration', title: 'duration', align: 'right', ideal: () => 9, min: 9},
	{key: 'cost', title: 'cost', align: 'right', ideal: () => 10, min: 10},
	{key: 'failure', title: 'failure', align: 'left', ideal: (widest) => widest + 1, min: 16, floor: 13, omitWhenEmpty: true, fill: true},
]);

/**
 * What gives way, in order, while the row is too wide: the failure text shortens first (to 15
 * characters), then the name (down to 16), then cost is dropped, the failure text shortens to 12,
 * duration is dropped, then the failure column; only then is the name squeezed below 16.
 */
const GIVE_WAY: ReadonlyArray<readonly [ColumnKey, 'min' | 'drop' | 'floor']> = [
	['failure', 'min'],
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
