// `x`'s prompt's keys: the file's name typed (over the name offered it replaces it; a `.` first
// changes only its extension; a paste comes whole), Enter writes (again, over a file of that
// name, replaces it), Esc cancels, Backspace and Ctrl+U edit it.
import {Command} from '../../lib/commands.js';
import {submitExport} from '../../session/export-commands.js';
import type {TypeHandler} from '../../session/scope.js';
import {bind, controller} from '../keymap.js';
import {ENTER, ESC, textEdits} from './common.js';

// Backspace and Ctrl+U as in every prompt; typing is the prompt's own (over the name offered).
const edits = textEdits(
	(s) => s.actions().files.export.prompt?.text ?? null,
	(s, text) => s.actions().exportEdit(text),
);

/** Over the name offered, typing replaces it (a `.` first: its extension); else it goes after the text. */
const type: TypeHandler = (s, typed) => s.actions().exportType(typed);

export const EXPORT = controller({
	title: 'export',
	help: false,
	commands: {
		[Command.Apply]: bind(ENTER, submitExport),
		[Command.Cancel]: bind(ESC, (s) => s.actions().exportCancel()),
		...edits.commands,
	},
	type,
	hints: [
		{commands: [Command.Apply], description: 'write', footer: true},
		{commands: [Command.Cancel], description: 'cancel', footer: true},
		{commands: [Command.Clear], description: 'clear', footer: true},
		{commands: [Command.Erase], description: 'erase'},
		{commands: [Command.Quit], description: 'quit'},
	],
});
