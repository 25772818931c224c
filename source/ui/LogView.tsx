// The logs of the selected item's run: a title, the lines that fit (following the end
// unless scrolled), the error if any, and a status line.
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Size} from './layout.js';
import {selectLogView, type LogRow} from './selectors.js';
import {useAppStore} from './use-app-store.js';

const Row = memo(function Row({row}: {row: LogRow}) {
	return (
		<Box flexDirection="row">
			<Text wrap="truncate-end" dimColor>{row.time}</Text>
			<Text wrap="truncate-end" color={row.levelColor}>{row.level}</Text>
			<Text wrap="truncate-end" color={row.levelColor === 'red' ? 'red' : undefined}>{row.text}</Text>
		</Box>
	);
});

export function LogView({size}: {size: Size}) {
	const view = useAppStore((state) => selectLogView(state, size));
	if (!view) return <Text wrap="truncate-end">no item selected</Text>;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" bold>
				{view.title}
			</Text>
			{view.placeholder === null ? null : <Text wrap="truncate-end" dimColor>{view.placeholder}</Text>}
			{view.rows.map((row) => <Row key={row.key} row={row} />)}
			{view.error === null ? null : <Text wrap="truncate-end" color="yellow">{view.error}</Text>}
			<Text wrap="truncate-end" dimColor>{view.status}</Text>
		</Box>
	);
}
