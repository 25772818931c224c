// The run view (Enter on an item): the run's header, the log lines that fit (following the
// end unless scrolled), the error if any, and the status line (or the prompt open over it: the search).
import {memo, type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../lib/format.js';
import type {Size} from './layout.js';
import {selectLogView, type LogRow} from './selectors.js';
import {OpaqueText} from './OpaqueText.js';
import {RunHeader} from './RunHeader.js';
import {useAppStore} from './use-app-store.js';

const Row = memo(function Row({row}: {row: LogRow}) {
	const current = row.hit === 'current';
	const messageColor = row.levelColor === 'red' ? 'red' : undefined;
	return (
		<Box flexDirection="row">
			<Text bold={current} color={current ? 'yellow' : undefined}>
				{row.gutter}
			</Text>
			{row.time === '' ? null : (
				<Text wrap="truncate-end" dimColor>
					{row.time}
				</Text>
			)}
			<Text wrap="truncate-end" color={row.levelColor}>
				{row.level}
			</Text>
			{row.hit === null ? (
				// New lines arrive for as long as a run is followed: Ink must not keep each one.
				<OpaqueText text={row.parts[0]?.text ?? ''} color={messageColor} />
			) : (
				<Text wrap="truncate-end" color={messageColor} bold={current}>
					{row.parts.map((part, i) =>
						part.match ? (
							// The parts of one line never move: their index is their identity.
							<Text key={i} inverse>
								{part.text}
							</Text>
						) : (
							part.text
						),
					)}
				</Text>
			)}
		</Box>
	);
});

export function LogView({size, prompt}: {size: Size; prompt?: ReactNode}) {
	const view = useAppStore((state) => selectLogView(state, size));
	if (!view) return <Text wrap="truncate-end">no item selected</Text>;
	return (
		<Box flexDirection="column">
			<RunHeader rows={view.header} />
			{view.placeholder === null ? null : (
				<Text wrap="truncate-end" dimColor>
					{view.placeholder}
				</Text>
			)}
			{view.rows.map((row) => (
				<Row key={row.key} row={row} />
			))}
			{view.error === null ? null : (
				<Text wrap="truncate-end" color="yellow">
					{view.error}
				</Text>
			)}
			{prompt ?? (
				// 'lines 9,951–10,000 of 10,000 (12,345 dropped) · following': a new form with every line.
				<OpaqueText text={truncate(view.status, size.columns)} dimColor />
			)}
		</Box>
	);
}
