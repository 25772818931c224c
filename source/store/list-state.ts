// The item list's part of the state: the page on screen, the pages held, the selection and the
// filters. Plain data (state.ts gathers the parts; triage-state.ts saves a copy while filtering).
import type {BatchItem} from '../api/types.js';
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
}
