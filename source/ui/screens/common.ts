// Keys that mean the same on several screens, and the commands every page binds alike (pause,
// refresh, help, quit) or every text prompt does (erase, clear, typing, Ctrl+C).
import {Command} from '../../lib/commands.js';
import type {Handler, Scope, TypeHandler} from '../../session/scope.js';
import {bind, type Binding, type KeyBinding} from '../keymap.js';

export const UP: readonly KeyBinding[] = [{name: 'upArrow'}, {input: 'k'}];
export const DOWN: readonly KeyBinding[] = [{name: 'downArrow'}, {input: 'j'}];
export const SCREEN_UP: readonly KeyBinding[] = [{name: 'pageUp'}];
export const SCREEN_DOWN: readonly KeyBinding[] = [{name: 'pageDown'}];
export const FIRST: readonly KeyBinding[] = [{input: 'g'}, {name: 'home', hint: false}];
export const LAST: readonly KeyBinding[] = [{input: 'G'}, {name: 'end', hint: false}];
export const ENTER: readonly KeyBinding[] = [{name: 'return'}];
export const ESC: readonly KeyBinding[] = [{name: 'escape'}];
const CTRL_C: readonly KeyBinding[] = [{input: 'c', ctrl: true}];

/** Pause, refresh (`refresh`: what `r` reads on this page), help and quit. */
export function pageCommands(refresh: Handler) {
	return {
		[Command.TogglePause]: bind([{input: ' '}], (s) => {
			s.actions().togglePause();
			s.fetcher?.pauseChanged();
		}),
		[Command.Refresh]: bind([{input: 'r'}], refresh),
		[Command.Help]: bind([{input: '?'}], (s) => s.actions().openScreen('help')),
		[Command.Quit]: bind([{input: 'q'}, {input: 'c', ctrl: true, hint: false}], (s) => s.quit()),
	};
}

/** Ctrl+C quits from anywhere, a prompt too. */
export const quitOnCtrlC = {[Command.Quit]: bind(CTRL_C, (s) => s.quit())};

/** A text prompt's editing: what is typed goes after the text, Backspace takes its last character, Ctrl+U clears it. */
export function textEdits(
	text: (s: Scope) => string | null,
	edit: (s: Scope, text: string) => void,
): {
	commands: {[Command.Erase]: Binding; [Command.Clear]: Binding; [Command.Quit]: Binding};
	type: TypeHandler;
} {
	return {
		commands: {
			[Command.Erase]: bind([{name: 'backspace'}, {name: 'delete', hint: false}], (s) =>
				edit(
					s,
					Array.from(text(s) ?? '')
						.slice(0, -1)
						.join(''),
				),
			),
			[Command.Clear]: bind([{input: 'u', ctrl: true}], (s) => edit(s, '')),
			...quitOnCtrlC,
		},
		type: (s, typed) => edit(s, (text(s) ?? '') + typed),
	};
}
