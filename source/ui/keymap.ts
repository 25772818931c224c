// The one keymap: every key of every view is declared here, once. The input handler
// resolves keys through it, and the footer and the `?` help are rendered from it.
// Modelled on gemini-cli's keyBindings: a Command enum, bindings per command, matchers.
import type {Key} from 'ink';
import {Command} from '../lib/commands.js';
import type {View} from '../store/state.js';

export {Command} from '../lib/commands.js';

export type {View} from '../store/state.js';

/** Named keys as Ink reports them (each is a boolean on Ink's `Key`). */
export type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape';

export interface KeyBinding {
	/** A named key… */
	name?: NamedKey;
	/** …or the character typed (case-sensitive: 'g' and 'G' differ). */
	input?: string;
	ctrl?: boolean;
	/** false: left out of the footer's short form (still in the help). */
	hint?: boolean;
}

export interface Hint {
	/** The commands sharing one line of help (and one entry of the footer). */
	commands: readonly Command[];
	/** The footer's word(s). */
	description: string;
	/** The help's longer text (default: description). */
	help?: string;
	/** Shown in the footer as well as the help. */
	footer?: boolean;
	/** Only when watching a job (several batches). */
	job?: boolean;
}

export interface ViewKeymap {
	title: string;
	bindings: Readonly<Partial<Record<Command, readonly KeyBinding[]>>>;
	/** Help lines, in order; the footer takes those marked `footer`. */
	hints: readonly Hint[];
	/** Any key not bound runs this command (the help view: any key goes back). */
	anyKey?: Command;
}

const quit: readonly KeyBinding[] = [{input: 'q'}, {input: 'c', ctrl: true, hint: false}];
/** Up, down, by a screen, to the top: the same keys in the list and the run view. */
const moves = {
	[Command.MoveUp]: [{name: 'upArrow'}, {input: 'k'}],
	[Command.MoveDown]: [{name: 'downArrow'}, {input: 'j'}],
	[Command.ScreenUp]: [{name: 'pageUp'}],
	[Command.ScreenDown]: [{name: 'pageDown'}],
	[Command.First]: [{input: 'g'}, {name: 'home', hint: false}],
} as const satisfies Partial<Record<Command, readonly KeyBinding[]>>;
const pause: readonly KeyBinding[] = [{input: ' '}];
const refresh: readonly KeyBinding[] = [{input: 'r'}];

