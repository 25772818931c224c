// Line 1: 'runflow-watch · batch <id> · <status> [· order] [· filter] · updated HH:MM:SS · <connection>' [PAUSED].
// One <Text> per part, side by side: Ink caches every distinct text it measures, forever, so
// the parts that change (the clock, the connection) are measured apart from the rest, and the
// clocks (86,400 forms a day: the last change, 'stale since', 'retrying at') are not measured at
// all (OpaqueText). Nothing here ticks: every time shown is absolute. The row hides its overflow:
// the connection's words are cut at the edge when the line is too long.
import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {selectHeader} from './header-selectors.js';
import {OpaqueText} from './OpaqueText.js';
import {useAppStore} from './use-app-store.js';

function Cell({children}: {children: ReactNode}) {
	return <Box flexShrink={0}>{children}</Box>;
}

export function Header({columns}: {columns: number}) {
	const view = useAppStore((state) => selectHeader(state, columns));
	return (
		<Box flexDirection="row" width={columns} height={1} overflow="hidden">
			{view.title === '' ? null : (
				<Cell>
					<Text wrap="truncate-end" bold>
						{view.title}
					</Text>
				</Cell>
			)}
			<Cell>
				<Text wrap="truncate-end">{view.subject}</Text>
			</Cell>
			{view.status === null ? null : (
				<Cell>
					<Text wrap="truncate-end">{' · '}</Text>
				</Cell>
			)}
			{view.status === null ? null : (
				<Cell>
					<Text wrap="truncate-end" color={view.statusColor}>
						{view.status}
					</Text>
				</Cell>
			)}
			{view.order === '' ? null : (
				<Cell>
					<Text wrap="truncate-end" color="cyan">
						{view.order}
					</Text>
				</Cell>
			)}
			{view.filter === '' ? null : (
				<Cell>
					<Text wrap="truncate-end" color="yellow">
						{view.filter}
					</Text>
				</Cell>
			)}
			{view.updatedLabel === '' ? null : (
				<Cell>
					<Text wrap="truncate-end">{view.updatedLabel}</Text>
				</Cell>
			)}
			{view.updatedClock === '' ? null : (
				<Cell>
					<OpaqueText text={view.updatedClock} />
				</Cell>
			)}
			<Cell>
				<Text wrap="truncate-end">{' · '}</Text>
			</Cell>
			{view.connectionParts.map((part, i) => {
				if (part.opaque)
					return (
						<Cell key={i}>
							<OpaqueText text={part.text} color={view.connectionColor} />
						</Cell>
					);
				// The last words give way ('…') when the line is too long; the times and numbers keep their width.
				const last = i === view.connectionParts.length - 1;
				return (
					<Box key={i} flexShrink={last ? 1 : 0}>
						<Text wrap="truncate-end" color={view.connectionColor}>
							{part.text}
						</Text>
					</Box>
				);
			})}
			{view.budgetParts.map((part, i) => (
				<Cell key={`b${i}`}>{part.opaque ? <OpaqueText text={part.text} /> : <Text wrap="truncate-end">{part.text}</Text>}</Cell>
			))}
			{view.paused ? (
				<Cell>
					<Text wrap="truncate-end"> </Text>
				</Cell>
			) : null}
			{view.paused ? (
				<Cell>
					<Text wrap="truncate-end" inverse bold>
						PAUSED
					</Text>
				</Cell>
			) : null}
		</Box>
	);
}
