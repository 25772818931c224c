// The run view's keys (Enter on an item): scrolling and following its lines, the search, the
// previous / next item's run, the view's toggles; Esc or ← back to the items.
import {Command} from '../../lib/commands.js';
import type {Scope} from '../../session/scope.js';
import {bind, controller} from '../keymap.js';
import {DOWN, ESC, FIRST, LAST, pageCommands, SCREEN_DOWN, SCREEN_UP, UP} from './common.js';

/** Within the page the store steps; at its edge the navigator crosses to the next page. */
function stepRun(s: Scope, delta: -1 | 1): void {
	if (s.actions().stepRun(delta) === 'beyond') s.afterTask(s.fetcher?.stepRunAcross(delta));
}

export const LOGS = controller({
	title: 'run and logs',
	help: true,
	commands: {
		[Command.MoveUp]: bind(UP, (s, {logRows}) => s.actions().scrollLogs(-1, logRows)),
		[Command.MoveDown]: bind(DOWN, (s, {logRows}) => s.actions().scrollLogs(1, logRows)),
		[Command.ScreenUp]: bind(SCREEN_UP, (s, {logRows}) => s.actions().scrollLogs(-logRows, logRows)),
		[Command.ScreenDown]: bind(SCREEN_DOWN, (s, {logRows}) => s.actions().scrollLogs(logRows, logRows)),
		[Command.First]: bind(FIRST, (s, {logRows}) => s.actions().scrollLogs(Number.NEGATIVE_INFINITY, logRows)),
		[Command.Follow]: bind(LAST, (s) => s.actions().followLogs()),
		[Command.ToggleFollow]: bind([{input: 's'}], (s, {logRows}) => s.actions().toggleFollow(logRows)),
		[Command.Search]: bind([{input: '/'}], (s) => s.actions().searchOpen()),
		[Command.NextHit]: bind([{input: 'n'}], (s, {logRows}) => s.actions().nextHit(1, logRows)),
		[Command.PreviousHit]: bind([{input: 'N'}], (s, {logRows}) => s.actions().nextHit(-1, logRows)),
		[Command.PreviousRun]: bind([{input: '['}], (s) => stepRun(s, -1)),
		[Command.NextRun]: bind([{input: ']'}], (s) => stepRun(s, 1)),
		[Command.ToggleTimestamps]: bind([{input: 't'}], (s) => s.actions().toggleTimestamps()),
		[Command.ToggleWrap]: bind([{input: 'w'}], (s) => s.actions().toggleWrap()),
		[Command.Back]: bind([...ESC, {name: 'leftArrow', hint: false}], (s) => s.actions().closeLogs()),
		...pageCommands((s) => s.fetcher?.refresh()),
	},
	// The footer drops entries from its end first (before help and quit): most useful first.
	hints: [
		{commands: [Command.Back], description: 'back', help: 'back to the items (the item shown stays selected)', footer: true},
		{commands: [Command.MoveUp, Command.MoveDown], description: 'scroll', help: 'scroll (above the first line held: older lines)', footer: true},
		{commands: [Command.Search], description: 'search', help: 'search the lines held (enter applies, esc cancels)', footer: true},
		{commands: [Command.NextHit, Command.PreviousHit], description: 'hit', help: 'next / previous hit', footer: true},
		{commands: [Command.PreviousRun, Command.NextRun], description: 'run', help: "previous / next item's run (across pages)", footer: true},
		{commands: [Command.ToggleFollow], description: 'follow', help: 'follow new lines on / off', footer: true},
		{commands: [Command.ToggleTimestamps], description: 'time', help: 'timestamps on / off', footer: true},
		{commands: [Command.ToggleWrap], description: 'wrap', help: 'wrap long lines / cut them at the edge', footer: true},
		{commands: [Command.ScreenUp, Command.ScreenDown], description: 'scroll by a screen'},
		{commands: [Command.First, Command.Follow], description: 'top/end', help: 'top (again: older lines) / the end, following'},
		{commands: [Command.TogglePause], description: 'pause', help: 'pause / resume polling'},
		{commands: [Command.Refresh], description: 'refresh'},
		{commands: [Command.Help], description: 'help', footer: true},
		{commands: [Command.Quit], description: 'quit', footer: true},
	],
});
