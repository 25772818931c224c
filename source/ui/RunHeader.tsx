// The run view's header: the run, its facts, why it failed, its node runs (run-selectors.ts).
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {HeaderRow} from './run-selectors.js';

const Row = memo(function Row({row}: {row: HeaderRow}) {
	return (
		<Text wrap="truncate-end" color={row.color} bold={row.bold} dimColor={row.dim}>
			{row.text}
		</Text>
	);
});

export function RunHeader({rows}: {rows: HeaderRow[]}) {
	return (
		<Box flexDirection="column">
			{rows.map((row) => (
				<Row key={row.key} row={row} />
			))}
		</Box>
	);
}
