// '?': every key of the screens in the help (the job's when watching one, the list's, the run
// view's), from their records. Any key goes back.
import {Box, Text} from 'ink';
import type {Keys} from './keymap.js';
import type {Size} from './layout.js';
import {helpLines} from './selectors.js';
import {useAppStore} from './use-app-store.js';

/** `screens`: every screen's record, in order (ui/screens/index.tsx); those in the help are shown. */
export function HelpView({size, screens}: {size: Size; screens: readonly Keys[]}) {
	const job = useAppStore((state) => state.job !== null);
	return (
		<Box flexDirection="column">
			{helpLines(size, job, screens).map((line) => (
				<Text key={line.key} wrap="truncate-end" bold={line.heading}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
