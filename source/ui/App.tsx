// The whole screen: the header, the page shown (the topmost page of the store's stack of screens,
// its record's component, ui/screens/index.tsx), and its footer, or the prompt open over it. The
// CLI renders <App store commands interactive/>; tests may also pass a fixed clock `now`. The
// size is the terminal's (Ink's stdout), 80×24 when unknown.
import {useCallback, type JSX} from 'react';
import {Box, Text} from 'ink';
import type {AppStore} from '../store/store.js';
import {topScreen} from '../store/stack.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {keyTarget} from './key-target.js';
import {isTooSmall, tooSmallMessage} from './layout.js';
import {SCREENS} from './screens/index.js';
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
	const top = useAppStore(topScreen);
	const store = useAppStoreApi();
	const {columns, rows} = size;
	const target = useCallback(() => keyTarget(store, {columns, rows}), [store, columns, rows]);
	useKeymap(target, commands, interactive);

	if (isTooSmall(size)) {
		// The only thing on screen: wrapped to the width, never taller than rows − 1.
		return (
			<Box flexDirection="column">
				{tooSmallMessage(size).map((line, i) => (
					<Text key={i} wrap="truncate-end">
						{line}
					</Text>
				))}
			</Box>
		);
	}

	const page = SCREENS[view];
	const over = SCREENS[top];
	const Page = page.component;
	// A prompt on top is drawn over the page: in the footer's place, or in the page's own (its `prompt`).
	const prompt = over.slot === undefined ? null : {slot: over.slot, element: <over.component size={size} />};
	return (
		<Box flexDirection="column" width={size.columns}>
			<Header columns={size.columns} />
			<Page size={size} prompt={prompt?.slot === 'page' ? prompt.element : null} />
			{prompt?.slot === 'footer' ? prompt.element : <Footer keys={over.slot === 'page' && over.footer === 'own' ? over : page} columns={size.columns} />}
		</Box>
	);
}
