// The keymap: every screen's record (ui/screens/) drives its keys, its footer and the help; every
// check here runs over every screen, prompts included.
import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {SCREEN_KINDS, type ScreenName} from '../../source/store/stack.js';
import {bind, Command, controller, keyLabel, keysFor, resolveCommand} from '../../source/ui/keymap.js';
import {SCREENS, type ScreenRecord} from '../../source/ui/screens/index.js';
import {LIST} from '../../source/ui/screens/list.js';
import {footerText, helpLines} from '../../source/ui/selectors.js';
import {NO_KEY} from '../../source/ui/split-keys.js';

const noKey: Key = NO_KEY;

const every = Object.entries(SCREENS) as [ScreenName, ScreenRecord][];
const all = Object.values(SCREENS);

describe('keymap', () => {
	test('the list footer reads as designed', () => {
		expect(footerText(SCREENS.list)).toBe(
			'↑↓/jk move  n/p page  enter logs  f/F failure  s filter  / find  o order  x export  R resubmit  space pause  r refresh  ? help  q quit',
		);
	});

	test("every screen of the stack has a record, a prompt one that takes typed text or every key as its own (R's confirmation)", () => {
		expect(Object.keys(SCREENS).sort()).toEqual(Object.keys(SCREEN_KINDS).sort());
		for (const [name, screen] of every) {
			expect(typeof screen.component, name).toBe('function');
			if (SCREEN_KINDS[name] === 'prompt') {
				expect(typeof screen.type === 'function' || screen.anyKey !== undefined, name).toBe(true);
				expect(['footer', 'page'], name).toContain(screen.slot);
			} else {
				expect(screen.type, name).toBeUndefined();
				expect(screen.slot, name).toBeUndefined();
			}
		}
	});

	test('no key means two commands on one screen', () => {
		for (const [name, screen] of every) {
			const seen = new Map<string, string>();
			for (const [command, bound] of Object.entries(screen.commands)) {
				for (const binding of bound?.keys ?? []) {
					const label = keyLabel(binding);
					expect(seen.get(label), `${name}: ${label}`).toBeUndefined();
					seen.set(label, command);
				}
			}
		}
	});

	test('every bound command has keys and a handler, is in the help words, and every command in them is bound', () => {
		for (const [name, screen] of every) {
			const hinted = new Set(screen.hints.flatMap((h) => h.commands));
			expect(new Set(Object.keys(screen.commands)), name).toEqual(hinted);
			for (const command of hinted) {
				expect(screen.commands[command]?.keys.length, `${name}: ${command}`).toBeGreaterThan(0);
				expect(typeof screen.commands[command]?.run, `${name}: ${command} has no handler`).toBe('function');
			}

			if (screen.anyKey) expect(screen.commands[screen.anyKey], name).toBeDefined();
		}
	});

	test('the compiler refuses a bound command without a handler, and help words naming a command not bound', () => {
		// @ts-expect-error: Quit is bound to a key and runs nothing.
		controller({title: 'x', help: false, commands: {[Command.Quit]: {keys: [{input: 'q'}]}}, hints: [{commands: [Command.Quit], description: 'quit'}]});
		const quitOnly = {[Command.Quit]: bind([{input: 'q'}], () => {})};
		// @ts-expect-error: the hint names Help, which the screen does not bind.
		controller({title: 'x', help: false, commands: quitOnly, hints: [{commands: [Command.Help], description: 'help'}]});
		// @ts-expect-error: the list binds no OpenBatch: no text may name its keys.
		keysFor(LIST, Command.OpenBatch);
		// @ts-expect-error: a screen without a component.
		const noComponent: ScreenRecord = {...LIST};
		expect(noComponent.title).toBe('items');
	});

	test('keys resolve to commands per screen; the help goes back on any key; a prompt takes its keys, not typed text', () => {
		expect(resolveCommand(SCREENS.list, 'j', noKey)).toBe(Command.MoveDown);
		expect(resolveCommand(SCREENS.list, '', {...noKey, downArrow: true})).toBe(Command.MoveDown);
		expect(resolveCommand(SCREENS.list, 'G', {...noKey, shift: true})).toBe(Command.Last);
		expect(resolveCommand(SCREENS.logs, 'G', {...noKey, shift: true})).toBe(Command.Follow);
		expect(resolveCommand(SCREENS.list, 'c', {...noKey, ctrl: true})).toBe(Command.Quit);
		expect(resolveCommand(SCREENS.list, 'c', noKey)).toBeUndefined();
		// Esc on a batch's items goes back to the job (when watching one: the handler knows).
		expect(resolveCommand(SCREENS.list, '', {...noKey, escape: true})).toBe(Command.Back);
		expect(resolveCommand(SCREENS.job, '', {...noKey, return: true})).toBe(Command.OpenBatch);
		expect(resolveCommand(SCREENS.job, 'z', noKey)).toBeUndefined();
		expect(resolveCommand(SCREENS.job, 'x', noKey)).toBe(Command.Export);
		expect(resolveCommand(SCREENS.list, 'x', noKey)).toBe(Command.Export);
		expect(resolveCommand(SCREENS.logs, '', {...noKey, escape: true})).toBe(Command.Back);
		expect(resolveCommand(SCREENS.help, 'z', noKey)).toBe(Command.Back);
		expect(resolveCommand(SCREENS.help, 'c', {...noKey, ctrl: true})).toBe(Command.Quit);
		for (const prompt of [SCREENS.filter, SCREENS.search, SCREENS.export]) {
			expect(resolveCommand(prompt, '', {...noKey, return: true})).toBe(Command.Apply);
			expect(resolveCommand(prompt, '', {...noKey, escape: true})).toBe(Command.Cancel);
			expect(resolveCommand(prompt, '', {...noKey, backspace: true})).toBe(Command.Erase);
			expect(resolveCommand(prompt, '', {...noKey, delete: true})).toBe(Command.Erase);
			expect(resolveCommand(prompt, 'u', {...noKey, ctrl: true})).toBe(Command.Clear);
			expect(resolveCommand(prompt, 'c', {...noKey, ctrl: true})).toBe(Command.Quit);
			expect(resolveCommand(prompt, 'q', noKey)).toBeUndefined();
			expect(resolveCommand(prompt, '', {...noKey, upArrow: true})).toBeUndefined();
		}
	});

	test("the help lists every key of the list and the run view (and the job's when watching one), and is cut to fit a short terminal", () => {
		const text = (job: boolean) =>
			helpLines({columns: 80, rows: 80}, job, all)
				.map((l) => l.text)
				.join('\n');
		for (const label of ['↑↓/jk', 'PgUp/PgDn', 'g/G/Home/End', 'n/p/→←', 'enter', 'space', 'q/ctrl+c', 'esc/←']) {
			expect(text(false)).toContain(label);
		}

		const headings = (job: boolean) =>
			helpLines({columns: 80, rows: 80}, job, all)
				.filter((l) => l.heading)
				.map((l) => l.text);
		expect(headings(false)).toEqual(['keys · items', 'keys · run and logs', 'keys · resubmit (R)']);
		expect(headings(true)).toEqual(['keys · batches', 'keys · items', 'keys · run and logs', 'keys · resubmit (R)']);
		expect(text(true)).toContain('back to the job (this batch stays selected)');
		expect(text(false)).not.toContain('back to the job');

		const short = helpLines({columns: 60, rows: 12}, false, all);
		expect(short).toHaveLength(9);
		expect(short.at(-1)?.text).toContain('…');
	});
});

describe('footer on a narrow terminal', () => {
	test('drops entries from the right but keeps help and quit', () => {
		expect(footerText(SCREENS.list, 60)).toBe('↑↓/jk move  n/p page  enter logs  ? help  q quit');
		expect(footerText(SCREENS.list, 80)).toBe('↑↓/jk move  n/p page  enter logs  f/F failure  s filter  / find  ? help  q quit');
	});
});
