// The triage part of the state: causes of failed items, `q` expressions the server refused, the
// `/` prompt, a jump to a failure under way, and the unfiltered list kept while a filter is on.
// Plain data; its actions are in triage.ts.
import type {BatchItem} from '../api/types.js';
import type {ListState} from './list-state.js';

/** Where the unfiltered list was when a filter went on: back there when it goes off. */
export type SavedList = Pick<ListState, 'cursor' | 'trail' | 'pages' | 'selected' | 'selectedId'>;

export interface TriageState {
	/** Failed items by id, slimmed (lib/triage.ts slimFailure): their causes. At most MAX_CAUSES. */
	causes: ReadonlyMap<string, BatchItem>;
	/** `q` expressions the server answered 422 to: those filters are applied here instead. */
	rejectedQueries: ReadonlySet<string>;
	/** The `/` prompt's text while it is open; null when closed. */
	prompt: string | null;
	/** A jump to the next (1) or previous (-1) failure walking pages. */
	seeking: 1 | -1 | null;
	/** 'finding next failure…', 'wrapped round to the first failure'. */
	message: string | null;
	saved: SavedList | null;
}

export const MAX_CAUSES = 10_000;
export const MAX_REJECTED_QUERIES = 50;

export function initialTriage(): TriageState {
	return {causes: new Map(), rejectedQueries: new Set(), prompt: null, seeking: null, message: null, saved: null};
}
