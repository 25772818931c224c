import {describe, expect, it} from 'vitest';
import {
	displayWidth,
	fit,
	fitPrefix,
	formatAge,
	formatClock,
	formatCount,
	formatDuration,
	formatPercent,
	progressBar,
	truncate,
	truncateWithEllipsis,
} from '../../source/lib/format.js';
import {durationBetween, parseTimestamp} from '../../source/lib/timestamps.js';

describe('formatClock', () => {
	it('formats local time as HH:MM:SS', () => {
		expect(formatClock(new Date(2026, 0, 2, 3, 4, 5))).toBe('03:04:05');
		expect(formatClock(new Date(2026, 0, 2, 23, 59, 59).getTime())).toBe('23:59:59');
	});

	it('survives an invalid date', () => {
		expect(formatClock(Number.NaN)).toBe('--:--:--');
		expect(formatClock(new Date('nope'))).toBe('--:--:--');
	});
});

describe('formatDuration', () => {
	it('shows a dash for missing or impossible values', () => {
		for (const value of [null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(formatDuration(value)).toBe('—');
		}
	});

	it('uses one decimal below 10 s, never rounding up into the next form', () => {
		expect(formatDuration(0)).toBe('0.0s');
		expect(formatDuration(400)).toBe('0.4s');
		expect(formatDuration(9900)).toBe('9.9s');
		expect(formatDuration(9999)).toBe('9.9s');
		expect(formatDuration(10_000)).toBe('10s');
	});

	it('uses the documented larger forms', () => {
		expect(formatDuration(42_000)).toBe('42s');
		expect(formatDuration(59_999)).toBe('59s');
		expect(formatDuration(60_000)).toBe('1m 00s');
		expect(formatDuration(3 * 60_000 + 5000)).toBe('3m 05s');
		expect(formatDuration(2 * 3_600_000 + 3 * 60_000)).toBe('2h 03m');
		expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 04h');
		expect(formatDuration(400 * 86_400_000)).toBe('400d 00h');
	});
});

describe('formatAge', () => {
	it('is coarse', () => {
		expect(formatAge(0)).toBe('just now');
		expect(formatAge(1999)).toBe('just now');
		expect(formatAge(-5000)).toBe('just now');
		expect(formatAge(8000)).toBe('8 s');
		expect(formatAge(3 * 60_000 + 59_000)).toBe('3 min');
		expect(formatAge(2 * 3_600_000)).toBe('2 h');
		expect(formatAge(3 * 86_400_000)).toBe('3 d');
		expect(formatAge(Number.NaN)).toBe('—');
	});
});

describe('parseTimestamp / durationBetween', () => {
	it('reads Z and +00:00 alike', () => {
		const zulu = parseTimestamp('2026-04-01T12:00:00Z');
		expect(zulu).toBe(Date.UTC(2026, 3, 1, 12));
		expect(parseTimestamp('2026-04-01T12:00:00+00:00')).toBe(zulu);
		expect(parseTimestamp('2026-04-01T12:00:00+0000')).toBe(zulu);
		expect(parseTimestamp('2026-04-01T14:00:00+02:00')).toBe(zulu);
		expect(parseTimestamp('2026-04-01T07:30:00-04:30')).toBe(zulu);
	});

	it('reads fractions of any length and zone-less times as UTC', () => {
		expect(parseTimestamp('2026-04-01T12:00:00.123456Z')).toBe(Date.UTC(2026, 3, 1, 12, 0, 0, 123));
		expect(parseTimestamp('2026-04-01T12:00:00.5Z')).toBe(Date.UTC(2026, 3, 1, 12, 0, 0, 500));
		expect(parseTimestamp('2026-04-01 12:00:00')).toBe(Date.UTC(2026, 3, 1, 12));
		expect(parseTimestamp('2026-04-01')).toBe(Date.UTC(2026, 3, 1));
	});

	it('rejects garbage', () => {
		for (const value of ['', 'yesterday', '2026-02-30T00:00:00Z', '2026-04-01T25:00:00Z', null, undefined, 12]) {
			expect(parseTimestamp(value)).toBeNull();
		}
	});

	it('measures finished and unfinished spans', () => {
		const start = '2026-04-01T12:00:00Z';
		expect(durationBetween(start, '2026-04-01T12:00:01.500+00:00')).toBe(1500);
		const now = Date.UTC(2026, 3, 1, 12, 1);
		expect(durationBetween(start, null, now)).toBe(60_000);
		expect(durationBetween(start, undefined, now)).toBe(60_000);
		expect(durationBetween(start, '', now)).toBe(60_000);
	});

	it('returns null for invalid input and clamps clock skew', () => {
		expect(durationBetween(null, null, 0)).toBeNull();
		expect(durationBetween(undefined)).toBeNull();
		expect(durationBetween('bad', null, 0)).toBeNull();
		expect(durationBetween('2026-04-01T12:00:00Z', 'bad')).toBeNull();
		expect(durationBetween('2026-04-01T12:00:00Z', null, Date.UTC(2026, 3, 1, 11))).toBe(0);
	});
});

describe('displayWidth', () => {
	it('counts terminal columns', () => {
		expect(displayWidth('abc')).toBe(3);
		expect(displayWidth('日本')).toBe(4);
		expect(displayWidth('👍')).toBe(2);
		expect(displayWidth('👨‍👩‍👧')).toBe(2);
		expect(displayWidth('e\u0301')).toBe(1);
		expect(displayWidth('')).toBe(0);
	});
});

describe('fitPrefix', () => {
	it('agrees with displayWidth on whole strings', () => {
		for (const text of ['abc', '日本語 text', '1️⃣ keycap', 'e\u0301e\u0301', '👨‍👩‍👧 family', 'mixed 漢字 and 🇫🇷 flags', '#️⃣#']) {
			expect(fitPrefix(text, Number.POSITIVE_INFINITY)).toEqual({end: text.length, width: displayWidth(text), complete: true});
		}
	});

	it('stops before the cluster that does not fit', () => {
		expect(fitPrefix('ab日c', 3)).toEqual({end: 2, width: 2, complete: false});
		expect(fitPrefix('ab日c', 4)).toEqual({end: 3, width: 4, complete: false});
		expect(fitPrefix('abc', 0)).toEqual({end: 0, width: 0, complete: false});
	});
});

describe('truncate', () => {
	it('returns text that fits unchanged', () => {
		expect(truncate('hello', 5)).toBe('hello');
		expect(truncate('日本', 4)).toBe('日本');
	});

	it('cuts with an ellipsis', () => {
		expect(truncate('hello world', 5)).toBe('hell…');
		expect(truncate('hello', 1)).toBe('…');
	});

	it('returns empty for no room', () => {
		expect(truncate('hello', 0)).toBe('');
		expect(truncate('hello', -3)).toBe('');
		expect(truncate('hello', Number.NaN)).toBe('');
	});

	it('never overflows with wide characters', () => {
		expect(truncate('日本語', 4)).toBe('日…');
		expect(truncate('日本語', 5)).toBe('日本…');
		expect(truncate('a日本語', 4)).toBe('a日…');
		expect(truncate('👍👍👍', 4)).toBe('👍…');
		for (let width = 1; width <= 12; width++) {
			for (const text of [
				'日本語のテキスト',
				'👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧x',
				'ab日cd本ef',
				'e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301',
			]) {
				expect(displayWidth(truncate(text, width))).toBeLessThanOrEqual(width);
			}
		}
	});

	it('never splits a cluster', () => {
		expect(truncate('👨‍👩‍👧abc', 3)).toBe('👨‍👩‍👧…');
		expect(truncate('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
		expect(truncate('🇫🇷🇫🇷', 3)).toBe('🇫🇷…');
	});

	it('is fast on long text', () => {
		const long = 'x'.repeat(100_000) + '日本';
		expect(truncate(long, 10)).toBe('xxxxxxxxx…');
		const wide = '日本'.repeat(50_000);
		expect(displayWidth(truncate(wide, 80))).toBeLessThanOrEqual(80);
	});

	it('truncateWithEllipsis always cuts', () => {
		expect(truncateWithEllipsis('abc', 3)).toBe('ab…');
		expect(truncateWithEllipsis('abc', 5)).toBe('abc…');
		expect(truncateWithEllipsis('abc', 0)).toBe('');
	});
});

describe('fit', () => {
	it('pads to exactly the width', () => {
		expect(fit('ab', 5)).toBe('ab   ');
		expect(fit('ab', 5, 'right')).toBe('   ab');
		expect(fit('hello world', 5)).toBe('hell…');
		expect(fit('x', 0)).toBe('');
	});

	it('pads when a wide char was dropped', () => {
		expect(fit('日本語', 4)).toBe('日… ');
		expect(displayWidth(fit('日本語', 4))).toBe(4);
		for (let width = 1; width <= 10; width++) {
			expect(displayWidth(fit('a日本👍語', width))).toBe(width);
			expect(displayWidth(fit('a日本👍語', width, 'right'))).toBe(width);
		}
	});
});

describe('progressBar', () => {
	it('is exactly width columns', () => {
		for (const fraction of [-1, 0, 0.001, 0.33, 0.5, 0.999, 1, 2, Number.NaN]) {
			const bar = progressBar(fraction, 10);
			expect(bar).toHaveLength(10);
			expect(displayWidth(bar)).toBe(10);
		}
	});

	it('fills proportionally and clamps', () => {
		expect(progressBar(0, 4)).toBe('░░░░');
		expect(progressBar(0.5, 4)).toBe('██░░');
		expect(progressBar(1, 4)).toBe('████');
		expect(progressBar(5, 4)).toBe('████');
		expect(progressBar(-1, 4)).toBe('░░░░');
		expect(progressBar(Number.NaN, 4)).toBe('░░░░');
	});

	it('is full only when done', () => {
		expect(progressBar(0.999, 10)).toBe('█████████░');
	});

	it('handles no room', () => {
		expect(progressBar(0.5, 0)).toBe('');
		expect(progressBar(0.5, -2)).toBe('');
		expect(progressBar(0.5, Number.NaN)).toBe('');
	});
});

describe('formatPercent', () => {
	it('formats fractions', () => {
		expect(formatPercent(0)).toBe('0%');
		expect(formatPercent(0.42)).toBe('42%');
		expect(formatPercent(0.29)).toBe('29%');
		expect(formatPercent(0.0001)).toBe('<1%');
		expect(formatPercent(0.01)).toBe('1%');
		expect(formatPercent(0.9999)).toBe('99%');
		expect(formatPercent(1)).toBe('100%');
		expect(formatPercent(1.5)).toBe('100%');
		expect(formatPercent(-0.2)).toBe('0%');
		expect(formatPercent(Number.NaN)).toBe('0%');
	});
});

describe('formatCount', () => {
	it('groups thousands', () => {
		expect(formatCount(0)).toBe('0');
		expect(formatCount(999)).toBe('999');
		expect(formatCount(1234)).toBe('1,234');
		expect(formatCount(1_234_567)).toBe('1,234,567');
		expect(formatCount(-1234)).toBe('-1,234');
		expect(formatCount(12.6)).toBe('13');
		expect(formatCount(-0.2)).toBe('0');
		expect(formatCount(Number.NaN)).toBe('—');
	});
});
