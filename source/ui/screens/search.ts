// The run view's `/` prompt's keys: the text searched for typed (a paste comes whole), Enter
// searches the lines held, Esc cancels, Backspace and Ctrl+U edit it.
import {Command} from '../../lib/commands.js';
import {bind, controller} from '../keymap.js';
import {ENTER, ESC, textEdits} from './common.js';

const edits = textEdits(
	(s) => s.actions().logSearch.prompt,
	(s, text) => s.actions().searchEdit(text),
);

export const SEARCH = controller({
	title: 'search',
	help: false,
	commands: {
		[Command.Apply]: bind(ENTER, (s, {logRows}) => s.actions().searchSubmit(logRows)),
		[Command.Cancel]: bind(ESC, (s) => s.actions().searchCancel()),
		...edits.commands,
	},
	type: edits.type,
	hints: [
		{commands: [Command.Apply], description: 'search', footer: true},
		{commands: [Command.Cancel], description: 'cancel', footer: true},
		{commands: [Command.Clear], description: 'clear'},
		{commands: [Command.Erase], description: 'erase'},
		{commands: [Command.Quit], description: 'quit'},
	],
});
