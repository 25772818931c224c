// The terminal's size, from Ink's stdout, updated on resize. A size given through
// TerminalSizeContext wins (tests, which have no real terminal, set it there).
import {createContext, useContext, useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
	columns: number;
	rows: number;
}

export const DEFAULT_SIZE: TerminalSize = Object.freeze({columns: 80, rows: 24});

/** An explicit size; null = ask the terminal. */
export const TerminalSizeContext = createContext<TerminalSize | null>(null);

const positive = (value: unknown, fallback: number): number =>
	typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;

function measure(stdout: NodeJS.WriteStream | undefined): TerminalSize {
	return {
		columns: positive(stdout?.columns, DEFAULT_SIZE.columns),
		rows: positive(stdout?.rows, DEFAULT_SIZE.rows),
	};
}

export function useTerminalSize(): TerminalSize {
	const override = useContext(TerminalSizeContext);
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => measure(stdout));

	useEffect(() => {
		if (override) return;
		const onResize = () => {
			const next = measure(stdout);
			setSize((previous) => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, override]);

	return override ?? size;
}
