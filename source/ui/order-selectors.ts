// What the screen says of the list's order (the `o` key), derived from AppState: the header's
// words, and the range of a page's rows. Pure.
import {orderById} from '../lib/order.js';
import {orderScope} from '../store/order.js';
import type {AppState, PageEntry} from '../store/state.js';

/**
 * The header's words for the order in use, longest first ([] by sequence): 'order: most
 * expensive', 'costly'; with ' (rows held)' when every page is sorted here (the server refused
 * sort_by, or ignored it, or no server sorts that way: the order holds within each page, not
 * across the batch), ' (this page)' when only the page on screen is (a page a jump reached,
 * in sequence order, sorted here while the server sorts the rest).
 */
export function orderTexts(state: AppState): readonly string[] {
	const scope = orderScope(state, state.list.cursor);
	if (scope === null) return [];
	const order = orderById(state.list.order);
	const note = scope === 'held' ? ' (rows held)' : scope === 'page' ? ' (this page)' : '';
	return [`order: ${order.long}${note}`, `${order.short}${note}`];
}

/**
 * 'items #10–#19 of 120' (by sequence: the first and last rows' sequence numbers, the `#` column's,
 * from #0) or, in the server's order, 'rows 11–20 of 120' (positions in that list, counted from 1:
 * no `#`); a page sorted here holds the same items as by sequence: their numbers, lowest to highest.
 * A page of one row: 'item #100 of 101', 'row 101 of 101'.
 */
export function pageRange(state: AppState, page: PageEntry | undefined, total: string): string {
	const rows = page?.items ?? [];
	if (rows.length === 0) return `${total} items`;
	const scope = orderScope(state, state.list.cursor);
	if (scope === 'server') {
		const from = state.list.trail.length * state.pageSize;
		return rows.length === 1 ? `row ${from + 1} of ${total}` : `rows ${from + 1}–${from + rows.length} of ${total}`;
	}

	const places = rows.map((row) => row.sequence_index);
	const [first, last] = scope === null ? [places[0]!, places.at(-1)!] : [Math.min(...places), Math.max(...places)];
	return first === last ? `item #${first} of ${total}` : `items #${first}–#${last} of ${total}`;
}
