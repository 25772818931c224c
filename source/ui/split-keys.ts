// Keys that arrive together. Over SSH, typed-ahead and held keys reach stdin as one chunk
// ("jjjjj", "abc\r"), and Ink 6.8 hands such a run to useInput whole, as one `input`. Here a
// chunk becomes the single key presses it holds, in order, each with Ink-like `Key` flags.
// Ink 6.8 already hands escape sequences over one at a time; the splitter parses them anyway
// (any chunk in, keys out) so it does not depend on that.
import type {Key} from 'ink';

export interface KeyPress {
	/** The character typed ('j', 'G', ' '); the letter for Ctrl+letter ('c'); '' for a named key. */
	input: string;
	key: Key;
}

export const NO_KEY: Readonly<Key> = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

type Flag =
	'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';
/** The flags that name a key; with ctrl and meta, a press with none of them is a typed character. */
const NAMED: readonly Flag[] = [
	'upArrow',
	'downArrow',
	'leftArrow',
	'rightArrow',
	'pageUp',
	'pageDown',
	'home',
	'end',
	'return',
	'escape',
	'tab',
	'backspace',
	'delete',
];

const ESC = '\u001B';

const press = (input: string, flags: Partial<Key> = {}): KeyPress => ({input, key: {...NO_KEY, ...flags}});
/** A key we do not know (F1, Insert, a mouse report): every view ignores it (the help: any key). */
const unknown = (): KeyPress => press('');

/** xterm's CSI/SS3 letters: ESC [ A, ESC O A, ESC [ 1 ; 5 A. */
const LETTER: Readonly<Record<string, Flag>> = {A: 'upArrow', B: 'downArrow', C: 'rightArrow', D: 'leftArrow', H: 'home', F: 'end', Z: 'tab'};
/** rxvt's shifted (CSI) and ctrl'd (SS3) arrows: ESC [ a, ESC O a. */
const RXVT_ARROW: Readonly<Record<string, Flag>> = {a: 'upArrow', b: 'downArrow', c: 'rightArrow', d: 'leftArrow'};
/** ESC [ n ~ (vt220, rxvt, putty's ESC [ [ n ~). */
const TILDE: Readonly<Record<string, Flag>> = {1: 'home', 7: 'home', 4: 'end', 8: 'end', 5: 'pageUp', 6: 'pageDown', 3: 'delete'};

/** xterm's modifier parameter (1 + shift 1 + alt 2 + ctrl 4 + meta 8). */
function modifiers(parameter: string | undefined): Partial<Key> {
	const bits = Math.max(0, Number(parameter ?? '1') - 1) || 0;
	return {shift: (bits & 1) !== 0, meta: (bits & 10) !== 0, ctrl: (bits & 4) !== 0};
}

/** One CSI sequence (the part after ESC [, its final byte included) as a key. */
function csiKey(body: string): KeyPress {
	const final = body.at(-1) ?? '';
	// putty's ESC [ [ 5 ~ is PgUp; the Linux console's ESC [ [ A is F1.
	const putty = body.startsWith('[');
	const parameters = body.slice(putty ? 1 : 0, -1).split(';');
	if (LETTER[final] && !putty && (parameters[0] === '' || parameters[0] === '1')) {
		return press('', {...modifiers(parameters[1]), [LETTER[final]]: true, ...(final === 'Z' ? {shift: true} : {})});
	}

	if (RXVT_ARROW[final] && body.length === 1) return press('', {[RXVT_ARROW[final]]: true, shift: true});
	const named = TILDE[parameters[0] ?? ''];
	if (named && final === '~') return press('', {...modifiers(parameters[1]), [named]: true});
	if (named && final === '$') return press('', {[named]: true, shift: true});
	if (named && final === '^') return press('', {[named]: true, ctrl: true});
	return unknown();
}

/** One SS3 sequence's letter (ESC O x) as a key. */
function ss3Key(letter: string): KeyPress {
	if (LETTER[letter] && letter !== 'Z') return press('', {[LETTER[letter]]: true});
	if (RXVT_ARROW[letter]) return press('', {[RXVT_ARROW[letter]]: true, ctrl: true});
	return unknown();
}

