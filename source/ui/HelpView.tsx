// '?': every key of the job (when watching one), list and log views, from the keymap. Any key goes back.
import {Box, Text} from 'ink';
import type {Size} from './layout.js';
import {helpLines} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function HelpView({size}: {size: Size}) {
	const job = useAppStore((state) => state.job !== null);
	return (
		<Box flexDirection="column">
			{helpLines(size, job).map((line) => (
				<Text key={line.key} wrap="truncate-end" bold={line.heading}>{line.text}</Text>
			))}
		</Box>
	);
}
