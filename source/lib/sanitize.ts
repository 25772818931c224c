// The one gate every piece of untrusted API text passes before it reaches the terminal.
//
// Choices (kept consistent across both functions):
// - Escape sequences are removed entirely: CSI (ESC [ … final), OSC (ESC ] … BEL | ESC \ | 0x9C,
//   OSC 8 hyperlinks included: their visible text stays, the URL goes), DCS/SOS/PM/APC
//   (ESC P|X|^|_ … ST), two-char ESC sequences (ESC 7, ESC ( B, …) and the 8-bit C1 forms
//   (0x9B CSI, 0x9D OSC, 0x90 DCS, 0x98 SOS, 0x9E PM, 0x9F APC). CAN/SUB abort a sequence and
//   are swallowed with it. An unterminated sequence is dropped to the end of the input.
// - Every other C0 control, DEL and C1 control is REPLACED by the visible marker '\uFFFD' ('�'),
//   as is a lone surrogate. Nothing is silently merged: the reader sees something was there.
// - Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are REMOVED.
// - Line breaks: \n, \r\n, a lone \r, U+2028 and U+2029. `sanitizeLines` splits on them;
//   `sanitize` turns each into ONE space (\r\n is one break). A carriage return therefore never
//   rewinds and no text can overwrite what came before it.
// - Tabs expand to spaces up to the next tab stop (default every 4 columns).
// - Text is cut to `maxColumns` terminal columns (default 500) with a trailing '…' when anything
//   was cut. Wide characters (CJK, emoji, ZWJ sequences) are kept; callers truncate further.
// - Long input is cheap: `sanitize` reads only the first `maxColumns × 8 + 256` code units, so
//   a 100 KB line costs what a short one does. `sanitizeLines` keeps that much per line, stops
//   reading once it has its lines, and never reads past 4 Mi code units. Cuts never split a
//   surrogate pair.
// - Idempotent: sanitize(sanitize(x)) === sanitize(x), and the same for each line of sanitizeLines.

import {fitPrefix, truncate, truncateWithEllipsis} from './format.js';

export interface SanitizeOptions {
	maxColumns?: number;
	tabWidth?: number;
}

export interface SanitizeLinesOptions extends SanitizeOptions {
	maxLines?: number;
}

const DEFAULT_MAX_COLUMNS = 500;
const DEFAULT_TAB_WIDTH = 4;
const DEFAULT_MAX_LINES = 1000;
const MARKER = '\uFFFD';

/** Every escape sequence, in its 7-bit and 8-bit forms; an unterminated one runs to the end. */
const SEQUENCE = new RegExp(
	[
		// CSI: parameters and intermediates, then a final byte (or an aborting CAN/SUB).
		// A malformed one ends before the odd char, which is then handled as text.
		String.raw`(?:\x1B\[|\x9B)[\x20-\x3F]*[\x40-\x7E\x18\x1A]?`,
		// OSC, DCS, SOS, PM, APC: a payload up to BEL, ST (ESC \ or 0x9C) or an aborting CAN/SUB.
		// Any other ESC ends the payload and starts a sequence of its own.
		String.raw`(?:\x1B[\]PX^_]|[\x90\x98\x9D\x9E\x9F])[^\x07\x9C\x18\x1A\x1B]*(?:[\x07\x9C\x18\x1A]|\x1B\\)?`,
		// Any other ESC sequence: intermediates, then a final (ESC 7, ESC ( B, ESC c); or a lone ESC.
		String.raw`\x1B[\x20-\x2F]*[\x30-\x7E]?`,
	].join('|'),
	'g',
);

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

/** A sequence or a line break, for walking multi-line text. */
const TOKEN = new RegExp(`${SEQUENCE.source}|${LINE_BREAK.source}`, 'g');

/** sanitizeLines reads at most this many code units of its input. */
const MAX_LINES_INPUT = 4 * 1024 * 1024;

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Bidi controls (removed); C0 but tab, DEL, C1 and lone surrogates (marked). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\u0000-\u0008\u000A-\u001F\u007F-\u009F]|\p{Surrogate}/gu;

/** Code units of a line we read at most, for a column limit. */
const rawBudget = (maxColumns: number): number => maxColumns * 8 + 256;

/** Code units of a line we keep at most: below rawBudget, so a second pass reads it whole. */
const outputBudget = (maxColumns: number): number => maxColumns * 8 + 128;

/** Untrusted value → text: strings as they are, numbers/booleans through String, objects as JSON. */
export function toText(value: unknown): string {
	switch (typeof value) {
		case 'string': {
			return value;
		}

		case 'number':
		case 'boolean':
		case 'bigint': {
			return String(value);
		}

		case 'symbol': {
			return value.toString();
		}

		case 'object': {
			if (value === null) {
				return '';
			}

			if (value instanceof Error) {
				return `${value.name}: ${value.message}`;
			}

			try {
				return JSON.stringify(value) ?? '';
			} catch {
				return '[unprintable object]';
			}
		}

		default: {
			return ''; // undefined, functions
		}
	}
}

/** The first `limit` code units of a longer `text`, one fewer when that would split a surrogate pair. */
export function cutUnits(text: string, limit: number): string {
	let end = Math.floor(limit);
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd8_00 && code <= 0xdb_ff) {
		end--;
	}

	return text.slice(0, end);
}

