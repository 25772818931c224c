// Line 1: 'runflow-watch · batch <id> · <status> · updated HH:MM:SS · <connection>' [PAUSED].
import {Text} from 'ink';
import {selectHeader} from './selectors.js';
import {useAppStore} from './use-app-store.js';
import {frozenNow, useClock} from './use-clock.js';

export function Header({columns}: {columns: number}) {
	const clock = useClock();
	const view = useAppStore((state) => selectHeader(state, frozenNow(state, clock), columns));
	return (
		<Text wrap="truncate-end">
			{view.title === '' ? null : <Text bold>{view.title}</Text>}
			{`batch ${view.batch}`}
			{view.status === null ? null : ' · '}
			{view.status === null ? null : <Text color={view.statusColor}>{view.status}</Text>}
			{view.filter === '' ? null : <Text color="yellow">{view.filter}</Text>}
			{view.updated}
			{' · '}
			<Text color={view.connectionColor}>{view.connection}</Text>
			{view.paused ? ' ' : null}
			{view.paused ? <Text inverse bold>PAUSED</Text> : null}
		</Text>
	);
}
