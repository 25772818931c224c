// Lines 2–3: progress bar, finished/total, ETA and cost; then every status count with its share.
// Separate cells, the values that change drawn opaque (Ink would keep every form it measures);
// cells keep their width (never squeezed), and what passes the right edge is cut off.
import {Box, Text} from 'ink';
import {OpaqueText} from './OpaqueText.js';
import {selectStale, selectSummaryView} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function SummaryBar({columns}: {columns: number}) {
	const view = useAppStore((state) => selectSummaryView(state, columns));
	const stale = useAppStore(selectStale);
	return (
		<Box flexDirection="column">
			<Box flexDirection="row" width={columns} height={1} overflow="hidden">
				{/* Progress, ETA and cost take a new form nearly every poll: drawn opaque (Ink keeps every text it measures). */}
				<Box flexShrink={0}><OpaqueText text={view.progress ?? 'waiting for the batch…'} dimColor={stale} /></Box>
				{view.eta === null ? null : <Box flexShrink={0}><OpaqueText text={` · ${view.eta}`} dimColor={stale} /></Box>}
				{view.cost === null ? null : <Box flexShrink={0}><OpaqueText text={` · ${view.cost}`} dimColor={stale} /></Box>}
			</Box>
			<Box flexDirection="row" width={columns} height={1} overflow="hidden">
				{view.counts.length === 0 ? <Text> </Text> : null}
				{view.counts.map((count, i) => (
					<Box key={count.key} flexShrink={0}>
						<OpaqueText text={i === 0 ? count.text : `  ${count.text}`} dimColor={stale} color={count.color} />
					</Box>
				))}
			</Box>
		</Box>
	);
}
