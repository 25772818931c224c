// The whole screen. The CLI renders <App store commands interactive/>; tests may also pass
// a fixed clock `now`. The size is the terminal's (Ink's stdout), 80×24 when unknown.
import {useCallback, type JSX} from 'react';
import {Box, Text} from 'ink';
import type {AppStore} from '../store/store.js';
import {AlertLine} from './AlertLine.js';
import {FailureLine} from './FailureLine.js';
import {FilterPrompt} from './FilterPrompt.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {HelpView} from './HelpView.js';
import {ItemTable} from './ItemTable.js';
import {JobScreen} from './JobScreen.js';
import {keyTarget} from './key-target.js';
import {isTooSmall, tooSmallMessage, type Size} from './layout.js';
import {LogView} from './LogView.js';
import {SummaryBar} from './SummaryBar.js';
import {AppStoreContext, useAppStore, useAppStoreApi} from './use-app-store.js';
import {ClockContext, type Now} from './use-clock.js';
import {useKeymap} from './use-keymap.js';
import {useTerminalSize} from './use-terminal-size.js';
import type {Commands} from '../lib/commands.js';

export type {Commands} from '../lib/commands.js';

export interface AppProps {
	store: AppStore;
	/** Where the keys' commands go (the session: source/session/). */
	commands: Commands;
	/** stdin is a TTY in raw mode; without one, keys are not read at all. */
	interactive: boolean;
	/** A fixed clock (tests). */
	now?: Now;
}

const systemNow: Now = () => Date.now();

export function App({store, commands, interactive, now}: AppProps): JSX.Element {
	return (
		<AppStoreContext.Provider value={store}>
			<ClockContext.Provider value={now ?? systemNow}>
				<Screen commands={commands} interactive={interactive} />
			</ClockContext.Provider>
		</AppStoreContext.Provider>
	);
}

function Screen({commands, interactive}: {commands: Commands; interactive: boolean}): JSX.Element {
	const size = useTerminalSize();
	const view = useAppStore((state) => state.view);
	const prompting = useAppStore((state) => state.view === 'list' && state.triage.prompt !== null);
	const store = useAppStoreApi();
	const {columns, rows} = size;
	const target = useCallback(() => keyTarget(store, {columns, rows}), [store, columns, rows]);
	useKeymap(target, commands, interactive);

	if (isTooSmall(size)) {
		// The only thing on screen: wrapped to the width, never taller than rows − 1.
		return (
			<Box flexDirection="column">
				{tooSmallMessage(size).map((line, i) => <Text key={i} wrap="truncate-end">{line}</Text>)}
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={size.columns}>
			<Header columns={size.columns} />
			{view === 'job' ? <JobScreen size={size} /> : null}
			{view === 'list' ? <ListScreen size={size} /> : null}
			{view === 'logs' ? <LogView size={size} /> : null}
			{view === 'help' ? <HelpView size={size} /> : null}
			{prompting ? <FilterPrompt columns={size.columns} /> : <Footer view={view} columns={size.columns} />}
		</Box>
	);
}

function ListScreen({size}: {size: Size}): JSX.Element {
	return (
		<>
			<SummaryBar columns={size.columns} />
			<FailureLine columns={size.columns} />
			<AlertLine />
			<ItemTable size={size} />
		</>
	);
}
