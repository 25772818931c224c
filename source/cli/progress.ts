// Progress in the terminal's tab or taskbar (OSC 9;4, lib/tab-progress.ts) while the TUI runs:
// the job's share of items finished (one batch: the batch's), the error state once an item
// failed, paused while polling is stopped; written only when the percent or the state changes,
// wrapped for tmux and screen as the notifications are, only ever to a terminal, and cleared on
// every way out (the caller's stop(); process exit as a last resort).
import {CLEAR_PROGRESS, progressSequence, sameProgress, tabProgress, terminalShowsProgress, type TabProgress} from '../lib/tab-progress.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {selectJobSummary} from '../ui/job-selectors.js';
import {selectSummary} from '../ui/summary-selectors.js';
import {passThrough} from './notify.js';

/** --progress / --no-progress decide; without either, where the terminal is known to show it. */
export function progressWanted(flag: boolean | null, env: NodeJS.ProcessEnv): boolean {
	return flag ?? terminalShowsProgress(env);
}

export interface TabProgressHandle {
	/** Removes the progress (once) and stops following the store. */
	stop(): void;
}

function facts(state: AppState) {
	const summary = state.job ? selectJobSummary(state) : selectSummary(state.batch, state.list.pages);
	// As the summary line shows it: over the batches read so far.
	const known = summary !== null && summary.total > 0;
	return {
		fraction: known ? summary.finished / summary.total : null,
		failed: summary?.failed ?? 0,
		stopped: state.paused || state.connection.status === 'halted',
	};
}

/** Follows the store and writes OSC 9;4 to `write` (a terminal's) when what it shows changes. */
export function showProgressInTab(store: AppStore, write: (text: string) => void, env: NodeJS.ProcessEnv = process.env): TabProgressHandle {
	let shown: TabProgress | null = null;
	let stopped = false;
	const send = (progress: TabProgress) => {
		if (sameProgress(shown, progress)) return;
		shown = progress;
		try {
			write(passThrough(progressSequence(progress), env));
		} catch {
			// The terminal is gone.
		}
	};

	const update = () => send(tabProgress(facts(store.getState())));
	const stop = () => {
		if (stopped) return;
		stopped = true;
		unsubscribe();
		process.off('exit', stop);
		if (shown !== null && shown.state !== 0) send(CLEAR_PROGRESS);
	};

	update();
	const unsubscribe = store.subscribe((state, previous) => {
		if (state.job !== previous.job || state.batch !== previous.batch || state.paused !== previous.paused || state.connection !== previous.connection)
			update();
	});
	// A way out that skips the TUI's own (an exit from elsewhere): the tab is still cleared.
	process.on('exit', stop);
	return {stop};
}
