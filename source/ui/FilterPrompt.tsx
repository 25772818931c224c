// The `/` prompt, in the footer's place while it is open: '/ inv▏  client_ref contains · enter apply · …'.
import {Text} from 'ink';
import type {Size} from './layout.js';
import {selectPrompt} from './triage-selectors.js';
import {useAppStore} from './use-app-store.js';

export function FilterPrompt({size}: {size: Size}) {
	const view = useAppStore((state) => selectPrompt(state, size.columns));
	if (view === null) return null;
	return (
		<Text wrap="truncate-end">
			<Text bold color="cyan">
				/{' '}
			</Text>
			{view.text}
			<Text inverse> </Text>
			<Text dimColor>{view.hint}</Text>
		</Text>
	);
}
