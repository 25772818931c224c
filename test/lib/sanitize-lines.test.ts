import {describe, expect, it} from 'vitest';
import {sanitize, sanitizeLines} from '../../source/lib/sanitize.js';
import {displayWidth} from '../../source/lib/format.js';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;
const M = '\uFFFD';
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u001B\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /\p{Surrogate}/u;

describe('sanitize: properties', () => {
	const samples = [
		'plain',
		`${ESC}[31mred${ESC}[0m\ttab\r\nnext`,
		`${ESC}]8;;http://x${ST}link${ESC}]8;;${ST}`,
		'日本語\u202E\u0000\u009B2J',
		'\t\t\u00A0x\uD800',
		'👨‍👩‍👧‍👦\t🇫🇷\u200D',
		'x'.repeat(10_000),
		`${'日本'.repeat(3000)}`,
		'a\u0301'.repeat(5000),
		'\t'.repeat(5000),
		'😀'.repeat(5000),
	];

	it('is idempotent', () => {
		for (const sample of samples) {
			for (const maxColumns of [1, 7, 80, 500]) {
				const once = sanitize(sample, {maxColumns});
				expect(sanitize(once, {maxColumns})).toBe(once);
			}

			for (const line of sanitizeLines(sample, {maxColumns: 20})) {
				expect(sanitize(line, {maxColumns: 20})).toBe(line);
			}
		}
	});

	it('never outputs a control, ESC, C1, bidi control or lone surrogate (random bytes)', () => {
		let seed = 12_345;
		const random = (): number => {
			// Mulberry32
			seed = (seed + 0x6d_2b_79_f5) | 0;
			let t = seed;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
		};

		const interesting = [
			0x1b, 0x9b, 0x9d, 0x90, 0x9c, 0x07, 0x5b, 0x5d, 0x5c, 0x0a, 0x0d, 0x09, 0x202e, 0x2066, 0x200f, 0x061c, 0xd83d, 0xde00, 0xd800, 0x200d,
		];
		for (let round = 0; round < 2000; round++) {
			const length = Math.floor(random() * 60);
			let text = '';
			for (let index = 0; index < length; index++) {
				const pick = random();
				const code =
					pick < 0.4
						? Math.floor(random() * 256)
						: pick < 0.7
							? interesting[Math.floor(random() * interesting.length)]!
							: Math.floor(random() * 0x1_00_00);
				text += String.fromCharCode(code);
			}

			const maxColumns = 1 + Math.floor(random() * 40);
			const single = sanitize(text, {maxColumns});
			expect(single).not.toMatch(FORBIDDEN);
			expect(single).not.toMatch(/[\n\r\t]/);
			expect(single).not.toMatch(LONE_SURROGATE);
			expect(displayWidth(single)).toBeLessThanOrEqual(maxColumns);
			expect(sanitize(single, {maxColumns})).toBe(single);
			for (const line of sanitizeLines(text, {maxColumns})) {
				expect(line).not.toMatch(FORBIDDEN);
				expect(line).not.toMatch(/[\n\r\t]/);
				expect(line).not.toMatch(LONE_SURROGATE);
				expect(displayWidth(line)).toBeLessThanOrEqual(maxColumns);
			}
		}
	});
});

describe('sanitizeLines', () => {
	it('splits on \\n, \\r\\n, \\r, U+2028 and U+2029', () => {
		expect(sanitizeLines('a\nb\r\nc\rd\u2028e\u2029f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
	});

	it('turns a carriage-return overwrite into separate lines', () => {
		expect(sanitizeLines('progress 10%\rprogress 20%')).toEqual(['progress 10%', 'progress 20%']);
	});

	it('keeps empty lines but opens none after a final break', () => {
		expect(sanitizeLines('a\n\nb')).toEqual(['a', '', 'b']);
		expect(sanitizeLines('a\n')).toEqual(['a']);
		expect(sanitizeLines('a\n\n')).toEqual(['a', '']);
		expect(sanitizeLines('')).toEqual([]);
		expect(sanitizeLines('\n')).toEqual(['']);
	});

	it('sanitizes each line', () => {
		expect(sanitizeLines(`${ESC}[1mbold${ESC}[0m\n\tx\u0000\n\u202Eok`)).toEqual(['bold', `    x${M}`, 'ok']);
	});

	it('removes sequences that span lines entirely', () => {
		expect(sanitizeLines(`a${ESC}]0;multi\nline title${BEL}b\nc`)).toEqual(['ab', 'c']);
	});

	it('limits columns per line and the number of lines', () => {
		expect(sanitizeLines('hello world\nhi', {maxColumns: 5})).toEqual(['hell…', 'hi']);
		expect(sanitizeLines('1\n2\n3\n4', {maxLines: 2})).toEqual(['1', '…']);
		expect(sanitizeLines('1\n2\n3\n', {maxLines: 3})).toEqual(['1', '2', '3']);
		expect(sanitizeLines('1\n2', {maxLines: 0})).toEqual([]);
		expect(sanitizeLines('1\n2', {maxColumns: 0})).toEqual([]);
	});

	it('handles long input quickly', () => {
		const text = `${'x'.repeat(100_000)}\nshort\n${'line\n'.repeat(20_000)}`;
		for (let index = 0; index < 20; index++) {
			const lines = sanitizeLines(text, {maxColumns: 80, maxLines: 50});
			expect(lines).toHaveLength(50);
			expect(lines[0]).toBe(`${'x'.repeat(79)}…`);
			expect(lines[1]).toBe('short');
			expect(lines.at(-1)).toBe('…');
		}
	});
});
