// The one table (the item list's and the job's batches), drawn from a TableView (table-layout.ts): a
// heading, then only the rows that fit, the window following the selection, then the foot line.
// The selected row is inverse AND marked '›'; a row whose figures are stale (the table's, or its
// own) is dimmed, its own marked '!'. Every cell is one text of its column's width; texts with a
// form per row are drawn opaque (Ink keeps every text it measures).
import {memo} from 'react';
import {Box, Text} from 'ink';
import {OpaqueText} from './OpaqueText.js';
import type {TableRow, TableView} from './table-layout.js';

const Row = memo(function Row({row, stale}: {row: TableRow; stale: boolean}) {
	const inverse = row.selected;
	// Data the last reads could not refresh is dimmed (the header or the alert line says why).
	const dim = (stale || row.stale) && !inverse;
	return (
		<Box flexDirection="row">
			<Text wrap="truncate-end" dimColor={dim} inverse={inverse} bold={inverse}>
				{row.marker}
			</Text>
			{row.flag === null ? null : (
				<Text wrap="truncate-end" inverse={inverse} bold color={row.stale && !inverse ? 'yellow' : undefined}>
					{row.flag}
				</Text>
			)}
			{/* No component of its own per cell: a frame draws every cell of every row on screen. */}
			{row.cells.map((cell) =>
				cell.opaque ? (
					<OpaqueText key={cell.key} text={cell.text} dimColor={dim} inverse={inverse} color={cell.color} />
				) : (
					<Text key={cell.key} wrap="truncate" dimColor={dim} inverse={inverse} color={cell.color}>
						{cell.text}
					</Text>
				),
			)}
		</Box>
	);
});

/** `stale`: every row's figures are (the reads failing or stopped). */
export function Table({view, stale}: {view: TableView; stale: boolean}) {
	return (
		<Box flexDirection="column">
			{/* Its form follows the column widths (which may follow the texts on screen): drawn opaque too. */}
			<OpaqueText text={view.heading} bold />
			{view.placeholder === null ? null : <Text wrap="truncate-end" dimColor>{`  ${view.placeholder}`}</Text>}
			{view.rows.map((row) => (
				<Row key={row.key} row={row} stale={stale} />
			))}
			<OpaqueText text={view.foot} dimColor />
			{/* The frame keeps its height (rows − 1) with few rows: a resize leaves nothing of an old frame below it. */}
			{Array.from({length: view.pad}, (_, i) => (
				<Text key={`pad-${i}`}> </Text>
			))}
		</Box>
	);
}
