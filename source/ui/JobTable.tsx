// The job screen's batches: a heading row, then only the rows that fit, the window following the
// selection; the selected row inverse AND marked '›'; a row whose figures are stale dimmed and
// marked '!' (every row once the job's reads stopped). Cells with a form per batch are drawn opaque.
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {JobRow} from './job-table.js';
import {OpaqueText} from './OpaqueText.js';
import {selectJobTable} from './job-selectors.js';
import type {Size} from './layout.js';
import {selectJobHalted} from './selectors.js';
import {useAppStore} from './use-app-store.js';

const Row = memo(function Row({row, stale}: {row: JobRow; stale: boolean}) {
	const inverse = row.selected;
	const dim = (stale || row.stale) && !inverse;
	return (
		<Box flexDirection="row">
			<Text wrap="truncate-end" dimColor={dim} inverse={inverse} bold={inverse}>{row.marker[0]}</Text>
			<Text wrap="truncate-end" inverse={inverse} bold color={row.stale && !inverse ? 'yellow' : undefined}>{row.marker.slice(1)}</Text>
			{row.cells.map((cell) => (
				<OpaqueText key={cell.key} text={cell.text} dimColor={dim} inverse={inverse} color={inverse ? undefined : cell.color} />
			))}
		</Box>
	);
});

export function JobTable({size, visible}: {size: Size; visible: number}) {
	const view = useAppStore((state) => selectJobTable(state, size, visible));
	const stale = useAppStore(selectJobHalted);
	if (!view) return null;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" bold>{view.heading}</Text>
			{view.placeholder === null ? null : <Text wrap="truncate-end" dimColor>{`  ${view.placeholder}`}</Text>}
			{view.rows.map((row) => <Row key={row.key} row={row} stale={stale} />)}
			<OpaqueText text={view.footLine} dimColor />
			{/* The frame keeps its height (rows − 1) with few batches: a resize leaves nothing of an old frame below it. */}
			{Array.from({length: Math.max(0, visible - view.rows.length - (view.placeholder === null ? 0 : 1))}, (_, i) => <Text key={`pad-${i}`}> </Text>)}
		</Box>
	);
}
