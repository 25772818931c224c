// Where a key goes, worked out from the store as the key is read (not from the last render): in
// a chunk of keys, one may open the run view or a prompt, and the next must act there.
import type {CommandContext} from '../lib/commands.js';
import type {AppStore} from '../store/store.js';
import type {View} from './keymap.js';
import type {Size} from './layout.js';
import {isSearchTyping, selectLogBodyRows} from './log-selectors.js';
import {jobTableRows} from './job-selectors.js';
import {hasAlert, selectCountLines, selectListRows} from './selectors.js';

/** Where a key goes, as things stand when it is read. */
export interface KeyTarget {
	view: View;
	/** A prompt is open: it takes every key, and a run of typed characters as one text (a paste). */
	prompting: boolean;
	context: CommandContext;
}

export function keyTarget(store: AppStore, size: Size): KeyTarget {
	const state = store.getState();
	const {view} = state;
	const prompting = (view === 'list' && state.triage.prompt !== null) || isSearchTyping(state);
	const listRows = view === 'job' ? jobTableRows(size, selectCountLines(state, size.columns), hasAlert(state)) : selectListRows(state, size);
	return {view, prompting, context: {listRows, logRows: selectLogBodyRows(state, size)}};
}
