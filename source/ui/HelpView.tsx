// '?': every key of the list and log views, from the keymap. Any key goes back.
import {Box, Text} from 'ink';
import type {Size} from './layout.js';
import {helpLines} from './selectors.js';

export function HelpView({size}: {size: Size}) {
	return (
		<Box flexDirection="column">
			{helpLines(size).map((line) => (
				<Text key={line.key} wrap="truncate-end" bold={line.heading}>{line.text}</Text>
			))}
		</Box>
	);
}
