// The last line: the main keys of the page shown, straight from its record; before them, the
// export under way (its progress), how the last one ended, or --results' file (export-selectors).
import {Box, Text} from 'ink';
import {displayWidth} from '../lib/format.js';
import {selectFooterStatus} from './export-selectors.js';
import type {Keys} from './keymap.js';
import {OpaqueText} from './OpaqueText.js';
import {footerText} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function Footer({keys, columns}: {keys: Keys; columns: number}) {
	const job = useAppStore((state) => state.job !== null);
	const status = useAppStore((state) => selectFooterStatus(state, columns));
	if (status === null)
		return (
			<Text wrap="truncate-end" dimColor>
				{footerText(keys, columns, job)}
			</Text>
		);
	// The progress takes a new form every page read: drawn opaque (Ink keeps every text it measures).
	const rest = columns - displayWidth(status.text) - 2;
	return (
		<Box flexDirection="row" width={columns} height={1} overflow="hidden">
			<Box flexShrink={0}>
				<OpaqueText text={status.text} color={status.color} />
			</Box>
			<Text wrap="truncate-end" dimColor>{`  ${footerText(keys, rest, job)}`}</Text>
		</Box>
	);
}
