// The run view's pure pieces: wrapping, search, the bounded line buffer, level colours, the header cap.
import {describe, expect, test} from 'vitest';
import type {LogLine} from '../../source/api/types.js';
import {displayWidth} from '../../source/lib/format.js';
import {appendLines, clampLine, MAX_MESSAGE_CHARS, prependLines} from '../../source/lib/log-buffer.js';
import {findHits, normalizeQuery, splitMatches, stepHit} from '../../source/lib/log-search.js';
import {wrapText} from '../../source/lib/wrap.js';
import {levelColor, messageRows, MAX_ROWS_PER_LINE} from '../../source/ui/log-selectors.js';
import {capRows, headerCap} from '../../source/ui/run-selectors.js';

const line = (n: number, message = `line ${n}`): LogLine => ({id: `l${n}`, run_id: 'r', level_code: 'info', message, timestamp: ''});
const ids = (lines: LogLine[]) => lines.map((l) => l.id);

describe('wrapText', () => {
	test('rows of at most the width, between words when it can, at the edge when it must', () => {
		expect(wrapText('alpha beta gamma', 11)).toEqual(['alpha beta ', 'gamma']);
		expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapText('', 5)).toEqual(['']);
		expect(wrapText('a b', 0)).toEqual([]);
	});

	test('wide characters are never split and every row fits', () => {
		const rows = wrapText('画像処理-請求書-0042.pdf 👩‍💻 dev', 7);
		for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(7);
		expect(rows.join('')).toBe('画像処理-請求書-0042.pdf 👩‍💻 dev');
		expect(wrapText('画画', 1)).toEqual(['画', '画']); // wider than the row: taken whole, no endless loop
	});

	test('at most maxRows rows, the last ending with …', () => {
		expect(wrapText('x'.repeat(100), 10, 3)).toEqual(['x'.repeat(10), 'x'.repeat(10), `${'x'.repeat(9)}…`]);
	});
});

describe('search', () => {
	const lines = [line(0, 'Checkpoint saved'), line(1, 'step'), line(2, 'another CHECKPOINT'), line(3, '\u001B[31mcheck\u001B[0mpoint')];
	test('case-insensitive, on the safe text (escape sequences gone)', () => {
		expect(findHits(lines, normalizeQuery('checkpoint'))).toEqual([0, 2, 3]);
		expect(findHits(lines, '')).toEqual([]);
		expect(normalizeQuery('A\u202EB')).toBe('ab');
	});

	test('stepHit goes forward and back from a line, wrapping around', () => {
		expect(stepHit([2, 5, 9], 5, 1)).toBe(2);
		expect(stepHit([2, 5, 9], 9, 1)).toBe(0);
		expect(stepHit([2, 5, 9], 5, -1)).toBe(0);
		expect(stepHit([2, 5, 9], 2, -1)).toBe(2);
		expect(stepHit([2, 5, 9], -1, 1)).toBe(0);
		expect(stepHit([], 3, 1)).toBe(-1);
	});

	test('splitMatches marks every occurrence', () => {
		expect(splitMatches('a Foo b foo', 'foo')).toEqual([
			{text: 'a ', match: false},
			{text: 'Foo', match: true},
			{text: ' b ', match: false},
			{text: 'foo', match: true},
		]);
		expect(splitMatches('none', 'x')).toEqual([{text: 'none', match: false}]);
	});
});

describe('the bounded buffer', () => {
	test('append skips lines held and drops the oldest past the cap', () => {
		const held = [line(0), line(1), line(2)];
		const change = appendLines(held, [line(2), line(3), line(4), line(3)], 4);
		expect(ids(change.lines)).toEqual(['l1', 'l2', 'l3', 'l4']);
		expect(change).toMatchObject({added: 2, dropped: 1});
		expect(appendLines(held, [line(1)], 4).lines).toBe(held); // nothing new: the same array
	});

	test('prepend skips lines held and drops the newest past the cap', () => {
		const change = prependLines([line(5), line(6)], [line(3), line(4), line(5)], 3);
		expect(ids(change.lines)).toEqual(['l3', 'l4', 'l5']);
		expect(change).toMatchObject({added: 2, dropped: 1});
	});

	test('a huge message is clamped when held, saying how much went', () => {
		const clamped = clampLine(line(0, 'y'.repeat(100_000)));
		expect(clamped.message.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
		expect(clamped.message).toMatch(/… \[91808 more characters not kept\]$/);
		const pair = clampLine(line(1, `${'a'.repeat(MAX_MESSAGE_CHARS - 1)}😀tail`));
		expect(pair.message.startsWith(`${'a'.repeat(MAX_MESSAGE_CHARS - 1)} …`)).toBe(true); // no half surrogate
	});
});

describe('rows of a line', () => {
	test('the level colours: error red, warning yellow, info default, debug gray', () => {
		expect([levelColor('error'), levelColor('warning'), levelColor('info'), levelColor('debug'), levelColor('WARN')]).toEqual([
			'red',
			'yellow',
			undefined,
			'gray',
			'yellow',
		]);
	});

	test('wrap off: one row per line of the message; on: long lines take several rows, capped', () => {
		const big = line(0, 'z'.repeat(100_000));
		expect(messageRows(big, 40)).toHaveLength(1);
		expect(messageRows(big, 40)[0]).toHaveLength(40);
		const wrapped = messageRows(big, 40, true);
		expect(wrapped).toHaveLength(MAX_ROWS_PER_LINE);
		expect(wrapped.at(-1)?.endsWith('…')).toBe(true);
		expect(messageRows(line(1, 'a\nb'), 40, true)).toEqual(['a', 'b']);
	});

	test('the header keeps to a third of the screen and says how many lines it left out', () => {
		expect(headerCap(24)).toBe(7);
		expect(headerCap(12)).toBe(3);
		const rows = Array.from({length: 10}, (_, i) => ({key: String(i), text: `row ${i}`}));
		const capped = capRows(rows, 4);
		expect(capped.map((r) => r.text)).toEqual(['row 0', 'row 1', 'row 2', '… (7 more lines)']);
		expect(capRows(rows, 10)).toBe(rows);
	});
});
