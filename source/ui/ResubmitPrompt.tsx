// `R`'s confirmation, in the place of the table below the summary (the model prompt is the same
// lines with the model being typed): as tall as the table was, so the frame keeps its height.
import {Box, Text} from 'ink';
import {OpaqueText} from './OpaqueText.js';
import type {Size} from './layout.js';
import {confirmRows, selectConfirmLines} from './resubmit-selectors.js';
import {useAppStore} from './use-app-store.js';

export function ResubmitPrompt({size}: {size: Size}) {
	const lines = useAppStore((state) => selectConfirmLines(state, size));
	const rows = useAppStore((state) => confirmRows(state, size));
	return (
		<Box flexDirection="column">
			{lines.map((line) => (
				<Box key={line.key} flexDirection="row">
					{line.text === '' ? <Text> </Text> : <OpaqueText text={line.text} color={line.color} bold={line.bold} dimColor={line.dim} />}
					{line.cursor ? <Text inverse> </Text> : null}
				</Box>
			))}
			{Array.from({length: Math.max(0, rows - lines.length)}, (_, i) => (
				<Text key={`pad-${i}`}> </Text>
			))}
		</Box>
	);
}
