// The terminal's size, from Ink's stdout (columns and rows), updated on resize; 80×24 for
// what it does not say.
import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
	columns: number;
	rows: number;
}

export const DEFAULT_SIZE: TerminalSize = Object.freeze({columns: 80, rows: 24});

const positive = (value: unknown, fallback: number): number =>
	typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;

function measure(stdout: NodeJS.WriteStream | undefined): TerminalSize {
	return {
		columns: positive(stdout?.columns, DEFAULT_SIZE.columns),
		rows: positive(stdout?.rows, DEFAULT_SIZE.rows),
	};
}

export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => measure(stdout));

	useEffect(() => {
		const onResize = () => {
			const next = measure(stdout);
			setSize((previous) => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);

	return size;
}
