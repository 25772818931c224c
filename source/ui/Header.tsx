// Line 1: 'runflow-watch · batch <id> · <status> · updated HH:MM:SS · <connection>' [PAUSED].
// One <Text> per part, side by side: Ink caches every distinct text it measures, forever, so
// the parts that change (the clock, the connection) are measured apart from the rest, and the
// clock (86,400 forms a day) is not measured at all (OpaqueText). Only
// the connection's words give way when the line is too long.
import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {selectHeader} from './header-selectors.js';
import {OpaqueText} from './OpaqueText.js';
import {useAppStore} from './use-app-store.js';
import {frozenNow, useClock} from './use-clock.js';

function Cell({children}: {children: ReactNode}) {
	return <Box flexShrink={0}>{children}</Box>;
}

export function Header({columns}: {columns: number}) {
	const clock = useClock();
	const view = useAppStore((state) => selectHeader(state, frozenNow(state, clock), columns));
	return (
		<Box flexDirection="row" width={columns} height={1} overflow="hidden">
			{view.title === '' ? null : <Cell><Text wrap="truncate-end" bold>{view.title}</Text></Cell>}
			<Cell><Text wrap="truncate-end">{`batch ${view.batch}`}</Text></Cell>
			{view.status === null ? null : <Cell><Text wrap="truncate-end">{' · '}</Text></Cell>}
			{view.status === null ? null : <Cell><Text wrap="truncate-end" color={view.statusColor}>{view.status}</Text></Cell>}
			{view.filter === '' ? null : <Cell><Text wrap="truncate-end" color="yellow">{view.filter}</Text></Cell>}
			{view.updatedLabel === '' ? null : <Cell><Text wrap="truncate-end">{view.updatedLabel}</Text></Cell>}
			{view.updatedClock === '' ? null : <Cell><OpaqueText text={view.updatedClock} /></Cell>}
			<Cell><Text wrap="truncate-end">{' · '}</Text></Cell>
			<Box flexShrink={1}>
				<Text wrap="truncate-end" color={view.connectionColor}>{view.connection}</Text>
			</Box>
			{view.paused ? <Cell><Text wrap="truncate-end">{' '}</Text></Cell> : null}
			{view.paused ? <Cell><Text wrap="truncate-end" inverse bold>PAUSED</Text></Cell> : null}
		</Box>
	);
}
