// Screen geometry: how many lines each view may use, the table's column widths, and the
// window of rows around a selection. Pure numbers, no state.

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

export interface Size {
	columns: number;
	rows: number;
}

export function isTooSmall(size: Size): boolean {
	return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

export function tooSmallMessage(size: Size): string {
	return `runflow-watch needs at least ${MIN_COLUMNS}×${MIN_ROWS} (now ${size.columns}×${size.rows}): enlarge the window`;
}

/**
 * The frame is at most rows − 1 lines (a frame as tall as the terminal makes Ink clear the
 * screen on every render). List view: header, 2 summary lines, [failures], [alert], table
 * header, rows, page line, footer.
 */
export function listTableRows(size: Size, hasAlert: boolean, hasFailures = false): number {
	return Math.max(1, size.rows - 1 - 6 - (hasAlert ? 1 : 0) - (hasFailures ? 1 : 0));
}

/** Help view: header, the hints, footer. */
export function helpBodyRows(size: Size): number {
	return Math.max(1, size.rows - 1 - 2);
}

export interface TableColumns {
	marker: number;
	index: number;
	status: number;
	ref: number;
	duration: number;
	cost: number;
	failure: number;
}

/** Fixed widths for the small columns (each including its trailing gap); client_ref and failure share the rest. */
export function tableColumns(columns: number): TableColumns {
	const fixed = {marker: 2, index: 6, status: 13, duration: 9, cost: 10};
	const rest = Math.max(2, columns - (fixed.marker + fixed.index + fixed.status + fixed.duration + fixed.cost));
	const ref = Math.min(36, Math.max(8, Math.floor(rest * 0.4)));
	return {...fixed, ref, failure: Math.max(1, rest - ref)};
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
