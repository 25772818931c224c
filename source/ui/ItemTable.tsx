// The items of the page on screen: a heading row, then only the rows that fit, the window
// following the selection. The selected row is inverse AND marked '›'.
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Size} from './layout.js';
import {selectTable, type ItemRow} from './selectors.js';
import {useAppStore} from './use-app-store.js';

const Row = memo(function Row({row}: {row: ItemRow}) {
	const inverse = row.selected;
	return (
		<Box flexDirection="row">
			<Text wrap="truncate-end" inverse={inverse} bold={inverse}>{row.marker}</Text>
			<Text wrap="truncate-end" inverse={inverse}>{row.index}</Text>
			<Text wrap="truncate-end" inverse={inverse} color={row.statusColor}>{row.status}</Text>
			<Text wrap="truncate-end" inverse={inverse}>{row.ref}</Text>
			<Text wrap="truncate-end" inverse={inverse}>{row.duration}</Text>
			<Text wrap="truncate-end" inverse={inverse}>{row.cost}</Text>
			<Text wrap="truncate-end" inverse={inverse} color={inverse ? undefined : 'red'}>{row.failure}</Text>
		</Box>
	);
});

export function ItemTable({size}: {size: Size}) {
	const view = useAppStore((state) => selectTable(state, size));
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" bold>{view.heading}</Text>
			{view.placeholder === null ? null : <Text wrap="truncate-end" dimColor>{`  ${view.placeholder}`}</Text>}
			{view.rows.map((row) => <Row key={row.key} row={row} />)}
			<Text wrap="truncate-end" dimColor>{view.pageLine}</Text>
		</Box>
	);
}
