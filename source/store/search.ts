// The run view's search, a slice merged into the store: `/` opens a prompt (the screen `search`
// on top of the stack), typed text goes into it (no other key acts meanwhile), Enter applies
// it, Esc cancels; n/N go to the
// next/previous line holding the text. The current hit is kept by line id, so it survives
// lines added or dropped around it.
import {findHits, normalizeQuery, stepHit} from '../lib/log-search.js';
import type {Get, Set} from './logs.js';
import type {LogsState} from './run-state.js';
import {popped, pushed} from './stack.js';

export interface SearchActions {
	searchOpen(): void;
	/** The prompt's text becomes `text` (typed, erased, cleared). */
	searchEdit(text: string): void;
	searchSubmit(visibleRows: number): void;
	searchCancel(): void;
	/** n (1) / N (−1). */
	nextHit(direction: 1 | -1, visibleRows: number): void;
}

const MAX_QUERY = 200;

/**
 * The top line that shows line `index` a third of the way down. Not clamped to the last
 * screenful: lines may take several rows (wrap), and the view fills a short window upward.
 */
function reveal(index: number, visibleRows: number): number {
	return Math.max(0, index - Math.floor(visibleRows / 3));
}

export function createSearchSlice(set: Set, get: Get): SearchActions {
	const hits = (): {logs: LogsState; hits: number[]} | null => {
		const {logs, logSearch} = get();
		if (!logs || logSearch.query === '') return null;
		return {logs, hits: findHits(logs.lines, logSearch.query)};
	};

	const goToHit = (logs: LogsState, lineIndex: number | undefined, visibleRows: number): void => {
		const line = lineIndex === undefined ? undefined : logs.lines[lineIndex];
		const {logSearch} = get();
		if (!line || lineIndex === undefined) {
			set({logSearch: {...logSearch, hitId: null}});
			return;
		}

		set({logSearch: {...logSearch, hitId: line.id}, logs: {...logs, notice: null, scroll: reveal(lineIndex, visibleRows)}});
	};

	return {
		searchOpen() {
			set((s) => ({logSearch: {...s.logSearch, prompt: ''}, screens: pushed(s.screens, 'search')}));
		},

		searchEdit(text) {
			const {logSearch} = get();
			if (logSearch.prompt === null) return;
			const prompt = [...text].slice(0, MAX_QUERY).join('');
			if (prompt !== logSearch.prompt) set({logSearch: {...logSearch, prompt}});
		},

		searchSubmit(visibleRows) {
			const {logSearch} = get();
			if (logSearch.prompt === null) return;
			set({logSearch: {query: normalizeQuery(logSearch.prompt), hitId: null, prompt: null}, screens: popped(get().screens, 'search')});
			const found = hits();
			if (!found) return;
			const {logs} = found;
			// Following: the last hit; scrolled: the first at or below the top line.
			const at = logs.scroll === null ? stepHit(found.hits, logs.lines.length, -1) : stepHit(found.hits, logs.scroll - 1, 1);
			goToHit(logs, found.hits[at], visibleRows);
		},

		searchCancel() {
			set((s) => ({logSearch: {...s.logSearch, prompt: null}, screens: popped(s.screens, 'search')}));
		},

		nextHit(direction, visibleRows) {
			const found = hits();
			if (!found) return;
			const {logs} = found;
			const {hitId} = get().logSearch;
			const held = hitId === null ? -1 : logs.lines.findIndex((line) => line.id === hitId);
			const from = held >= 0 ? held : (logs.scroll ?? logs.lines.length) - (direction === 1 ? 1 : 0);
			goToHit(logs, found.hits[stepHit(found.hits, from, direction)], visibleRows);
		},
	};
}
