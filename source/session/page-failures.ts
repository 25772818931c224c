// f / F under an order other than by sequence: the next / previous failed item of the page on
// screen, in the order drawn, wrapping round within the page. Across pages f/F go by the batch's
// item list, which is in sequence order (poller/navigator.ts): under another order "the next
// failure" would be the next in sequence, somewhere on another page of rows sorted another way,
// so they stay on the page and say how to reach the others (the `failed` filter, which keeps the
// order, or `o` back to by sequence).
import {nextMatch} from '../lib/next-match.js';
import {isFailure} from '../lib/status.js';
import {currentPage} from '../store/state.js';
import type {AppStore} from '../store/store.js';

const ELSEWHERE = 'under an order f/F stay on the page: s (failed) lists them all, o back to by sequence goes across pages';

export function failureOnPage(store: AppStore, direction: 1 | -1): void {
	const state = store.getState();
	const rows = currentPage(state)?.items ?? [];
	const {selected} = state.list;
	const match = nextMatch(rows, selected, direction, (row) => isFailure(row.status_code));
	// Round the page back to the selection itself: no other failure.
	if (match && match.index !== selected) {
		state.move(match.index - selected);
		state.setNotice(match.wrapped ? `wrapped round to the ${direction === 1 ? 'first' : 'last'} failure of this page (${ELSEWHERE})` : null);
		return;
	}

	state.setNotice(`no ${rows.some((row) => isFailure(row.status_code)) ? 'other ' : ''}failed item on this page (${ELSEWHERE})`);
}
