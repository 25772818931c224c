// The triage part of the state: causes of failed items, `q` expressions the server refused, the
// `/` prompt, a jump to a failure under way, and the unfiltered list kept while a filter is on.
// Plain data; its actions are in triage.ts.
import type {BatchItem} from '../api/types.js';
import type {ListState} from './list-state.js';
import type {Said} from './said.js';

/** Where the unfiltered list was when a filter went on: back there when it goes off. */
export type SavedList = Pick<ListState, 'cursor' | 'trail' | 'pages' | 'selected' | 'selectedId'>;

export interface TriageState {
	/** Failed items by id, slimmed (lib/triage.ts slimFailure): their causes. At most MAX_CAUSES. */
	causes: ReadonlyMap<string, BatchItem>;
	/** `q` expressions the server answered 422 to: those filters are applied here instead. */
	rejectedQueries: ReadonlySet<string>;
	/** Of those, the ones not refused but not asked: the server matches raw text, the screen what it shows, and they differ. */
	rawMatchQueries: ReadonlySet<string>;
	/** Items read by id for the rows of a list built here (slimmed), so those rows show their duration and cost. At most MAX_DETAILS. */
	details: ReadonlyMap<string, BatchItem>;
	/** The `/` prompt's text while it is open; null when closed. */
	prompt: string | null;
	/** A jump to the next (1) or previous (-1) failure walking pages. */
	seeking: 1 | -1 | null;
	/** 'finding next failure…', 'wrapped round to the first failure', or an outcome the screen words. */
	message: Said | null;
	saved: SavedList | null;
}

export const MAX_CAUSES = 10_000;
export const MAX_REJECTED_QUERIES = 50;
export const MAX_DETAILS = 1000;

export function initialTriage(): TriageState {
	return {
		causes: new Map(),
		rejectedQueries: new Set(),
		rawMatchQueries: new Set(),
		details: new Map(),
		prompt: null,
		seeking: null,
		message: null,
		saved: null,
	};
}
