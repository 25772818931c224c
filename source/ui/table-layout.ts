// One table for the item list and the job's batches: its columns declared once (TableColumn:
// heading, cell, width rule, alignment), the order in which they give way on a narrow terminal
// and who takes the room left (TableSpec), laid out here for the rows on screen only, and drawn
// by Table.tsx. The item table's columns are in item-columns.ts, the batches' in job-columns.ts.
// Adding a column: its declaration in the spec's `columns` (and in `giveWay` / `fill` if it
// gives way or grows). Pure.
import {displayWidth, fit, truncate} from '../lib/format.js';
import {windowStart} from './layout.js';

/** A width, its one-space gap included: fixed, or from the widest text the column shows on screen (0 when none). */
export type Width = number | ((widest: number) => number);

export interface TableColumn<T, C, K extends string> {
	key: K;
	/** Its heading. */
	title: string;
	/** What it shows of a row, whole and sanitized (cut to the column's width when drawn). */
	text: (row: T, context: C) => string;
	/** A shorter form, drawn when the whole text does not fit the column's width (then cut if it still does not). */
	short?: (row: T, context: C) => string;
	color?: (row: T, context: C) => string | undefined;
	/** Keeps its colour on the selected (inverse) row, where the other cells are drawn plain. */
	keepColorSelected?: boolean;
	/** Drawn without Ink measuring it (OpaqueText: texts with endless forms); default true. */
	opaque?: boolean;
	align: 'left' | 'right';
	/** The width it asks for. */
	ideal: Width;
	/** What `giveWay`'s 'min' and 'short' take it down to (default: its ideal). */
	min?: number;
	/** What `giveWay`'s 'floor' squeezes it to, as a last resort below `min`. */
	floor?: number;
	/** Left out when no row on screen has anything to show in it. */
	omitWhenEmpty?: boolean;
	/** When it is in the spec's `fill`: the most it grows to (default: no bound). */
	fillTo?: Width;
}

/**
 * How a column gives way while the row is too wide: 'min' shrinks it towards its min as far as
 * needed, 'short' takes it to its min at once (its texts take their short forms), 'floor'
 * squeezes it towards its floor, 'drop' leaves it out.
 */
export type GiveWay<K extends string> = readonly [K, 'min' | 'short' | 'floor' | 'drop'];

export interface TableSpec<T, C, K extends string> {
	columns: ReadonlyArray<TableColumn<T, C, K>>;
	/** In order, while the row (every column at its ideal) is wider than the terminal. */
	giveWay: ReadonlyArray<GiveWay<K>>;
	/** Who takes the room left once the row fits, in order (each up to its fillTo). */
	fill: readonly K[];
	/** The one-space gap of each cell: after its text (items) or before it (batches). */
	gap: 'before' | 'after';
	key: (row: T) => string;
	/** Rows whose figures are stale: dimmed, a '!' after the selection mark (its own column). */
	flag?: (row: T) => boolean;
}

/** The selection mark ('›') and the flag before the cells. */
export const MARKER_WIDTH = 2;

export interface TableCell {
	key: string;
	/** Cut and padded to the column's width, its gap included. */
	text: string;
	/** The colour to draw it in (none on the selected row, unless the column keeps it). */
	color: string | undefined;
	opaque: boolean;
}

export interface TableRow {
	key: string;
	selected: boolean;
	/** The row's own figures are stale (spec.flag): dimmed, flagged. */
	stale: boolean;
	/** '› ' / '  '; with a flag column, '›' / ' ' and the flag apart. */
	marker: string;
	/** '!' or ' ' when the table has a flag column, else null. */
	flag: string | null;
	/** One per column on screen (a column left out has none), in declaration order. */
	cells: TableCell[];
}

export interface TableView {
	/** The heading row, laid out with the same widths as the rows. */
	heading: string;
	rows: TableRow[];
	/** Said instead of rows ('loading…', 'no batches yet'), or null. */
	placeholder: string | null;
	/** The line under the rows, cut to the terminal's width. */
	foot: string;
	/** Blank lines after the foot line, so that the table keeps its height with few rows. */
	pad: number;
}

export interface TableInput<T, C> {
	/** Every row; only those in the window around `selected` are laid out. */
	rows: readonly T[];
	selected: number;
	/** The terminal's width. */
	columns: number;
	/** Rows that fit. */
	visible: number;
	context: C;
	placeholder: string | null;
	foot: string;
	/** Pad to `visible` rows (a resize then leaves nothing of an old frame below the table). */
	keepHeight?: boolean;
}

