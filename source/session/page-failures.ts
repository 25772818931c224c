// f / F under an order other than by sequence: the next / previous failed item of the page on
// screen, in the order drawn, wrapping round within the page. Across pages f/F go by the batch's
// item list, which is in sequence order (poller/navigator.ts): under another order "the next
// failure" would be the next in sequence, somewhere on another page of rows sorted another way,
// so they stay on the page and say how to reach the others (the `failed` filter, which keeps the
// order, or back to by sequence): an outcome the screen words with its keys (ui/said.ts).
import {nextMatch} from '../lib/next-match.js';
import {isFailure} from '../lib/status.js';
import {currentPage} from '../store/state.js';
import type {AppStore} from '../store/store.js';

export function failureOnPage(store: AppStore, direction: 1 | -1): void {
	const state = store.getState();
	const rows = currentPage(state)?.items ?? [];
	const {selected} = state.list;
	const match = nextMatch(rows, selected, direction, (row) => isFailure(row.status_code));
	// Round the page back to the selection itself: no other failure.
	if (match && match.index !== selected) {
		state.move(match.index - selected);
		state.setNotice(match.wrapped ? {kind: 'page-failure', found: 'wrapped', direction} : null);
		return;
	}

	state.setNotice({kind: 'page-failure', found: rows.some((row) => isFailure(row.status_code)) ? 'no-other' : 'none', direction});
}
