// The list's `/` prompt's keys: the client_ref filter typed (a paste comes whole), Enter applies
// it, Esc cancels, Backspace and Ctrl+U edit it.
import {Command} from '../../lib/commands.js';
import {bind, controller} from '../keymap.js';
import {ENTER, ESC, textEdits} from './common.js';

const edits = textEdits(
	(s) => s.actions().triage.prompt,
	(s, text) => s.actions().editPrompt(text),
);

export const FILTER = controller({
	title: 'find',
	help: false,
	commands: {
		[Command.Apply]: bind(ENTER, (s) => s.actions().closePrompt(true)),
		[Command.Cancel]: bind(ESC, (s) => s.actions().closePrompt(false)),
		...edits.commands,
	},
	type: edits.type,
	hints: [
		{commands: [Command.Apply], description: 'apply', footer: true},
		{commands: [Command.Cancel], description: 'cancel', footer: true},
		{commands: [Command.Clear], description: 'clear', footer: true},
		{commands: [Command.Erase], description: 'erase'},
		{commands: [Command.Quit], description: 'quit'},
	],
});
