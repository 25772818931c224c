// f / F under an order other than by sequence: the next / previous failed item of the page on
// screen, in the order drawn, wrapping round within the page. Across pages f/F go by the batch's
// item list, which is in sequence order (poller/navigator.ts): under another order "the next
// failure" would be the next in sequence, somewhere on another page of rows sorted another way,
// so they stay on the page and say how to reach the others (the `failed` filter, which keeps the
// order, or back to by sequence): an outcome the screen words with its keys (ui/said.ts).
import {isFailure} from '../lib/status.js';
import {currentPage} from '../store/state.js';
import type {AppStore} from '../store/store.js';

export function failureOnPage(store: AppStore, direction: 1 | -1): void {
	const state = store.getState();
	const rows = currentPage(state)?.items ?? [];
	const {selected} = state.list;
	for (let step = 1; step <= rows.length; step++) {
		const index = (((selected + direction * step) % rows.length) + rows.length) % rows.length;
		if (!isFailure(rows[index]!.status_code)) continue;
		if (index === selected) break;
		state.move(index - selected);
		const wrapped = direction === 1 ? index < selected : index > selected;
		state.setNotice(wrapped ? {kind: 'page-failure', found: 'wrapped', direction} : null);
		return;
	}

	state.setNotice({kind: 'page-failure', found: rows.some((row) => isFailure(row.status_code)) ? 'no-other' : 'none', direction});
}
