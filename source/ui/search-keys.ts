// The keys of the run view's `/` search prompt, through useKeymap's intercept: while it is open
// every key goes here and none reaches the keymap (Ctrl+C still quits). Enter applies the
// search (and goes to the nearest hit), Esc cancels, Backspace erases, Ctrl+U clears.
// What a keypress means is prompt-keys.ts's `promptKey`, shared with the list's filter prompt.
import {useCallback} from 'react';
import type {Key} from 'ink';
import type {Controller} from './App.js';
import {promptKey} from './prompt-keys.js';
import {useAppStoreApi} from './use-app-store.js';

export function useSearchKeys(controller: Controller, visibleRows: number): (input: string, key: Key) => boolean {
	const store = useAppStoreApi();
	return useCallback((input: string, key: Key) => {
		const actions = store.getState();
		const typed = actions.logSearch.prompt ?? '';
		const action = promptKey(input, key);
		switch (action.kind) {
			case 'quit': {
				controller.quit();
				break;
			}

			case 'apply': {
				actions.searchSubmit(visibleRows);
				break;
			}

			case 'cancel': {
				actions.searchCancel();
				break;
			}

			case 'erase': {
				actions.searchEdit([...typed].slice(0, -1).join(''));
				break;
			}

			case 'clear': {
				actions.searchEdit('');
				break;
			}

			case 'type': {
				actions.searchEdit(typed + action.text);
				break;
			}

			case 'ignore': {
				break;
			}
		}

		return true;
	}, [store, controller, visibleRows]);
}