/** At most `limit` code units, never splitting a surrogate pair. */
function cutInput(text: string, limit: number): {text: string; cut: boolean} {
	if (text.length <= limit) {
		return {text, cut: false};
	}

	return {text: cutUnits(text, limit), cut: true};
}

/**
 * One line with sequences and line breaks already gone → safe and within `maxColumns`:
 * bidi removed, controls marked, tabs expanded, '…' when anything was cut.
 */
function finishLine(line: string, options: {tabWidth: number; maxColumns: number}, alreadyCut: boolean): string {
	const {tabWidth, maxColumns} = options;
	let text = line.replace(UNSAFE, (character) => (BIDI.test(character) ? '' : MARKER));
	if (text.includes('\t')) {
		let out = '';
		let column = 0;
		for (const [index, part] of text.split('\t').entries()) {
			if (index > 0) {
				const spaces = tabWidth - (column % tabWidth);
				out += ' '.repeat(spaces);
				column += spaces;
			}

			if (column > maxColumns) {
				break; // the rest cannot be shown; truncation below adds the '…'
			}

			out += part;
			column += fitPrefix(part, Number.POSITIVE_INFINITY).width;
		}

		text = out;
	}

	const kept = Number.isFinite(maxColumns) ? cutInput(text, outputBudget(maxColumns)) : {text, cut: false};
	if (!kept.cut && !alreadyCut) {
		return Number.isFinite(maxColumns) ? truncate(text, maxColumns) : text;
	}

	// Something is missing: end with '…', within maxColumns.
	const width = fitPrefix(kept.text, maxColumns).width;
	return truncateWithEllipsis(kept.text, Math.min(maxColumns, width + 1));
}

function readOptions(options: SanitizeLinesOptions): {maxColumns: number; tabWidth: number; maxLines: number} {
	const number = (value: number | undefined, fallback: number): number => (typeof value === 'number' && !Number.isNaN(value) ? Math.floor(value) : fallback);
	return {
		maxColumns: number(options.maxColumns, DEFAULT_MAX_COLUMNS),
		tabWidth: Math.max(1, Math.min(64, number(options.tabWidth, DEFAULT_TAB_WIDTH))),
		maxLines: number(options.maxLines, DEFAULT_MAX_LINES),
	};
}

/** Untrusted text → one safe line of at most `maxColumns` columns (see the rules at the top). */
export function sanitize(text: unknown, options: SanitizeOptions = {}): string {
	const settings = readOptions(options);
	if (!(settings.maxColumns > 0)) {
		return '';
	}

	const raw = cutInput(toText(text), rawBudget(settings.maxColumns));
	const line = raw.text.replace(SEQUENCE, '').replace(LINE_BREAK, ' ');
	return finishLine(line, settings, raw.cut);
}

/**
 * Untrusted text → safe lines, split on \n, \r\n, \r, U+2028 and U+2029, each as `sanitize`
 * would make it. A final line break opens no empty line ('' → [], 'a\n' → ['a']). At most
 * `maxLines` lines (default 1000): when more followed, the last one returned is '…'.
 * Sequences are removed before lines are split (an OSC title spanning a break goes whole).
 * Reading stops after the last line that can be kept; only the first 4 Mi code units are read.
 */
export function sanitizeLines(text: unknown, options: SanitizeLinesOptions = {}): string[] {
	const settings = readOptions(options);
	const {maxColumns, maxLines} = settings;
	if (!(maxColumns > 0) || !(maxLines > 0)) {
		return [];
	}

	const raw = cutInput(toText(text), MAX_LINES_INPUT);
	const budget = rawBudget(maxColumns);
	const lines: Array<{text: string; cut: boolean}> = [];
	let line = '';
	let cut = false;
	const add = (piece: string): void => {
		if (line.length + piece.length > budget) {
			line += cutInput(piece, Math.max(0, budget - line.length)).text;
			cut = true;
		} else {
			line += piece;
		}
	};

	let position = 0;
	let stopped = false;
	const token = new RegExp(TOKEN); // own lastIndex: no shared state
	for (let match = token.exec(raw.text); ; match = token.exec(raw.text)) {
		const end = match ? match.index : raw.text.length;
		if (end > position && !cut) {
			add(raw.text.slice(position, end));
		}

		if (!match) {
			break;
		}

		position = match.index + match[0].length;
		const first = match[0].charCodeAt(0);
		if (first === 0x0a || first === 0x0d || first === 0x20_28 || first === 0x20_29) {
			lines.push({text: line, cut});
			line = '';
			cut = false;
			if (lines.length > maxLines) {
				stopped = true;
				break;
			}
		}
	}

	if (!stopped) {
		lines.push({text: line, cut: cut || raw.cut});
		const last = lines.at(-1);
		if (last && last.text === '' && !last.cut) {
			lines.pop(); // a final line break opens no line; '' has none
		}
	}

	if (lines.length > maxLines) {
		return [...lines.slice(0, maxLines - 1).map((kept) => finishLine(kept.text, settings, kept.cut)), '…'];
	}

	return lines.map((kept) => finishLine(kept.text, settings, kept.cut));
}
