// The keys of a screen, as its record declares them (ui/screens/): each command with the keys
// that run it and the handler it runs, in one entry (lazygit's controllers), then the help words.
// The input handler resolves keys through the record of the screen on top; the footer, the `?`
// help and every text that names a key (keysFor) are written from it, never by hand.
import type {Key} from 'ink';
import type {Command} from '../lib/commands.js';
import type {Handler, TypeHandler} from '../session/scope.js';

export {Command} from '../lib/commands.js';

/** Named keys as Ink reports them (each is a boolean on Ink's `Key`). */
export type NamedKey =
	'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete';

export interface KeyBinding {
	/** A named key… */
	name?: NamedKey;
	/** …or the character typed (case-sensitive: 'g' and 'G' differ). */
	input?: string;
	ctrl?: boolean;
	/** false: left out of the footer's short form (still in the help). */
	hint?: boolean;
}

export interface Hint<C extends Command = Command> {
	/** The commands sharing one line of help (and one entry of the footer). */
	commands: readonly C[];
	/** The footer's word(s). */
	description: string;
	/** The help's longer text (default: description). */
	help?: string;
	/** Shown in the footer as well as the help. */
	footer?: boolean;
	/** Only when watching a job (several batches). */
	job?: boolean;
}

/** One command of a screen: the keys that run it and what it runs. */
export interface Binding {
	readonly keys: readonly KeyBinding[];
	readonly run: Handler;
}

export function bind(keys: readonly KeyBinding[], run: Handler): Binding {
	return {keys, run};
}

/** A screen's keys, whatever commands it binds (what the functions below read). */
export interface Keys {
	/** The help's heading for them ('keys · items'). */
	readonly title: string;
	readonly commands: Readonly<Partial<Record<Command, Binding>>>;
	/** Help lines, in order; the footer takes those marked `footer`. */
	readonly hints: readonly Hint[];
	/** Any key not bound runs this command (the help: any key goes back). */
	readonly anyKey?: Command;
	/** A prompt: a run of typed characters comes here as one text (a paste); its other keys are its commands. */
	readonly type?: TypeHandler;
	/** In the `?` help: always, only when watching a job, or not at all (the help itself, the prompts). */
	readonly help: boolean | 'job';
}

/**
 * The keys of a screen binding the commands C: each with its keys and its handler (a command
 * bound without one does not compile), and help lines naming only commands bound here.
 */
export type Controller<C extends Command> = Omit<Keys, 'commands' | 'hints' | 'anyKey'> & {
	readonly commands: {readonly [K in C]: Binding};
	readonly hints: readonly Hint<C>[];
	readonly anyKey?: C;
};

/** A screen's keys, C inferred from the commands bound (the hints may name only those); a prompt's typing kept as given. */
export function controller<C extends Command, T extends TypeHandler | undefined = undefined>(
	keys: Omit<Keys, 'commands' | 'hints' | 'anyKey' | 'type'> & {
		readonly commands: {readonly [K in C]: Binding};
		readonly hints: readonly Hint<NoInfer<C>>[];
		readonly anyKey?: NoInfer<C>;
		readonly type?: T;
	},
): Controller<C> & {readonly type: T} {
	return {...keys, type: keys.type as T};
}

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
	backspace: 'backspace',
	delete: 'delete',
};

/** How a key is written on screen: '↑', 'PgUp', 'enter', 'space', 'ctrl+c', 'G'. */
export function keyLabel(binding: KeyBinding): string {
	let label = binding.name ? NAMED_LABEL[binding.name] : binding.input === ' ' ? 'space' : (binding.input ?? '');
	if (binding.ctrl) label = `ctrl+${label}`;
	return label;
}

/** A single character that reads as a key on its own ('j', '?'), as opposed to a word ('PgUp', 'space'). */
const isGlyph = (label: string): boolean => [...label].length === 1;

function bindingsOf(keys: Pick<Keys, 'commands'>, hint: Hint): readonly KeyBinding[] {
	return hint.commands.flatMap((command) => keys.commands[command]?.keys ?? []);
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
export function hintKeys(keys: Pick<Keys, 'commands'>, hint: Hint, shortForm: boolean): string {
	const bindings = bindingsOf(keys, hint);
	const main = compact(bindings.filter((b) => b.hint !== false).map(keyLabel));
	if (shortForm) return main;
	const extra = compact(bindings.filter((b) => b.hint === false).map(keyLabel));
	return [main, extra].filter((part) => part !== '').join('/');
}

/**
 * The short keys of some commands of a screen, as the footer writes them ('↑↓/jk', 'n/p'): what
 * a text naming a key says. Only commands the screen binds compile.
 */
export function keysFor<C extends Command>(keys: {readonly commands: {readonly [K in C]: Binding}}, ...commands: NoInfer<C>[]): string {
	return hintKeys(keys as Pick<Keys, 'commands'>, {commands, description: ''}, true);
}

/** A letter that runs one of the commands ('k' of ↑/k), for a text with room for one key; else the short keys. */
export function letterFor<C extends Command>(keys: {readonly commands: {readonly [K in C]: Binding}}, command: NoInfer<C>): string {
	const bindings: readonly KeyBinding[] = keys.commands[command].keys;
	const letter = bindings.find((binding) => binding.input !== undefined && binding.input !== ' ' && !binding.ctrl && isGlyph(binding.input));
	return letter ? keyLabel(letter) : keysFor(keys, command);
}

export interface HintLine {
	keys: string;
	description: string;
}

/** The footer entries of a screen: 'keys description' pairs, in the record's order (`job`: watching a job). */
export function footerHints(keys: Keys, job = false): HintLine[] {
	return keys.hints.filter((h) => h.footer && (job || !h.job)).map((h) => ({keys: hintKeys(keys, h, true), description: h.description}));
}

/** The footer entries as words: 'enter apply', 'esc cancel' (a prompt's line). */
export function footerWords(keys: Keys, job = false): string[] {
	return footerHints(keys, job).map((h) => `${h.keys} ${h.description}`);
}

/** Every hint of a screen, with every key, for the help. */
export function helpHints(keys: Keys, job = false): HintLine[] {
	return keys.hints.filter((h) => job || !h.job).map((h) => ({keys: hintKeys(keys, h, false), description: h.help ?? h.description}));
}

export function matchesKey(binding: KeyBinding, input: string, key: Key): boolean {
	if (Boolean(binding.ctrl) !== key.ctrl) return false;
	if (binding.name) return key[binding.name];
	return binding.input === input;
}

/** The command a keypress means on a screen, or undefined. */
export function resolveCommand(keys: Keys, input: string, key: Key): Command | undefined {
	for (const [command, bound] of Object.entries(keys.commands) as [Command, Binding][]) {
		if (bound.keys.some((b) => matchesKey(b, input, key))) return command;
	}

	return keys.anyKey;
}
