// The whole screen. The CLI renders <App store controller interactive/>; tests may also pass
// a fixed `size` (ink-testing-library's stdout has no rows) and a fixed clock `now`.
import {useMemo, useRef, type JSX} from 'react';
import {Box, Text} from 'ink';
import type {AppStore} from '../store/store.js';
import {AlertLine} from './AlertLine.js';
import {FailureLine} from './FailureLine.js';
import {FilterPrompt} from './FilterPrompt.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {HelpView} from './HelpView.js';
import {ItemTable} from './ItemTable.js';
import {Command, type View} from './keymap.js';
import {isTooSmall, tooSmallMessage, type Size} from './layout.js';
import {isSearchTyping, selectLogBodyRows} from './log-selectors.js';
import {LogView} from './LogView.js';
import {selectListRows} from './selectors.js';
import {usePromptKeys} from './prompt-keys.js';
import {useSearchKeys} from './search-keys.js';
import {SummaryBar} from './SummaryBar.js';
import {AppStoreContext, useAppStore, useAppStoreApi} from './use-app-store.js';
import {ClockContext, type Now} from './use-clock.js';
import {useKeymap, type CommandHandlers} from './use-keymap.js';
import {TerminalSizeContext, useTerminalSize} from './use-terminal-size.js';

export interface Controller {
	/** Poll now. */
	refresh(): void;
	/** Leave: the CLI restores the terminal and exits 0. */
	quit(): void;
	/** Select the next (1) or previous (-1) failed item, fetching the pages on the way. */
	jumpToFailure(direction: 1 | -1): void;
	/** `[` / `]` at the page's edge: the previous (-1) / next (1) page's nearest item's run, fetching that page. */
	stepRunAcross(delta: -1 | 1): void;
}

export interface AppProps {
	store: AppStore;
	controller: Controller;
	/** stdin is a TTY in raw mode; without one, keys are not read at all. */
	interactive: boolean;
	/** A fixed terminal size (tests); otherwise the terminal's, 80×24 when unknown. */
	size?: Size;
	/** A fixed clock (tests). */
	now?: Now;
}

const systemNow: Now = () => Date.now();

export function App({store, controller, interactive, size, now}: AppProps): JSX.Element {
	return (
		<AppStoreContext.Provider value={store}>
			<TerminalSizeContext.Provider value={size ?? null}>
				<ClockContext.Provider value={now ?? systemNow}>
					<Screen controller={controller} interactive={interactive} />
				</ClockContext.Provider>
			</TerminalSizeContext.Provider>
		</AppStoreContext.Provider>
	);
}

function Screen({controller, interactive}: {controller: Controller; interactive: boolean}): JSX.Element {
	const size = useTerminalSize();
	const view = useAppStore((state) => state.view);
	const listRows = useAppStore((state) => selectListRows(state, size));
	const logRows = useAppStore((state) => selectLogBodyRows(state, size));
	const handlers = useHandlers(controller, view, listRows, logRows);
	const prompting = useAppStore((state) => state.view === 'list' && state.triage.prompt !== null);
	const promptKeys = usePromptKeys(controller);
	const searching = useAppStore(isSearchTyping);
	const searchKeys = useSearchKeys(controller, logRows);
	useKeymap(view, handlers, interactive, prompting ? promptKeys : searching ? searchKeys : undefined);

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

/** What each command does, per view: store actions and the controller. */
function useHandlers(controller: Controller, view: View, listRows: number, logRows: number): CommandHandlers {
	const store = useAppStoreApi();
	// Where '?' came from, so leaving the help goes back there.
	const helpFrom = useRef<View>('list');
	return useMemo((): CommandHandlers => {
		const actions = () => store.getState();
		// Within the page the store steps; at its edge the controller crosses to the next page.
		const stepRun = (delta: -1 | 1) => {
			if (actions().stepRun(delta) === 'beyond') controller.stepRunAcross(delta);
		};
		const common: CommandHandlers = {
			[Command.Quit]: () => controller.quit(),
			[Command.Refresh]: () => controller.refresh(),
			[Command.TogglePause]: () => actions().togglePause(),
			[Command.Help]: () => {
				helpFrom.current = view;
				actions().setView('help');
			},
		};
		switch (view) {
			case 'list': {
				return {
					...common,
					[Command.MoveUp]: () => actions().move(-1),
					[Command.MoveDown]: () => actions().move(1),
					[Command.ScreenUp]: () => actions().move(-listRows),
					[Command.ScreenDown]: () => actions().move(listRows),
					[Command.First]: () => actions().moveTo('first'),
					[Command.Last]: () => actions().moveTo('last'),
					[Command.NextPage]: () => actions().nextPage(),
					[Command.PreviousPage]: () => actions().previousPage(),
					[Command.OpenLogs]: () => actions().openLogs(),
					[Command.NextFailure]: () => controller.jumpToFailure(1),
					[Command.PreviousFailure]: () => controller.jumpToFailure(-1),
					[Command.CycleFilter]: () => actions().cycleStatusFilter(),
					[Command.FilterText]: () => actions().openPrompt(),
				};
			}

			case 'logs': {
				return {
					...common,
					[Command.MoveUp]: () => actions().scrollLogs(-1, logRows),
					[Command.MoveDown]: () => actions().scrollLogs(1, logRows),
					[Command.ScreenUp]: () => actions().scrollLogs(-logRows, logRows),
					[Command.ScreenDown]: () => actions().scrollLogs(logRows, logRows),
					[Command.First]: () => actions().scrollLogs(Number.NEGATIVE_INFINITY, logRows),
					[Command.Follow]: () => actions().followLogs(),
					[Command.ToggleFollow]: () => actions().toggleFollow(logRows),
					[Command.ToggleTimestamps]: () => actions().toggleTimestamps(),
					[Command.ToggleWrap]: () => actions().toggleWrap(),
					[Command.Search]: () => actions().searchOpen(),
					[Command.NextHit]: () => actions().nextHit(1, logRows),
					[Command.PreviousHit]: () => actions().nextHit(-1, logRows),
					[Command.PreviousRun]: () => stepRun(-1),
					[Command.NextRun]: () => stepRun(1),
					[Command.Back]: () => actions().closeLogs(),
				};
			}

			case 'help': {
				return {
					[Command.Quit]: () => controller.quit(),
					[Command.Back]: () => actions().setView(helpFrom.current === 'logs' && actions().logs ? 'logs' : 'list'),
				};
			}
		}
	}, [store, controller, view, listRows, logRows]);
}
