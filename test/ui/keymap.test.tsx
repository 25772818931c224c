// The keymap: one declaration drives the keys, the footer and the help.
import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {Command, KEYMAPS, keyLabel, resolveCommand, type View} from '../../source/ui/keymap.js';
import {footerText, helpLines} from '../../source/ui/selectors.js';

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
	home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
	backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

describe('keymap', () => {
	test('the list footer reads as designed', () => {
		expect(footerText('list')).toBe('↑↓/jk move  n/p page  enter logs  f/F failure  s filter  / find  o order  space pause  r refresh  ? help  q quit');
	});

	test('no key means two commands in one view', () => {
		for (const view of ['list', 'logs', 'help'] as View[]) {
			const seen = new Map<string, Command>();
			for (const [command, bindings] of Object.entries(KEYMAPS[view].bindings)) {
				for (const binding of bindings ?? []) {
					const label = keyLabel(binding);
					expect(seen.get(label), `${view}: ${label}`).toBeUndefined();
					seen.set(label, command as Command);
				}
			}
		}
	});

	test('every bound command is in the help, and every command in the help is bound', () => {
		for (const view of ['list', 'logs', 'help'] as View[]) {
			const keymap = KEYMAPS[view];
			const hinted = new Set(keymap.hints.flatMap((h) => h.commands));
			expect(new Set(Object.keys(keymap.bindings))).toEqual(view === 'help' ? new Set([Command.Back, Command.Quit]) : hinted);
			for (const command of hinted) expect(keymap.bindings[command]?.length).toBeGreaterThan(0);
		}
	});

	test('keys resolve to commands per view; the help view goes back on any key', () => {
		expect(resolveCommand('list', 'j', noKey)).toBe(Command.MoveDown);
		expect(resolveCommand('list', '', {...noKey, downArrow: true})).toBe(Command.MoveDown);
		expect(resolveCommand('list', 'G', {...noKey, shift: true})).toBe(Command.Last);
		expect(resolveCommand('logs', 'G', {...noKey, shift: true})).toBe(Command.Follow);
		expect(resolveCommand('list', 'c', {...noKey, ctrl: true})).toBe(Command.Quit);
		expect(resolveCommand('list', 'c', noKey)).toBeUndefined();
		// Esc on a batch's items goes back to the job (when watching one: the session knows).
		expect(resolveCommand('list', '', {...noKey, escape: true})).toBe(Command.Back);
		expect(resolveCommand('job', '', {...noKey, return: true})).toBe(Command.OpenBatch);
		expect(resolveCommand('job', 'x', noKey)).toBeUndefined();
		expect(resolveCommand('logs', '', {...noKey, escape: true})).toBe(Command.Back);
		expect(resolveCommand('help', 'z', noKey)).toBe(Command.Back);
		expect(resolveCommand('help', 'c', {...noKey, ctrl: true})).toBe(Command.Quit);
	});

	test('the help lists every key of both views, and is cut to fit a short terminal', () => {
		const all = helpLines({columns: 80, rows: 40}).map((l) => l.text).join('\n');
		for (const label of ['↑↓/jk', 'PgUp/PgDn', 'g/G/Home/End', 'n/p/→←', 'enter', 'space', 'q/ctrl+c', 'esc/←']) {
			expect(all).toContain(label);
		}

		const short = helpLines({columns: 60, rows: 12});
		expect(short).toHaveLength(9);
		expect(short.at(-1)?.text).toContain('…');
	});
});

describe('footer on a narrow terminal', () => {
	test('drops entries from the right but keeps help and quit', () => {
		expect(footerText('list', 60)).toBe('↑↓/jk move  n/p page  enter logs  ? help  q quit');
		expect(footerText('list', 80)).toBe('↑↓/jk move  n/p page  enter logs  f/F failure  s filter  / find  ? help  q quit');
	});
});
