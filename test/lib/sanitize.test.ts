import {describe, expect, it} from 'vitest';
import {sanitize, sanitizeLines, toText} from '../../source/lib/sanitize.js';
import {displayWidth} from '../../source/lib/format.js';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;
const M = '\uFFFD';
const LONE_SURROGATE = /\p{Surrogate}/u;

describe('toText', () => {
	it('turns values into text', () => {
		expect(toText('a')).toBe('a');
		expect(toText(42)).toBe('42');
		expect(toText(false)).toBe('false');
		expect(toText(null)).toBe('');
		expect(toText(undefined)).toBe('');
		expect(toText({a: 1})).toBe('{"a":1}');
		expect(toText([1, 'x'])).toBe('[1,"x"]');
		expect(toText(new Error('boom'))).toBe('Error: boom');
		expect(toText(() => 1)).toBe('');
		const circular: Record<string, unknown> = {};
		circular['self'] = circular;
		expect(toText(circular)).toBe('[unprintable object]');
	});

	it('is what sanitize applies to non-strings', () => {
		expect(sanitize(3.5)).toBe('3.5');
		expect(sanitize(true)).toBe('true');
		expect(sanitize(null)).toBe('');
		expect(sanitize(undefined)).toBe('');
		expect(sanitize({message: 'x\ny'})).toBe('{"message":"x\\ny"}');
		expect(sanitizeLines(null)).toEqual([]);
	});
});

describe('sanitize: escape sequences', () => {
	it('removes CSI sequences', () => {
		expect(sanitize(`${ESC}[31mred${ESC}[0m`)).toBe('red');
		expect(sanitize(`a${ESC}[2J${ESC}[Hb`)).toBe('ab');
		expect(sanitize(`a${ESC}[?25lb`)).toBe('ab');
		expect(sanitize(`a${ESC}[38;2;255;0;0mb`)).toBe('ab');
		expect(sanitize(`a${ESC}[1 qb`)).toBe('ab'); // with an intermediate byte
	});

	it('removes OSC sequences ended by BEL or ST', () => {
		expect(sanitize(`a${ESC}]0;window title${BEL}b`)).toBe('ab');
		expect(sanitize(`a${ESC}]0;window title${ST}b`)).toBe('ab');
		expect(sanitize(`a${ESC}]52;c;ZXZpbA==${BEL}b`)).toBe('ab'); // clipboard write
	});

	it('keeps the visible text of OSC 8 hyperlinks and drops the URL', () => {
		const link = `${ESC}]8;;https://evil.example/x${ST}click here${ESC}]8;;${ST}`;
		expect(sanitize(`see ${link}!`)).toBe('see click here!');
		const belLink = `${ESC}]8;id=1;https://evil.example${BEL}text${ESC}]8;;${BEL}`;
		expect(sanitize(belLink)).toBe('text');
	});

	it('removes DCS, SOS, PM and APC strings', () => {
		for (const introducer of ['P', 'X', '^', '_']) {
			expect(sanitize(`a${ESC}${introducer}payload;1;2${ST}b`)).toBe('ab');
		}

		expect(sanitize(`a${ESC}Pq#0;2;0;0;0#1;2;100;100;0${ST}b`)).toBe('ab'); // sixel
	});

	it('removes two-char and intermediate ESC sequences', () => {
		expect(sanitize(`a${ESC}7b${ESC}8c`)).toBe('abc');
		expect(sanitize(`a${ESC}cb`)).toBe('ab'); // full reset
		expect(sanitize(`a${ESC}(Bb`)).toBe('ab');
		expect(sanitize(`a${ESC}#8b`)).toBe('ab');
		expect(sanitize(`a${ESC}=b`)).toBe('ab');
	});

	it('drops an unterminated sequence to the end of input', () => {
		expect(sanitize(`ok${ESC}]0;title never ends`)).toBe('ok');
		expect(sanitize(`ok${ESC}P data`)).toBe('ok');
		expect(sanitize(`ok${ESC}[12;`)).toBe('ok');
		expect(sanitize(`ok${ESC}`)).toBe('ok');
		expect(sanitize(`ok${ESC}(`)).toBe('ok');
	});

	it('ends a malformed CSI at the odd character', () => {
		expect(sanitize(`a${ESC}[1\u0000b`)).toBe(`a${M}b`);
		expect(sanitize(`a${ESC}[1日b`)).toBe('a日b');
	});

	it('lets a new ESC abort a string sequence', () => {
		expect(sanitize(`a${ESC}]0;title${ESC}[31mb`)).toBe('ab');
	});

	it('drops an ESC before a non-sequence character alone', () => {
		expect(sanitize(`a${ESC}日b`)).toBe('a日b');
		expect(sanitize(`a${ESC}${ESC}[31mb`)).toBe('ab');
	});

	it('removes the 8-bit C1 forms', () => {
		expect(sanitize('a\u009B31mb')).toBe('ab'); // CSI
		expect(sanitize('a\u009D0;title\u009Cb')).toBe('ab'); // OSC … ST
		expect(sanitize('a\u009D0;title\u0007b')).toBe('ab'); // OSC … BEL
		expect(sanitize('a\u009D8;;http://x\u009Clink\u009D8;;\u009Cb')).toBe('alinkb');
		expect(sanitize('a\u0090dcs\u009Cb')).toBe('ab'); // DCS
		expect(sanitize('a\u0098sos\u009Cb')).toBe('ab'); // SOS
		expect(sanitize('a\u009Epm\u009Cb')).toBe('ab'); // PM
		expect(sanitize('a\u009Fapc\u009Cb')).toBe('ab'); // APC
		expect(sanitize('a\u009D unterminated')).toBe('a');
	});
});

