// Line 2: progress bar, finished/total, ETA and cost (the bar shrinks to keep the rest). Line 3
// (and 4 when one is too short): every status count, in a shorter form when the full one does
// not fit (summary-selectors decides). Then the glance line (glance-selectors: elapsed, rate,
// durations, cost per item, projected total; the finished words). Separate cells, the values that change drawn opaque (Ink
// would keep every form it measures); cells keep their width (never squeezed).
import {Box, Text} from 'ink';
import {selectGlanceLine} from './glance-selectors.js';
import {OpaqueText} from './OpaqueText.js';
import {selectStale, selectSummaryView} from './selectors.js';
import {useAppStore} from './use-app-store.js';

export function SummaryBar({columns}: {columns: number}) {
	const view = useAppStore((state) => selectSummaryView(state, columns));
	const glance = useAppStore((state) => selectGlanceLine(state, columns));
	const stale = useAppStore(selectStale);
	const gap = ' '.repeat(view.gap);
	return (
		<Box flexDirection="column">
			<Box flexDirection="row" width={columns} height={1} overflow="hidden">
				{/* Progress, ETA and cost take a new form nearly every poll: drawn opaque (Ink keeps every text it measures). */}
				<Box flexShrink={0}>
					<OpaqueText text={view.progress ?? 'waiting for the batch…'} dimColor={stale} />
				</Box>
				{view.eta === null ? null : (
					<Box flexShrink={0}>
						<OpaqueText text={` · ${view.eta}`} dimColor={stale} />
					</Box>
				)}
				{view.cost === null ? null : (
					<Box flexShrink={0}>
						<OpaqueText text={` · ${view.cost}`} dimColor={stale} />
					</Box>
				)}
			</Box>
			{view.counts.length === 0 ? <Text> </Text> : null}
			{view.counts.map((line, row) => (
				<Box key={row} flexDirection="row" width={columns} height={1} overflow="hidden">
					{line.map((count, i) => (
						<Box key={count.key} flexShrink={0}>
							<OpaqueText text={i === 0 ? count.text : `${gap}${count.text}`} dimColor={stale} color={count.color} />
						</Box>
					))}
				</Box>
			))}
			{/* The glance line: elapsed, rate and sparkline, the oldest running item, p50/p95, cost per item, projected total;
			    the finished words at the end. */}
			<Box flexDirection="row" width={columns} height={1} overflow="hidden">
				{glance.length === 0 ? (
					<Text> </Text>
				) : (
					glance.map((cell) => (
						<Box key={cell.key} flexShrink={0}>
							<OpaqueText text={cell.text} dimColor={stale} color={cell.color} />
						</Box>
					))
				)}
			</Box>
		</Box>
	);
}
