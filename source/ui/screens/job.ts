// The job screen's keys (several batches watched as one job): moving among the batches, their
// filter, Enter to open one, f/F to the next or previous failed item of the whole job.
import {Command} from '../../lib/commands.js';
import {openExport} from '../../session/export-commands.js';
import {jumpJobFailure, openBatch} from '../../session/job-commands.js';
import {startResubmit} from '../../session/resubmit-commands.js';
import {bind, controller} from '../keymap.js';
import {DOWN, ENTER, FIRST, LAST, pageCommands, SCREEN_DOWN, SCREEN_UP, UP} from './common.js';

export const JOB = controller({
	title: 'batches',
	help: 'job',
	commands: {
		[Command.MoveUp]: bind(UP, (s) => s.actions().jobMove(-1)),
		[Command.MoveDown]: bind(DOWN, (s) => s.actions().jobMove(1)),
		[Command.ScreenUp]: bind(SCREEN_UP, (s, {listRows}) => s.actions().jobMove(-listRows)),
		[Command.ScreenDown]: bind(SCREEN_DOWN, (s, {listRows}) => s.actions().jobMove(listRows)),
		[Command.First]: bind(FIRST, (s) => s.actions().jobMoveTo('first')),
		[Command.Last]: bind(LAST, (s) => s.actions().jobMoveTo('last')),
		[Command.OpenBatch]: bind(ENTER, openBatch),
		[Command.NextFailure]: bind([{input: 'f'}], (s) => jumpJobFailure(s, 1)),
		[Command.PreviousFailure]: bind([{input: 'F'}], (s) => jumpJobFailure(s, -1)),
		[Command.CycleFilter]: bind([{input: 's'}], (s) => s.actions().cycleJobFilter()),
		[Command.Export]: bind([{input: 'x'}], openExport),
		[Command.Resubmit]: bind([{input: 'R'}], (s) => startResubmit(s, 'job')),
		// `r`: every batch of the job once now.
		...pageCommands((s) => (s.job ? s.job.refreshJob() : s.fetcher?.refresh())),
	},
	hints: [
		{commands: [Command.MoveUp, Command.MoveDown], description: 'move', help: 'move the selection', footer: true},
		{commands: [Command.ScreenUp, Command.ScreenDown], description: 'move by a screen'},
		{commands: [Command.First, Command.Last], description: 'first / last batch'},
		{commands: [Command.OpenBatch], description: 'items', help: "the selected batch's items (esc comes back)", footer: true},
		{
			commands: [Command.NextFailure, Command.PreviousFailure],
			description: 'failure',
			help: 'next / previous failed item of the whole job, in its batch',
			footer: true,
		},
		{commands: [Command.CycleFilter], description: 'filter', help: 'filter batches: all, running, queued, with failures, finished', footer: true},
		{
			commands: [Command.Export],
			description: 'export',
			help: 'write every item of the batches in view (the filter applies) to a file: .jsonl, or .csv; during an export, twice cancels it',
			footer: true,
		},
		{commands: [Command.Resubmit], description: 'resubmit', help: 'resubmit the failed items of the whole job as new batches (asks first)', footer: true},
		{commands: [Command.TogglePause], description: 'pause', help: 'pause / resume polling', footer: true},
		{commands: [Command.Refresh], description: 'refresh', help: 'refresh every batch once now', footer: true},
		{commands: [Command.Help], description: 'help', help: 'this help', footer: true},
		{commands: [Command.Quit], description: 'quit', footer: true},
	],
});
