// Lines 2–3: progress bar, finished/total, ETA and cost; then every status count with its share.
import {Box, Text} from 'ink';
import {selectStale, selectSummaryView} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function SummaryBar({columns}: {columns: number}) {
	const view = useAppStore((state) => selectSummaryView(state, columns));
	const stale = useAppStore(selectStale);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" dimColor={stale}>
				{view.progress ?? 'waiting for the batch…'}
				{view.eta === null ? null : ` · ${view.eta}`}
				{view.cost === null ? null : ` · ${view.cost}`}
			</Text>
			<Text wrap="truncate-end" dimColor={stale}>
				{view.counts.length === 0 ? ' ' : null}
				{view.counts.map((count, i) => (
					<Text key={count.key} color={count.color}>{i === 0 ? count.text : `  ${count.text}`}</Text>
				))}
			</Text>
		</Box>
	);
}