export const KEYMAPS: Readonly<Record<View, ViewKeymap>> = {
	job: {
		title: 'batches',
		bindings: {
			...moves,
			[Command.Last]: [{input: 'G'}, {name: 'end', hint: false}],
			[Command.OpenBatch]: [{name: 'return'}],
			[Command.NextFailure]: [{input: 'f'}],
			[Command.PreviousFailure]: [{input: 'F'}],
			[Command.CycleFilter]: [{input: 's'}],
			[Command.TogglePause]: pause,
			[Command.Refresh]: refresh,
			[Command.Help]: [{input: '?'}],
			[Command.Quit]: quit,
		},
		hints: [
			{commands: [Command.MoveUp, Command.MoveDown], description: 'move', help: 'move the selection', footer: true},
			{commands: [Command.ScreenUp, Command.ScreenDown], description: 'move by a screen'},
			{commands: [Command.First, Command.Last], description: 'first / last batch'},
			{commands: [Command.OpenBatch], description: 'items', help: "the selected batch's items (esc comes back)", footer: true},
			{commands: [Command.NextFailure, Command.PreviousFailure], description: 'failure', help: 'next / previous failed item of the whole job, in its batch', footer: true},
			{commands: [Command.CycleFilter], description: 'filter', help: 'filter batches: all, running, queued, with failures, finished', footer: true},
			{commands: [Command.TogglePause], description: 'pause', help: 'pause / resume polling', footer: true},
			{commands: [Command.Refresh], description: 'refresh', help: 'refresh every batch once now', footer: true},
			{commands: [Command.Help], description: 'help', help: 'this help', footer: true},
			{commands: [Command.Quit], description: 'quit', footer: true},
		],
	},
	list: {
		title: 'items',
		bindings: {
			...moves,
			[Command.Last]: [{input: 'G'}, {name: 'end', hint: false}],
			[Command.NextPage]: [{input: 'n'}, {name: 'rightArrow', hint: false}],
			[Command.PreviousPage]: [{input: 'p'}, {name: 'leftArrow', hint: false}],
			[Command.OpenLogs]: [{name: 'return'}],
			[Command.Back]: [{name: 'escape'}],
			[Command.NextFailure]: [{input: 'f'}],
			[Command.PreviousFailure]: [{input: 'F'}],
			[Command.CycleFilter]: [{input: 's'}],
			[Command.FilterText]: [{input: '/'}],
			[Command.CycleOrder]: [{input: 'o'}],
			[Command.OldestRunning]: [{input: 'L'}],
			[Command.TogglePause]: pause,
			[Command.Refresh]: refresh,
			[Command.Help]: [{input: '?'}],
			[Command.Quit]: quit,
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
			{commands: [Command.CycleOrder], description: 'order', help: 'order: by sequence, most recently finished, longest running, most expensive', footer: true},
			{commands: [Command.OldestRunning], description: 'longest running', help: 'the item running longest (of the pages held; fetches its page)'},
			{commands: [Command.TogglePause], description: 'pause', help: 'pause / resume polling', footer: true},
			{commands: [Command.Refresh], description: 'refresh', help: 'refresh now', footer: true},
			{commands: [Command.Help], description: 'help', help: 'this help', footer: true},
			{commands: [Command.Quit], description: 'quit', footer: true},
		],
	},
	logs: {
		title: 'run and logs',
		bindings: {
			...moves,
			[Command.Follow]: [{input: 'G'}, {name: 'end', hint: false}],
			[Command.ToggleFollow]: [{input: 's'}],
			[Command.Search]: [{input: '/'}],
			[Command.NextHit]: [{input: 'n'}],
			[Command.PreviousHit]: [{input: 'N'}],
			[Command.PreviousRun]: [{input: '['}],
			[Command.NextRun]: [{input: ']'}],
			[Command.ToggleTimestamps]: [{input: 't'}],
			[Command.ToggleWrap]: [{input: 'w'}],
			[Command.Back]: [{name: 'escape'}, {name: 'leftArrow', hint: false}],
			[Command.TogglePause]: pause,
			[Command.Refresh]: refresh,
			[Command.Help]: [{input: '?'}],
			[Command.Quit]: quit,
		},
		// The footer drops entries from its end first (before help and quit): most useful first.
		hints: [
			{commands: [Command.Back], description: 'back', help: 'back to the items (the item shown stays selected)', footer: true},
			{commands: [Command.MoveUp, Command.MoveDown], description: 'scroll', help: 'scroll (above the first line held: older lines)', footer: true},
			{commands: [Command.Search], description: 'search', help: 'search the lines held (enter applies, esc cancels)', footer: true},
			{commands: [Command.NextHit, Command.PreviousHit], description: 'hit', help: 'next / previous hit', footer: true},
			{commands: [Command.PreviousRun, Command.NextRun], description: 'run', help: "previous / next item's run (across pages)", footer: true},
			{commands: [Command.ToggleFollow], description: 'follow', help: 'follow new lines on / off', footer: true},
			{commands: [Command.ToggleTimestamps], description: 'time', help: 'timestamps on / off', footer: true},
			{commands: [Command.ToggleWrap], description: 'wrap', help: 'wrap long lines / cut them at the edge', footer: true},
			{commands: [Command.ScreenUp, Command.ScreenDown], description: 'scroll by a screen'},
			{commands: [Command.First, Command.Follow], description: 'top/end', help: 'top (again: older lines) / the end, following'},
			{commands: [Command.TogglePause], description: 'pause', help: 'pause / resume polling'},
			{commands: [Command.Refresh], description: 'refresh'},
			{commands: [Command.Help], description: 'help', footer: true},
			{commands: [Command.Quit], description: 'quit', footer: true},
		],
	},
	help: {
		title: 'help',
		bindings: {
			[Command.Quit]: [{input: 'c', ctrl: true}],
			[Command.Back]: [{name: 'escape'}],
		},
		hints: [
			{commands: [Command.Back], description: 'back (or any key)', footer: true},
		],
		anyKey: Command.Back,
	},
};

