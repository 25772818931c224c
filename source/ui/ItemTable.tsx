// The items of the page on screen: a heading row, then only the rows that fit, the window
// following the selection. The selected row is inverse AND marked '›'. Heading and cells are
// laid out from one declaration of the columns (columns.ts).
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Size} from './layout.js';
import {OpaqueText} from './OpaqueText.js';
import {selectStale, selectTable, type ItemRow} from './selectors.js';
import {useAppStore} from './use-app-store.js';

const Row = memo(function Row({row, stale}: {row: ItemRow; stale: boolean}) {
	const inverse = row.selected;
	// Data the last polls could not refresh is dimmed (the header says how old it is).
	const dim = stale && !inverse;
	return (
		<Box flexDirection="row">
			<Text wrap="truncate-end" dimColor={dim} inverse={inverse} bold={inverse}>{row.marker}</Text>
			{/* Cells with a form per item are drawn opaque (Ink keeps every text it measures); each has its column's width. */}
			{row.cells.map((cell) => (
				<OpaqueText key={cell.key} text={cell.text} dimColor={dim} inverse={inverse} color={inverse && cell.key === 'failure' ? undefined : cell.color} />
			))}
		</Box>
	);
});

export function ItemTable({size}: {size: Size}) {
	const view = useAppStore((state) => selectTable(state, size));
	const stale = useAppStore(selectStale);
	return (
		<Box flexDirection="column">
			{/* Its form follows the column widths (which follow the texts on screen): drawn opaque too. */}
			<OpaqueText text={view.heading} bold />
			{view.placeholder === null ? null : <Text wrap="truncate-end" dimColor>{`  ${view.placeholder}`}</Text>}
			{view.rows.map((row) => <Row key={row.key} row={row} stale={stale} />)}
			<Text wrap="truncate-end" dimColor>{view.pageLine}</Text>
		</Box>
	);
}
