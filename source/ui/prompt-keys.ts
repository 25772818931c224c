// The keys of the `/` prompt. While it is open every key goes here, and none reaches the
// keymap's commands (except Ctrl+C, which quits from anywhere). A run of typed characters (a
// paste, keys typed ahead) comes as one text.
import type {Key} from 'ink';
import type {AppStore} from '../store/store.js';
import type {Controller} from './controller.js';

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

export interface PromptHandlers {
	/** The text typed so far. */
	typed: string;
	edit(text: string): void;
	apply(): void;
	cancel(): void;
	quit(): void;
}

/** Does what a keypress means to an open prompt. */
export function handlePromptKey(input: string, key: Key, handlers: PromptHandlers): void {
	const action = promptKey(input, key);
	switch (action.kind) {
		case 'quit': {
			handlers.quit();
			break;
		}

		case 'apply': {
			handlers.apply();
			break;
		}

		case 'cancel': {
			handlers.cancel();
			break;
		}

		case 'erase': {
			handlers.edit(Array.from(handlers.typed).slice(0, -1).join(''));
			break;
		}

		case 'clear': {
			handlers.edit('');
			break;
		}

		case 'type': {
			handlers.edit(handlers.typed + action.text);
			break;
		}

		case 'ignore': {
			break;
		}
	}
}

/** The keys of the list's open filter prompt. */
export function filterPromptKeys(store: AppStore, controller: Controller): (input: string, key: Key) => void {
	return (input, key) => {
		const actions = store.getState();
		handlePromptKey(input, key, {
			typed: actions.triage.prompt ?? '',
			edit: (text) => actions.editPrompt(text),
			apply: () => actions.closePrompt(true),
			cancel: () => actions.closePrompt(false),
			quit: () => controller.quit(),
		});
	};
}
