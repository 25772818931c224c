// Keys → commands (through the record of the screen on top, ui/screens/) → the session. One
// useInput for the whole app. Ink hands over what arrived together as one input ("jjjjj",
// "abc\r"): every key of it acts, in order, each against the state the previous one left (it may
// have opened a screen or a prompt).
import {useCallback} from 'react';
import {type Key, useInput} from 'ink';
import {Command, type Commands} from '../lib/commands.js';
import type {KeyTarget} from './key-target.js';
import {resolveCommand} from './keymap.js';
import {isTyped, keyPresses, type KeyPress} from './split-keys.js';

/** Runs the presses in order, asking `target` anew for each; nothing after a quit. */
export function dispatchKeys(presses: readonly KeyPress[], target: () => KeyTarget, commands: Commands): void {
	for (let index = 0; index < presses.length; index++) {
		const press = presses[index]!;
		const {screen, context} = target();
		// A prompt takes typed text: a run of typed characters is one text (a paste stays whole).
		if (screen.type && isTyped(press)) {
			let text = press.input;
			while (index + 1 < presses.length && isTyped(presses[index + 1]!)) text += presses[++index]!.input;
			commands.prompt({kind: 'type', text}, context);
			continue;
		}

		const command = resolveCommand(screen, press.input, press.key);
		if (command) commands.run(command, context);
		if (command === Command.Quit) return;
	}
}

/** `target` is asked for each key (not once per render): a key of the chunk may change the screen. */
export function useKeymap(target: () => KeyTarget, commands: Commands, isActive: boolean): void {
	const onInput = useCallback(
		(input: string, key: Key) => {
			commands.activity();
			dispatchKeys(keyPresses(input, key), target, commands);
		},
		[target, commands],
	);
	useInput(onInput, {isActive});
}
