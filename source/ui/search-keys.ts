// The keys of the run view's `/` search prompt, through useKeymap's intercept: while it is open
// every key goes here and none reaches the keymap (Ctrl+C still quits). Enter applies the
// search (and goes to the nearest hit), Esc cancels, Backspace erases, Ctrl+U clears.
// What a keypress does is prompt-keys.ts's `handlePromptKey`, shared with the list's filter prompt.
import {useCallback} from 'react';
import type {Key} from 'ink';
import type {Controller} from './controller.js';
import {handlePromptKey} from './prompt-keys.js';
import {useAppStoreApi} from './use-app-store.js';

export function useSearchKeys(controller: Controller, visibleRows: number): (input: string, key: Key) => boolean {
	const store = useAppStoreApi();
	return useCallback((input: string, key: Key) => {
		const actions = store.getState();
		handlePromptKey(input, key, {
			typed: actions.logSearch.prompt ?? '',
			edit: (text) => actions.searchEdit(text),
			apply: () => actions.searchSubmit(visibleRows),
			cancel: () => actions.searchCancel(),
			quit: () => controller.quit(),
		});
		return true;
	}, [store, controller, visibleRows]);
}
