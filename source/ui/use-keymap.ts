// Keys → commands (through keymap.ts) → handlers. One useInput for the whole app.
import {useCallback} from 'react';
import {type Key, useInput} from 'ink';
import {type Command, resolveCommand, type View} from './keymap.js';

export type CommandHandlers = Partial<Record<Command, () => void>>;

export function useKeymap(view: View, handlers: CommandHandlers, isActive: boolean): void {
	const onInput = useCallback((input: string, key: Key) => {
		const command = resolveCommand(view, input, key);
		if (command) handlers[command]?.();
	}, [view, handlers]);
	useInput(onInput, {isActive});
}
