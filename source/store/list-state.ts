// The item list's part of the state: the page on screen, the pages held, the selection, the
// filters and the order. Plain data (state.ts gathers the parts; triage-state.ts saves a copy while filtering).
import type {BatchItem} from '../api/types.js';
import type {OrderId} from '../lib/order.js';
import type {StatusFilter} from '../lib/triage.js';

export interface PageEntry {
	items: BatchItem[];
	next: string | null;
	previous: string | null;
}

export interface ListState {
	/** The cursor of the page on screen; null is the first page. */
	cursor: string | null;
	/** Cursors of the pages walked through to get here, so `previous` works without the server's. */
	trail: (string | null)[];
	/** Pages fetched, keyed by cursorKey(cursor); capped (least recently used dropped). */
	pages: Map<string, PageEntry>;
	/** Index of the selected row on the current page. */
	selected: number;
	/** When the selected item should stay selected across a refresh that reorders the page. */
	selectedId: string | null;
	statusFilter: StatusFilter;
	textFilter: string;
	/** The order the rows are shown in (lib/order.ts; `o` cycles it). The pages held are all of this order. */
	order: OrderId;
	/** The page left by the last `n`/`p` (with its selection), while the page reached is not held: where a page the server refuses goes back to. */
	back?: Place & Pick<ListState, 'selected' | 'selectedId'>;
}

/** Where the list is: the page on screen and the pages walked through to reach it. */
export interface Place {
	cursor: string | null;
	trail: (string | null)[];
}

/**
 * The place one page on (1) or back (-1) from `place`, whose page is `page`: next pushes the
 * cursor on the trail; previous pops it, or, with no trail (a list entered in the middle), takes
 * the server's `previous` cursor. Null at the list's end. The one rule for `n`/`p`, the failure
 * walk and `[`/`]` across a page's edge.
 */
export function stepPlace(place: Place, page: Pick<PageEntry, 'next' | 'previous'> | undefined, delta: 1 | -1): Place | null {
	if (delta === 1) return page?.next ? {cursor: page.next, trail: [...place.trail, place.cursor]} : null;
	if (place.trail.length > 0) return {cursor: place.trail.at(-1) ?? null, trail: place.trail.slice(0, -1)};
	return page?.previous ? {cursor: page.previous, trail: []} : null;
}
