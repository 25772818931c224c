// The batch screen's keys (one batch's items): moving, paging, the run of an item, failures, the
// filters and the order, the longest running item; Esc back to the job when watching one.
import {Command} from '../../lib/commands.js';
import {openExport} from '../../session/export-commands.js';
import {closeBatch} from '../../session/job-commands.js';
import {jumpToOldestRunning} from '../../session/oldest-running.js';
import {failureOnPage} from '../../session/page-failures.js';
import type {Scope} from '../../session/scope.js';
import {startResubmit} from '../../session/resubmit-commands.js';
import {bind, controller} from '../keymap.js';
import {DOWN, ENTER, ESC, FIRST, LAST, pageCommands, SCREEN_DOWN, SCREEN_UP, UP} from './common.js';

/** f/F go across pages in sequence order; under another order, within the page on screen (session/page-failures.ts). */
function failure(s: Scope, direction: 1 | -1): void {
	if (s.actions().list.order === 'sequence') s.afterTask(s.fetcher?.jumpToFailure(direction));
	else failureOnPage(s.store, direction);
}

export const LIST = controller({
	title: 'items',
	help: true,
	commands: {
		[Command.Back]: bind(ESC, closeBatch),
		[Command.MoveUp]: bind(UP, (s) => s.actions().move(-1)),
		[Command.MoveDown]: bind(DOWN, (s) => s.actions().move(1)),
		[Command.ScreenUp]: bind(SCREEN_UP, (s, {listRows}) => s.actions().move(-listRows)),
		[Command.ScreenDown]: bind(SCREEN_DOWN, (s, {listRows}) => s.actions().move(listRows)),
		[Command.First]: bind(FIRST, (s) => s.actions().moveTo('first')),
		[Command.Last]: bind(LAST, (s) => s.actions().moveTo('last')),
		[Command.NextPage]: bind([{input: 'n'}, {name: 'rightArrow', hint: false}], (s) => {
			s.actions().nextPage();
		}),
		[Command.PreviousPage]: bind([{input: 'p'}, {name: 'leftArrow', hint: false}], (s) => {
			s.actions().previousPage();
		}),
		[Command.OpenLogs]: bind(ENTER, (s) => {
			s.actions().openLogs();
		}),
		[Command.NextFailure]: bind([{input: 'f'}], (s) => failure(s, 1)),
		[Command.PreviousFailure]: bind([{input: 'F'}], (s) => failure(s, -1)),
		[Command.CycleFilter]: bind([{input: 's'}], (s) => s.actions().cycleStatusFilter()),
		[Command.FilterText]: bind([{input: '/'}], (s) => s.actions().openPrompt()),
		[Command.CycleOrder]: bind([{input: 'o'}], (s) => s.actions().cycleOrder()),
		[Command.Export]: bind([{input: 'x'}], openExport),
		[Command.OldestRunning]: bind([{input: 'L'}], (s) => s.afterTask(jumpToOldestRunning(s.store, s.fetcher?.goToItem?.bind(s.fetcher)))),
		[Command.Resubmit]: bind([{input: 'R'}], (s) => startResubmit(s, 'batch')),
		...pageCommands((s) => s.fetcher?.refresh()),
	},
	hints: [
		{commands: [Command.Back], description: 'job', help: 'back to the job (this batch stays selected)', footer: true, job: true},
		{commands: [Command.MoveUp, Command.MoveDown], description: 'move', help: 'move the selection', footer: true},
		{commands: [Command.ScreenUp, Command.ScreenDown], description: 'move by a screen'},
		{commands: [Command.First, Command.Last], description: 'first / last row'},
		{commands: [Command.NextPage, Command.PreviousPage], description: 'page', help: 'next / previous page', footer: true},
		{commands: [Command.OpenLogs], description: 'logs', help: "the selected item's logs", footer: true},
		{commands: [Command.NextFailure, Command.PreviousFailure], description: 'failure', help: 'next / previous failed item (across pages)', footer: true},
		{commands: [Command.CycleFilter], description: 'filter', help: 'filter by status: all, failed, running, queued, succeeded', footer: true},
		{commands: [Command.FilterText], description: 'find', help: 'filter by client ref (a substring; enter applies, esc cancels)', footer: true},
		{
			commands: [Command.CycleOrder],
			description: 'order',
			help: 'order: by sequence, most recently finished, longest running, most expensive',
			footer: true,
		},
		{
			commands: [Command.Export],
			description: 'export',
			help: 'write the items in view (the filters apply) to a file: .jsonl, or .csv; during an export, twice cancels it',
			footer: true,
		},
		{commands: [Command.OldestRunning], description: 'longest running', help: 'the item running longest (of the pages held; fetches its page)'},
		{commands: [Command.Resubmit], description: 'resubmit', help: "resubmit this batch's failed items as new batches (asks first)", footer: true},
		{commands: [Command.TogglePause], description: 'pause', help: 'pause / resume polling', footer: true},
		{commands: [Command.Refresh], description: 'refresh', help: 'refresh now', footer: true},
		{commands: [Command.Help], description: 'help', help: 'this help', footer: true},
		{commands: [Command.Quit], description: 'quit', footer: true},
	],
});
