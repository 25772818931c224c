// `x`'s prompt, in the footer's place while it is open: 'export 14 items to runflow-b_1-failed.jsonl
// enter write · esc cancel · ctrl+u clear'; the name offered drawn selected (typing replaces it),
// then the cursor; what Enter found (a file of that name, a folder that cannot be written) after it.
import {Text} from 'ink';
import {selectExportPrompt} from './export-selectors.js';
import type {Size} from './layout.js';
import {useAppStore} from './use-app-store.js';

export function ExportPrompt({size}: {size: Size}) {
	const view = useAppStore((state) => selectExportPrompt(state, size.columns));
	if (view === null) return null;
	return (
		<Text wrap="truncate-end">
			<Text bold color="cyan">
				{view.label}
			</Text>
			<Text inverse={view.selected}>{view.text}</Text>
			{view.selected ? null : <Text inverse> </Text>}
			<Text color={view.noteColor} dimColor={view.noteColor === undefined}>
				{view.note}
			</Text>
		</Text>
	);
}
