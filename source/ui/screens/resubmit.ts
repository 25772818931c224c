// `R`'s confirmation's keys: `y` sends what it shows; `c` narrows to the failures of one cause
// (the failures line's grouping, the largest first, then all again); `i` to the selected failed
// item alone (the batch screen); `m` the model; any other key cancels, nothing sent.
import {Command} from '../../lib/commands.js';
import {cancelResubmission, sendResubmission} from '../../session/resubmit-commands.js';
import {bind, controller} from '../keymap.js';
import {ESC, quitOnCtrlC} from './common.js';

export const RESUBMIT = controller({
	title: 'resubmit (R)',
	help: true,
	commands: {
		[Command.Send]: bind([{input: 'y'}], sendResubmission),
		[Command.CycleCause]: bind([{input: 'c'}], (s) => s.actions().resubmitCycleCause()),
		[Command.ToggleOnly]: bind([{input: 'i'}], (s) => s.actions().resubmitToggleOnly()),
		[Command.ChangeModel]: bind([{input: 'm'}], (s) => s.actions().resubmitModelOpen()),
		[Command.Cancel]: bind(ESC, cancelResubmission),
		...quitOnCtrlC,
	},
	anyKey: Command.Cancel,
	hints: [
		{commands: [Command.Send], description: 'send', help: 'send: create the new batches shown', footer: true},
		{
			commands: [Command.CycleCause],
			description: 'cause',
			help: "only the failures of one cause (the failures line's), then the next, then all",
			footer: true,
		},
		{commands: [Command.ToggleOnly], description: 'only this item', help: 'only the selected failed item (batch screen), or all', footer: true},
		{commands: [Command.ChangeModel], description: 'model', help: 'the model to send to (owner/slug)', footer: true},
		{commands: [Command.Cancel], description: 'cancel (any other key too)', help: 'cancel, nothing sent (any key not listed here too)', footer: true},
		{commands: [Command.Quit], description: 'quit'},
	],
});
