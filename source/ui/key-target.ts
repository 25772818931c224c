// Where a key goes and what each command does, worked out from the store as the key is read
// (not from the last render): in a chunk of keys, one may open the run view or a prompt, and
// the next must act there.
import type {AppStore} from '../store/store.js';
import type {Controller} from './controller.js';
import {Command, type View} from './keymap.js';
import type {Size} from './layout.js';
import {isSearchTyping, selectLogBodyRows} from './log-selectors.js';
import {jumpToOldestRunning} from './glance-keys.js';
import {filterPromptKeys} from './prompt-keys.js';
import {searchPromptKeys} from './search-keys.js';
import {selectListRows} from './selectors.js';
import type {CommandHandlers, KeyTarget} from './use-keymap.js';

/** `helpFrom`: where '?' came from, so leaving the help goes back there. */
export function keyTarget(store: AppStore, controller: Controller, size: Size, helpFrom: {current: View}): KeyTarget {
	const state = store.getState();
	const {view} = state;
	if (view === 'list' && state.triage.prompt !== null) return {view, handlers: {}, prompt: filterPromptKeys(store, controller)};
	const logRows = selectLogBodyRows(state, size);
	if (isSearchTyping(state)) return {view, handlers: {}, prompt: searchPromptKeys(store, controller, logRows)};
	const listRows = selectListRows(state, size);
	return {view, handlers: handlersFor(store, controller, view, listRows, logRows, helpFrom)};
}

/** What each command does in a view: store actions and the controller. */
function handlersFor(store: AppStore, controller: Controller, view: View, listRows: number, logRows: number, helpFrom: {current: View}): CommandHandlers {
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
				[Command.OldestRunning]: () => jumpToOldestRunning(store),
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
}
