// Pages the list's own cursors cannot reach in one step. The list is paged by opaque cursors,
// so "the page holding row N" has no cursor: a jump (f/F) would have to walk every page before
// it. A seek cursor names such a page by its place: `seek:<row offset>:<sequence_index of its
// first row>`. It is fetched as `q=sequence_index>=S` when the server honours that, else built
// here from the batch's lean item list (list-source.ts). Pure.
import type {LeanItem} from '../api/types.js';
import {localCursor} from './triage.js';

const SEEK = 'seek:';

/**
 * What is remembered among the refused queries when the server refuses (or ignores) the seek's
 * `q`: from then on seek pages are built here.
 */
export const SEEK_QUERY_KEY = 'sequence_index>=…';

export interface SeekPoint {
	/** Row number of the page's first row in the list (the filtered list when a filter is on). */
	offset: number;
	/** That row's sequence_index: the page holds the rows from it on. */
	sequenceIndex: number;
}

export function seekCursor(offset: number, sequenceIndex: number): string {
	return `${SEEK}${offset}:${sequenceIndex}`;
}

/** The seek point of a seek cursor; null for any other cursor. */
export function parseSeek(cursor: string | null): SeekPoint | null {
	if (cursor === null || !cursor.startsWith(SEEK)) return null;
	const match = /^(\d{1,9}):(\d{1,15})$/.exec(cursor.slice(SEEK.length));
	if (!match) return null;
	return {offset: Number(match[1]), sequenceIndex: Number(match[2])};
}

/** The `q` of a seek page: the filter's own `q` (if any) and the rows from sequence_index `from` on. */
export function seekQuery(filterQ: string | undefined, from: number): string {
	const seek = `sequence_index>=${from}`;
	return filterQ === undefined ? seek : `(${filterQ}) AND ${seek}`;
}

/** The first row of `rows` (in sequence order) at or after sequence_index `from` (rows.length when none). */
export function rowAtOrAfter(rows: readonly LeanItem[], from: number): number {
	let low = 0;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (rows[middle]!.sequence_index < from) low = middle + 1;
		else high = middle;
	}

	return low;
}

export type PageKind = 'seek' | 'local';

/** The cursor of the page whose first row is rows[offset]: null for the first page, a local cursor in a list built here, else a seek cursor. */
export function cursorAt(rows: readonly LeanItem[], offset: number, kind: PageKind): string | null {
	if (offset <= 0) return null;
	if (kind === 'local') return localCursor(offset);
	return seekCursor(offset, rows[offset]?.sequence_index ?? 0);
}

/**
 * Where the page of size `size` holding rows[index] is: its cursor, and the trail of the pages
 * before it (so the page line counts right and `p` steps back one page at a time).
 */
export function placeOf(rows: readonly LeanItem[], index: number, size: number, kind: PageKind): {cursor: string | null; trail: (string | null)[]} {
	const step = Math.max(1, Math.floor(size));
	const page = Math.floor(Math.max(0, index) / step);
	const trail: (string | null)[] = [];
	for (let k = 0; k < page; k++) trail.push(cursorAt(rows, k * step, kind));
	return {cursor: cursorAt(rows, page * step, kind), trail};
}