const widthOf = (width: Width, widest: number): number => (typeof width === 'number' ? width : width(widest));

/**
 * Each column's width (gap included; 0 = left out) for a terminal `columns` wide, given the
 * widest text each would show on screen: every column at its ideal, then `giveWay` takes room
 * back until the row fits, then `fill` takes the room left.
 */
export function layoutWidths<T, C, K extends string>(spec: TableSpec<T, C, K>, columns: number, widest: Readonly<Record<K, number>>): Record<K, number> {
	const widths = {} as Record<K, number>;
	const byKey = new Map(spec.columns.map((column) => [column.key, column]));
	let room = columns - MARKER_WIDTH;
	for (const column of spec.columns) {
		widths[column.key] = column.omitWhenEmpty && widest[column.key] === 0 ? 0 : widthOf(column.ideal, widest[column.key]);
		room -= widths[column.key];
	}

	for (const [key, how] of spec.giveWay) {
		if (room >= 0) break;
		const column = byKey.get(key)!;
		const current = widths[key];
		if (current === 0) continue;
		const target = how === 'drop' ? 0 : how === 'floor' ? (column.floor ?? column.min ?? current) : (column.min ?? current);
		const give = how === 'drop' || how === 'short' ? current - target : Math.max(0, Math.min(current - target, -room));
		widths[key] = current - give;
		room += give;
	}

	for (const key of spec.fill) {
		if (room <= 0) break;
		const column = byKey.get(key)!;
		if (widths[key] === 0) continue;
		const most = column.fillTo === undefined ? Number.POSITIVE_INFINITY : widthOf(column.fillTo, widest[key]);
		const take = Math.max(0, Math.min(room, most - widths[key]));
		widths[key] += take;
		room -= take;
	}

	return widths;
}

/** A cell: the text cut to its width (less the gap) and aligned, and the gap ('' for a column left out). */
export function cellText(text: string, width: number, align: 'left' | 'right', gap: 'before' | 'after'): string {
	if (width <= 0) return '';
	const cell = fit(text, width - 1, align);
	return gap === 'after' ? `${cell} ` : ` ${cell}`;
}

/** Its width may follow its texts on screen (else they need not be measured). */
const needsWidest = <T, C, K extends string>(column: TableColumn<T, C, K>) =>
	column.omitWhenEmpty === true || typeof column.ideal === 'function' || typeof column.fillTo === 'function';

/** The table for the rows on screen: the window around the selection, its widths from their texts. */
export function layoutTable<T, C, K extends string>(spec: TableSpec<T, C, K>, input: TableInput<T, C>): TableView {
	const {rows, selected, columns, visible, context} = input;
	const start = windowStart(selected, rows.length, visible);
	const shown = rows.slice(start, start + visible);
	const texts = shown.map((row) => spec.columns.map((column) => column.text(row, context)));
	const widest = {} as Record<K, number>;
	for (const [i, column] of spec.columns.entries()) {
		widest[column.key] = needsWidest(column) ? Math.max(0, ...texts.map((row) => displayWidth(row[i]!))) : 0;
	}

	const widths = layoutWidths(spec, columns, widest);
	const on = spec.columns.map((column, i) => ({column, i})).filter(({column}) => widths[column.key] > 0);
	const heading = ' '.repeat(MARKER_WIDTH) + on.map(({column}) => cellText(column.title, widths[column.key], column.align, spec.gap)).join('');
	const tableRows = shown.map((row, r): TableRow => {
		const isSelected = start + r === selected;
		const stale = spec.flag?.(row) ?? false;
		return {
			key: spec.key(row),
			selected: isSelected,
			stale,
			marker: spec.flag ? (isSelected ? '›' : ' ') : fit(isSelected ? '›' : '', MARKER_WIDTH),
			flag: spec.flag ? (stale ? '!' : ' ') : null,
			cells: on.map(({column, i}) => {
				const width = widths[column.key];
				const whole = texts[r]![i]!;
				// Cut (truncate gives back another string): the short form instead.
				const text = column.short && truncate(whole, width - 1) !== whole ? column.short(row, context) : whole;
				return {
					key: column.key,
					text: cellText(text, width, column.align, spec.gap),
					color: isSelected && !column.keepColorSelected ? undefined : column.color?.(row, context),
					opaque: column.opaque ?? true,
				};
			}),
		};
	});
	return {
		heading,
		rows: tableRows,
		placeholder: input.placeholder,
		foot: truncate(input.foot, columns),
		pad: input.keepHeight ? Math.max(0, visible - tableRows.length - (input.placeholder === null ? 0 : 1)) : 0,
	};
}
