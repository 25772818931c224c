// Keys → commands (through keymap.ts) → the session. One useInput for the whole app.
// Ink hands over what arrived together as one input ("jjjjj", "abc\r"): every key of it acts,
// in order, each against the state the previous one left (it may have opened a view or a prompt).
import {useCallback} from 'react';
import {type Key, useInput} from 'ink';
import {Command, type Commands} from '../lib/commands.js';
import type {KeyTarget} from './key-target.js';
import {resolveCommand} from './keymap.js';
import {promptKey} from './prompt-keys.js';
import {isTyped, keyPresses, NO_KEY, type KeyPress} from './split-keys.js';

const isCtrlC = (press: KeyPress): boolean => press.key.ctrl && press.input === 'c';

/** Runs the presses in order, asking `target` anew for each; nothing after a quit. */
export function dispatchKeys(presses: readonly KeyPress[], target: () => KeyTarget, commands: Commands): void {
	for (let index = 0; index < presses.length; index++) {
		const press = presses[index]!;
		const {view, prompting, context} = target();
		if (prompting) {
			if (isTyped(press)) {
				let text = press.input;
				while (index + 1 < presses.length && isTyped(presses[index + 1]!)) text += presses[++index]!.input;
				commands.prompt(promptKey(text, NO_KEY), context);
			} else {
				commands.prompt(promptKey(press.input, press.key), context);
				if (isCtrlC(press)) return;
			}

			continue;
		}

		const command = resolveCommand(view, press.input, press.key);
		if (command) commands.run(command, context);
		if (command === Command.Quit) return;
	}
}

/** `target` is asked for each key (not once per render): a key of the chunk may change the view. */
export function useKeymap(target: () => KeyTarget, commands: Commands, isActive: boolean): void {
	const onInput = useCallback((input: string, key: Key) => {
		commands.activity();
		dispatchKeys(keyPresses(input, key), target, commands);
	}, [target, commands]);
	useInput(onInput, {isActive});
}