describe('sanitize: control characters', () => {
	it('marks remaining C0, DEL and C1 characters', () => {
		expect(sanitize('a\u0000b')).toBe(`a${M}b`);
		expect(sanitize('bell\u0007')).toBe(`bell${M}`);
		expect(sanitize('back\bspace')).toBe(`back${M}space`);
		expect(sanitize('a\u007Fb')).toBe(`a${M}b`);
		expect(sanitize('a\u0085b')).toBe(`a${M}b`); // NEL
		expect(sanitize('a\u009Cb')).toBe(`a${M}b`); // stray ST
		expect(sanitize('a\u000B\u000Cb')).toBe(`a${M}${M}b`);
	});

	it('removes bidi controls', () => {
		expect(sanitize('abc\u202Eevil\u202C')).toBe('abcevil');
		expect(sanitize('\u2066x\u2067y\u2068z\u2069')).toBe('xyz');
		expect(sanitize('\u200Ea\u200Fb\u061Cc\u202A\u202B\u202D')).toBe('abc');
	});

	it('marks lone surrogates and keeps pairs', () => {
		expect(sanitize('a\uD800b')).toBe(`a${M}b`);
		expect(sanitize('a\uDC00b')).toBe(`a${M}b`);
		expect(sanitize('end\uD83D')).toBe(`end${M}`);
		expect(sanitize('\uD83D\uDE00')).toBe('😀');
	});
});

describe('sanitize: line breaks and tabs', () => {
	it('turns each line break into one space', () => {
		expect(sanitize('a\nb')).toBe('a b');
		expect(sanitize('a\r\nb')).toBe('a b');
		expect(sanitize('a\u2028b\u2029c')).toBe('a b c');
	});

	it('never lets a carriage return rewind', () => {
		expect(sanitize('a\rb')).toBe('a b');
		expect(sanitize('password: hunter2\r**************')).toBe('password: hunter2 **************');
	});

	it('expands tabs to the next stop', () => {
		expect(sanitize('\tx')).toBe('    x');
		expect(sanitize('ab\tx')).toBe('ab  x');
		expect(sanitize('abcd\tx')).toBe('abcd    x');
		expect(sanitize('日\tx')).toBe('日  x');
		expect(sanitize('a\tb', {tabWidth: 8})).toBe('a       b');
		expect(sanitize('a\nb\tc')).toBe('a b c');
		expect(sanitize(`${ESC}[31mab${ESC}[0m\tc`)).toBe('ab  c');
	});
});

describe('sanitize: width', () => {
	it('keeps wide characters, emoji and ZWJ sequences', () => {
		expect(sanitize('日本語 テキスト')).toBe('日本語 テキスト');
		expect(sanitize('👍 ok 🇫🇷')).toBe('👍 ok 🇫🇷');
		expect(sanitize('👨‍👩‍👧‍👦 family')).toBe('👨‍👩‍👧‍👦 family');
		expect(sanitize('🏳️‍🌈')).toBe('🏳️‍🌈');
		expect(sanitize('e\u0301')).toBe('e\u0301');
		expect(sanitize('1️⃣')).toBe('1️⃣');
	});

	it('cuts to maxColumns with an ellipsis', () => {
		expect(sanitize('hello world', {maxColumns: 5})).toBe('hell…');
		expect(sanitize('日本語', {maxColumns: 5})).toBe('日本…');
		expect(sanitize('hello', {maxColumns: 5})).toBe('hello');
		expect(sanitize('hello', {maxColumns: 0})).toBe('');
		expect(sanitize('\t\t\t\tx', {maxColumns: 6})).toBe('     …');
	});

	it('handles a 100 KB line quickly and within maxColumns', () => {
		const line = 'x'.repeat(100_000);
		let result = '';
		for (let index = 0; index < 1000; index++) {
			result = sanitize(line);
		}

		expect(displayWidth(result)).toBe(500);
		expect(result.endsWith('…')).toBe(true);
		expect(displayWidth(sanitize(line, {maxColumns: 80}))).toBe(80);

		const wide = '日本👨‍👩‍👧\t'.repeat(10_000);
		for (let index = 0; index < 100; index++) {
			result = sanitize(wide, {maxColumns: 120});
		}

		expect(displayWidth(result)).toBeLessThanOrEqual(120);
		expect(result.endsWith('…')).toBe(true);
	});

	it('marks a cut even when the cut input was mostly escape sequences', () => {
		const noisy = `start${`${ESC}[31m`.repeat(5000)}hidden`;
		expect(sanitize(noisy, {maxColumns: 40})).toBe('start…');
	});

	it('does not split a surrogate pair at the input cut', () => {
		for (let shift = 0; shift < 4; shift++) {
			const text = 'a'.repeat(shift) + '😀'.repeat(3000);
			expect(sanitize(text, {maxColumns: 10})).not.toMatch(LONE_SURROGATE);
		}
	});

	it('survives zalgo text', () => {
		const zalgo = 'a' + '\u0301'.repeat(20_000);
		const result = sanitize(zalgo, {maxColumns: 10});
		expect(displayWidth(result)).toBeLessThanOrEqual(10);
		expect(sanitize(result, {maxColumns: 10})).toBe(result);
	});
});
