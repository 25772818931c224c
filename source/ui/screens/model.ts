// The model `R` sends to, typed over the confirmation (a paste comes whole): Enter takes it when it
// reads owner/slug (remembered for the session), Esc leaves it as it was, Backspace and Ctrl+U edit.
import {Command} from '../../lib/commands.js';
import {bind, controller} from '../keymap.js';
import {ENTER, ESC, textEdits} from './common.js';

const edits = textEdits(
	(s) => s.actions().resubmit.draft?.modelText ?? '',
	(s, text) => s.actions().resubmitModelEdit(text),
);

export const MODEL = controller({
	title: 'model',
	help: false,
	commands: {
		[Command.Apply]: bind(ENTER, (s) => s.actions().resubmitModelApply()),
		[Command.Cancel]: bind(ESC, (s) => s.actions().resubmitModelCancel()),
		...edits.commands,
	},
	type: edits.type,
	hints: [
		{commands: [Command.Apply], description: 'take it', footer: true},
		{commands: [Command.Cancel], description: 'back', footer: true},
		{commands: [Command.Clear], description: 'clear', footer: true},
		{commands: [Command.Erase], description: 'erase'},
		{commands: [Command.Quit], description: 'quit'},
	],
});
