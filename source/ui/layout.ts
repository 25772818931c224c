// Screen geometry: how many lines each view may use, and the
// window of rows around a selection. Pure numbers, no state.
import {wrapText} from '../lib/wrap.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

export interface Size {
	columns: number;
	rows: number;
}

export function isTooSmall(size: Size): boolean {
	return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

/**
 * 'runflow-watch needs at least 60×12 (now 50×10): enlarge the window', wrapped between words
 * into lines of at most `columns`, at most rows − 1 of them (the last one cut with '…' if need be).
 */
export function tooSmallMessage(size: Size): string[] {
	const text = `runflow-watch needs at least ${MIN_COLUMNS}×${MIN_ROWS} (now ${size.columns}×${size.rows}): enlarge the window`;
	return wrapText(text, Math.max(1, size.columns), Math.max(1, size.rows - 1)).map((line) => line.trimEnd());
}

/** The lines of the list view above the table that come and go. */
export interface ListExtras {
	alert?: boolean;
	failures?: boolean;
	/** Lines of status counts: 1, or 2 when one is too short. */
	countLines?: number;
	/** The glance line under the progress line (rate, durations, cost per item; the finished words). */
	glanceLine?: boolean;
}

/**
 * The frame is at most rows − 1 lines (a frame as tall as the terminal makes Ink clear the
 * screen on every render). List view: header, progress line, counts (1 or 2 lines), glance line, [failures],
 * [alert], table header, rows, page line, footer.
 */
export function listTableRows(size: Size, extras: ListExtras = {}): number {
	const {alert = false, failures = false, countLines = 1, glanceLine = false} = extras;
	return Math.max(1, size.rows - 1 - 6 - (alert ? 1 : 0) - (failures ? 1 : 0) - (glanceLine ? 1 : 0) - (Math.max(1, countLines) - 1));
}

/** Help view: header, the hints, footer. */
export function helpBodyRows(size: Size): number {
	return Math.max(1, size.rows - 1 - 2);
}

/**
 * The first row of a window of `visible` rows out of `count` that shows `selected`: the
 * selection sits in the middle once the list scrolls, and the window never runs past either end.
 */
export function windowStart(selected: number, count: number, visible: number): number {
	if (count <= visible) return 0;
	const centred = selected - Math.floor(visible / 2);
	return Math.max(0, Math.min(count - visible, centred));
}

/** The bar's width on the summary line for a terminal width. */
export function progressWidth(columns: number): number {
	return Math.max(10, Math.min(40, columns - 60));
}
