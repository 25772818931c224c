// Line 1: 'runflow-watch · batch <id> · <status> · updated HH:MM:SS · <connection>' [PAUSED].
// One <Text> per part, side by side: Ink caches every distinct text it measures, forever, so
// the parts that change (the clock, the connection) are measured apart from the rest.
import {Box, Text} from 'ink';
import {selectHeader} from './header-selectors.js';
import {useAppStore} from './use-app-store.js';
import {frozenNow, useClock} from './use-clock.js';

export function Header({columns}: {columns: number}) {
	const clock = useClock();
	const view = useAppStore((state) => selectHeader(state, frozenNow(state, clock), columns));
	return (
		<Box flexDirection="row" width={columns} height={1} overflow="hidden">
			{view.title === '' ? null : <Text bold wrap="truncate-end">{view.title}</Text>}
			<Text wrap="truncate-end">{`batch ${view.batch}`}</Text>
			{view.status === null ? null : <Text wrap="truncate-end">{' · '}</Text>}
			{view.status === null ? null : <Text wrap="truncate-end" color={view.statusColor}>{view.status}</Text>}
			{view.filter === '' ? null : <Text wrap="truncate-end" color="yellow">{view.filter}</Text>}
			{view.updatedLabel === '' ? null : <Text wrap="truncate-end">{view.updatedLabel}</Text>}
			{view.updatedClock === '' ? null : <Text wrap="truncate-end">{view.updatedClock}</Text>}
			<Text wrap="truncate-end">{' · '}</Text>
			<Box flexShrink={1}>
				<Text wrap="truncate-end" color={view.connectionColor}>{view.connection}</Text>
			</Box>
			{view.paused ? <Text wrap="truncate-end">{' '}</Text> : null}
			{view.paused ? <Text wrap="truncate-end" inverse bold>PAUSED</Text> : null}
		</Box>
	);
}
