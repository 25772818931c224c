// `L`: select the item running longest. Only the held pages carry start times (the batch's lean
// list does not), so it is the longest running of those: on the page on screen it selects the
// row; held on another page, it goes there (the navigator fetches that page, named by the item's
// place in the batch's lean list, as f/F do); when the lean list lacks it, it says which item
// and that it is on another page.
import type {LeanItem} from '../api/types.js';
import {formatDuration} from '../lib/format.js';
import {latestServerTime, oldestRunning, runDurations, stuckThreshold} from '../lib/progress.js';
import {sanitize} from '../lib/sanitize.js';
import {currentPage} from '../store/state.js';
import type {AppStore} from '../store/store.js';

/** Selects the longest-running item held; a promise when its page is being fetched (`goTo`: the poller's goToItem). */
export function jumpToOldestRunning(store: AppStore, goTo?: (item: LeanItem, landed?: string) => Promise<void>): Promise<void> | undefined {
	const state = store.getState();
	const items = [...state.list.pages.values()].flatMap((page) => page.items);
	const oldest = oldestRunning(items, latestServerTime(state.batch, items), stuckThreshold(runDurations(items)));
	if (!oldest) {
		state.setNotice('no running item with a start time on the pages held');
		return undefined;
	}

	const {item, running, stuck} = oldest;
	const index = currentPage(state)?.items.findIndex((row) => row.id === item.id) ?? -1;
	const name = `#${item.sequence_index} ${sanitize(item.client_ref ?? '', {maxColumns: 40})}`.trimEnd();
	const words = `running ${formatDuration(running)}${stuck ? ', possibly stuck' : ''}`;
	const said = `longest running: ${name}, ${words}`;
	if (index >= 0) {
		state.move(index - state.list.selected);
		state.setNotice(said);
		return undefined;
	}

	const lean = goTo ? state.batch?.items?.find((row) => row.id === item.id) : undefined;
	if (!goTo || !lean) {
		state.setNotice(`the longest-running item held, ${name} (${words}), is on another page`);
		return undefined;
	}

	return goTo(lean, said);
}