/** One character that is not ESC: a control key or a typed character. */
function charKey(char: string): KeyPress {
	const code = char.codePointAt(0) ?? 0;
	if (char === '\r' || char === '\n') return press('', {return: true});
	if (char === '\t') return press('', {tab: true});
	if (char === '\b') return press('', {backspace: true});
	if (char === '\u007F') return press('', {delete: true});
	// Ctrl+letter (0x01–0x1a), Ctrl+space (NUL), Ctrl+\ ] ^ _ (0x1c–0x1f).
	if (code < 0x20) return press(code === 0 ? ' ' : String.fromCodePoint(code + (code <= 0x1a ? 0x60 : 0x40)).toLowerCase(), {ctrl: true});
	// C1 controls are no key anyone types.
	if (code >= 0x80 && code < 0xa0) return unknown();
	return press(char, {shift: /^[A-Z]$/.test(char)});
}

interface Parsed {
	press: KeyPress;
	/** Where the next key starts. */
	next: number;
}

/** A CSI (ESC [ …) or SS3 (ESC O x) sequence starting at `start` (its ESC), or undefined when there is none. */
function sequenceAt(chunk: string, start: number): Parsed | undefined {
	const kind = chunk[start + 1];
	if (kind === 'O' && start + 2 < chunk.length) return {press: ss3Key(chunk[start + 2]!), next: start + 3};
	if (kind !== '[') return undefined;
	let index = start + 2;
	if (chunk[index] === '[') index++;
	for (; index < chunk.length; index++) {
		const byte = chunk.codePointAt(index)!;
		// rxvt ends its shifted keys with '$' (ESC [ 7 $), a byte that is otherwise not a final one.
		if ((byte >= 0x40 && byte <= 0x7e) || byte === 0x24) {
			return {press: csiKey(chunk.slice(start + 2, index + 1)), next: index + 1};
		}

		// Not a parameter or intermediate byte: a broken sequence, taken up to here.
		if (byte < 0x20 || byte > 0x3f) return {press: unknown(), next: index};
	}

	return {press: unknown(), next: chunk.length};
}

/** The key at `start`: an escape sequence, Alt+key (ESC then the key), a lone Esc, or one character. */
function keyAt(chunk: string, start: number): Parsed {
	if (chunk[start] !== ESC) {
		const char = String.fromCodePoint(chunk.codePointAt(start)!);
		return {press: charKey(char), next: start + char.length};
	}

	const sequence = sequenceAt(chunk, start);
	if (sequence) return sequence;
	const after = chunk[start + 1];
	// Alt+arrow in some terminals: ESC ESC [ A.
	if (after === ESC) {
		const inner = sequenceAt(chunk, start + 1);
		if (inner) return {press: {...inner.press, key: {...inner.press.key, meta: true}}, next: inner.next};
	}

	// A lone Esc: at the end of the chunk, or before another Esc.
	if (after === undefined || after === ESC) return {press: press('', {escape: true, meta: true}), next: start + 1};
	// ESC and a character is Alt+that key, as terminals send it (and as Ink reads it).
	const alt = keyAt(chunk, start + 1);
	return {press: {...alt.press, key: {...alt.press.key, meta: true}}, next: alt.next};
}

/** Every key press a chunk of stdin holds, in order. */
export function splitKeys(chunk: string): KeyPress[] {
	const presses: KeyPress[] = [];
	for (let index = 0; index < chunk.length;) {
		const {press, next} = keyAt(chunk, index);
		presses.push(press);
		index = next;
	}

	return presses;
}

/** A typed character: no named key, no Ctrl, no Alt. A run of them in a prompt is one text. */
export function isTyped(press: KeyPress): boolean {
	return press.input !== '' && !press.key.ctrl && !press.key.meta && !NAMED.some((flag) => press.key[flag]);
}

/**
 * The presses behind what Ink's useInput reported. A key Ink recognised (an arrow, Enter alone,
 * Ctrl+C alone, Alt+key) is one press as Ink gave it; anything else is the raw run it handed over
 * whole ("jjjjj", "abc\r", "jj\u0003"), split here.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
	if (input === '' || key.ctrl || key.meta || NAMED.some((flag) => key[flag])) return [{input, key}];
	return splitKeys(input);
}
