// The keys of the run view's `/` search prompt: while it is open every key goes here and none
// reaches the keymap (Ctrl+C still quits). Enter applies the search (and goes to the nearest
// hit), Esc cancels, Backspace erases, Ctrl+U clears. What a keypress does is prompt-keys.ts's
// `handlePromptKey`, shared with the list's filter prompt.
import type {Key} from 'ink';
import type {AppStore} from '../store/store.js';
import type {Controller} from './controller.js';
import {handlePromptKey} from './prompt-keys.js';

/** `visibleRows`: the log lines on screen, as the key is read. */
export function searchPromptKeys(store: AppStore, controller: Controller, visibleRows: number): (input: string, key: Key) => void {
	return (input, key) => {
		const actions = store.getState();
		handlePromptKey(input, key, {
			typed: actions.logSearch.prompt ?? '',
			edit: (text) => actions.searchEdit(text),
			apply: () => actions.searchSubmit(visibleRows),
			cancel: () => actions.searchCancel(),
			quit: () => controller.quit(),
		});
	};
}
