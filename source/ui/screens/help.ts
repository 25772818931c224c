// The help's keys: Esc, or any key, goes back to the screen it was opened on (what lies below it).
import {Command} from '../../lib/commands.js';
import {bind, controller} from '../keymap.js';
import {ESC, quitOnCtrlC} from './common.js';

export const HELP = controller({
	title: 'help',
	help: false,
	commands: {
		[Command.Back]: bind(ESC, (s) => s.actions().closeScreen('help')),
		...quitOnCtrlC,
	},
	anyKey: Command.Back,
	hints: [
		{commands: [Command.Back], description: 'back (or any key)', footer: true},
		{commands: [Command.Quit], description: 'quit'},
	],
});
