// What a keypress means to an open prompt (the list's `/` filter, the run view's `/` search).
// While one is open every key goes there and none reaches the keymap's commands (except Ctrl+C,
// which quits from anywhere); the session (source/session/) applies it to the prompt's text.
import type {Key} from 'ink';
import type {PromptAction} from '../lib/commands.js';

export function promptKey(input: string, key: Key): PromptAction {
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
