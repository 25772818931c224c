// Keys → commands (through keymap.ts) → handlers. One useInput for the whole app.
import {useCallback} from 'react';
import {type Key, useInput} from 'ink';
import {type Command, resolveCommand, type View} from './keymap.js';

export type CommandHandlers = Partial<Record<Command, () => void>>;

/** `intercept`: while set, every key goes to it first; when it returns true the key is taken (an open prompt). */
export function useKeymap(view: View, handlers: CommandHandlers, isActive: boolean, intercept?: (input: string, key: Key) => boolean): void {
	const onInput = useCallback((input: string, key: Key) => {
		if (intercept?.(input, key)) return;
		const command = resolveCommand(view, input, key);
		if (command) handlers[command]?.();
	}, [view, handlers, intercept]);
	useInput(onInput, {isActive});
}
