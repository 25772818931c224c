// Keys → commands (through keymap.ts) → handlers. One useInput for the whole app.
// Ink hands over what arrived together as one input ("jjjjj", "abc\r"): every key of it acts,
// in order, each against the state the previous one left (it may have opened a view or a prompt).
import {useCallback} from 'react';
import {type Key, useInput} from 'ink';
import {Command, resolveCommand, type View} from './keymap.js';
import {isTyped, keyPresses, NO_KEY, type KeyPress} from './split-keys.js';

export type CommandHandlers = Partial<Record<Command, () => void>>;

/** Where a key goes, as things stand when it is read. */
export interface KeyTarget {
	view: View;
	handlers: CommandHandlers;
	/** An open prompt: takes every key, and a run of typed characters as one text (a paste). */
	prompt?: (input: string, key: Key) => void;
}

const isCtrlC = (press: KeyPress): boolean => press.key.ctrl && press.input === 'c';

/** Runs the presses in order, asking `target` anew for each; nothing after a quit. */
export function dispatchKeys(presses: readonly KeyPress[], target: () => KeyTarget): void {
	for (let index = 0; index < presses.length; index++) {
		const press = presses[index]!;
		const {view, handlers, prompt} = target();
		if (prompt) {
			if (isTyped(press)) {
				let text = press.input;
				while (index + 1 < presses.length && isTyped(presses[index + 1]!)) text += presses[++index]!.input;
				prompt(text, NO_KEY);
			} else {
				prompt(press.input, press.key);
				if (isCtrlC(press)) return;
			}

			continue;
		}

		const command = resolveCommand(view, press.input, press.key);
		if (command) handlers[command]?.();
		if (command === Command.Quit) return;
	}
}

/** `target` is asked for each key (not once per render): a key of the chunk may change the view. `onKey`: told of every input first. */
export function useKeymap(target: () => KeyTarget, isActive: boolean, onKey?: () => void): void {
	const onInput = useCallback((input: string, key: Key) => {
		onKey?.();
		dispatchKeys(keyPresses(input, key), target);
	}, [target, onKey]);
	useInput(onInput, {isActive});
}
