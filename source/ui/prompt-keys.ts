// The keys of the `/` prompt. While it is open every key goes here, and none reaches the
// keymap's commands (except Ctrl+C, which quits from anywhere).
import {useCallback} from 'react';
import type {Key} from 'ink';
import type {Controller} from './App.js';
import {useAppStoreApi} from './use-app-store.js';

export type PromptKey =
	| {kind: 'apply'}
	| {kind: 'cancel'}
	| {kind: 'erase'}
	| {kind: 'clear'}
	| {kind: 'quit'}
	| {kind: 'type'; text: string}
	| {kind: 'ignore'};

/** What a keypress means to the prompt. */
export function promptKey(input: string, key: Key): PromptKey {
	if (key.ctrl && input === 'c') return {kind: 'quit'};
	if (key.return) return {kind: 'apply'};
	if (key.escape) return {kind: 'cancel'};
	if (key.backspace || key.delete) return {kind: 'erase'};
	if (key.ctrl && input === 'u') return {kind: 'clear'};
	if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) {
		return {kind: 'ignore'};
	}

	return input === '' ? {kind: 'ignore'} : {kind: 'type', text: input};
}

/** The handler of the open prompt: takes every key (returns true). */
export function usePromptKeys(controller: Controller): (input: string, key: Key) => boolean {
	const store = useAppStoreApi();
	return useCallback((input: string, key: Key) => {
		const actions = store.getState();
		const typed = actions.triage.prompt ?? '';
		const action = promptKey(input, key);
		switch (action.kind) {
			case 'quit': {
				controller.quit();
				break;
			}

			case 'apply': {
				actions.closePrompt(true);
				break;
			}

			case 'cancel': {
				actions.closePrompt(false);
				break;
			}

			case 'erase': {
				actions.editPrompt(Array.from(typed).slice(0, -1).join(''));
				break;
			}

			case 'clear': {
				actions.editPrompt('');
				break;
			}

			case 'type': {
				actions.editPrompt(typed + action.text);
				break;
			}

			case 'ignore': {
				break;
			}
		}

		return true;
	}, [store, controller]);
}
