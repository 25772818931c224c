// `L`: select the item running longest. Only the held pages carry start times (the batch's lean
// list does not), so the jump is within them: on the page on screen it selects the row; held on
// another page, it says which item and that it is there (not fetched).
import {formatDuration} from '../lib/format.js';
import {latestServerTime, oldestRunning, runDurations, stuckThreshold} from '../lib/pace.js';
import {sanitize} from '../lib/sanitize.js';
import {currentPage} from '../store/state.js';
import type {AppStore} from '../store/store.js';

export function jumpToOldestRunning(store: AppStore): void {
	const state = store.getState();
	const items = [...state.list.pages.values()].flatMap((page) => page.items);
	const oldest = oldestRunning(items, latestServerTime(state.batch, items), stuckThreshold(runDurations(items)));
	if (!oldest) {
		state.setNotice('no running item with a start time on the pages held');
		return;
	}

	const {item, running, stuck} = oldest;
	const index = currentPage(state)?.items.findIndex((row) => row.id === item.id) ?? -1;
	const name = `#${item.sequence_index} ${sanitize(item.client_ref ?? '', {maxColumns: 40})}`.trimEnd();
	const words = `running ${formatDuration(running)}${stuck ? ', possibly stuck' : ''}`;
	if (index < 0) {
		state.setNotice(`the longest-running item held, ${name} (${words}), is on another page`);
		return;
	}

	state.move(index - state.list.selected);
	state.setNotice(`longest running: ${name}, ${words}`);
}