const NAMED_LABEL: Readonly<Record<NamedKey, string>> = {
	upArrow: '↑',
	downArrow: '↓',
	leftArrow: '←',
	rightArrow: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'enter',
	escape: 'esc',
};

/** How a key is written on screen: '↑', 'PgUp', 'enter', 'space', 'ctrl+c', 'G'. */
export function keyLabel(binding: KeyBinding): string {
	let label = binding.name ? NAMED_LABEL[binding.name] : binding.input === ' ' ? 'space' : binding.input ?? '';
	if (binding.ctrl) label = `ctrl+${label}`;
	return label;
}

/** A single character that reads as a key on its own ('j', '?'), as opposed to a word ('PgUp', 'space'). */
const isGlyph = (label: string): boolean => [...label].length === 1;

function bindingsOf(keymap: ViewKeymap, hint: Hint): KeyBinding[] {
	return hint.commands.flatMap((command) => keymap.bindings[command] ?? []);
}

const isArrow = (label: string): boolean => label.length === 1 && '↑↓←→'.includes(label);

/** Arrows run together, then letters ('↑↓/jk'); letters alone are slashed ('n/p'), and so are words ('PgUp/PgDn'). */
function compact(labels: string[]): string {
	const arrows = labels.filter(isArrow);
	const letters = labels.filter((l) => isGlyph(l) && !isArrow(l)).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b));
	const words = labels.filter((l) => !isGlyph(l));
	const parts: string[] = [];
	if (arrows.length > 0) {
		parts.push(arrows.join(''));
		if (letters.length > 0) parts.push(letters.join(''));
	} else {
		parts.push(...letters);
	}

	parts.push(...words);
	return parts.join('/');
}

/**
 * The keys of a hint: the short form ('↑↓/jk', 'n/p') leaves out keys marked hint:false; the
 * full form adds them after it ('n/p/→←', 'q/ctrl+c').
 */
export function hintKeys(keymap: ViewKeymap, hint: Hint, shortForm: boolean): string {
	const bindings = bindingsOf(keymap, hint);
	const main = compact(bindings.filter((b) => b.hint !== false).map(keyLabel));
	if (shortForm) return main;
	const extra = compact(bindings.filter((b) => b.hint === false).map(keyLabel));
	return [main, extra].filter((part) => part !== '').join('/');
}

/** The short keys of some commands of a view, as the footer writes them ('↑↓/jk', 'n/p'). */
export function keysFor(view: View, ...commands: Command[]): string {
	return hintKeys(KEYMAPS[view], {commands, description: ''}, true);
}

export interface HintLine {
	keys: string;
	description: string;
}

/** The footer entries of a view: 'keys description' pairs, in keymap order (`job`: watching a job). */
export function footerHints(view: View, job = false): HintLine[] {
	const keymap = KEYMAPS[view];
	return keymap.hints.filter((h) => h.footer && (job || !h.job)).map((h) => ({keys: hintKeys(keymap, h, true), description: h.description}));
}

/** Every hint of a view, with every key, for the help. */
export function helpHints(view: View, job = false): HintLine[] {
	const keymap = KEYMAPS[view];
	return keymap.hints.filter((h) => job || !h.job).map((h) => ({keys: hintKeys(keymap, h, false), description: h.help ?? h.description}));
}

export function matchesKey(binding: KeyBinding, input: string, key: Key): boolean {
	if (Boolean(binding.ctrl) !== key.ctrl) return false;
	if (binding.name) return key[binding.name];
	return binding.input === input;
}

/** The command a keypress means in a view, or undefined. */
export function resolveCommand(view: View, input: string, key: Key): Command | undefined {
	const keymap = KEYMAPS[view];
	for (const [command, bindings] of Object.entries(keymap.bindings) as [Command, readonly KeyBinding[]][]) {
		if (bindings.some((b) => matchesKey(b, input, key))) return command;
	}

	return keymap.anyKey;
}
