// The summary at every width from 60 columns: every status with a non-zero count stays on screen
// with its number (shorter forms, then a second line), in its colour; the progress line keeps
// its ETA and cost (the bar gives way); the too-small message wraps.
import stringWidth from 'string-width';
import {afterEach, describe, expect, test} from 'vitest';
import type {LeanItem} from '../../source/api/types.js';

// Colours in the frames (each count keeps its status's colour): on before Ink's colour library loads.
process.env['FORCE_COLOR'] = '1';
const {batch, cleanup, filledStore, lines, renderApp, T0} = await import('./fixtures.js');

afterEach(cleanup);

/** Every status, an unknown one too, each with a multi-digit count. */
const COUNTS: Array<[status: string, count: number, symbol: string, color: number | null]> = [
	['queued', 12, '○', 90],
	['running', 34, '◐', 36],
	['succeeded', 85, '✓', 32],
	['partial_succeeded', 13, '◑', 33],
	['failed', 18, '✗', 31],
	['errored', 11, '!', 35],
	['cancelled', 14, '⊘', 90],
	['on_hold', 10, '?', null],
];

function leanItems(counts: ReadonlyArray<readonly [string, number, ...unknown[]]>): LeanItem[] {
	const statuses = counts.flatMap(([status, count]) => Array.from({length: count}, () => status));
	return statuses.map((status_code, i) => ({id: `item-${i}`, sequence_index: i, run_id: null, status_code}));
}

const escape = (text: string) => text.replaceAll(/[?!]/g, String.raw`\$&`);

/** The count of a status in any of its forms: '✗ failed 18 (9%)', '✗ failed 18', '✗18', '? on hold 10'. */
const countPattern = (symbol: string, count: number) => new RegExp(`(?:^|\\s)${escape(symbol)}(?: [a-z ]+)? ?${count}(?: \\(\\d+%\\))?(?:\\s|$)`);

/** The foreground colour (SGR code) in effect where `pattern` first matches a line of the raw frame. */
function colourAt(raw: string, pattern: RegExp): number | null {
	for (const line of raw.split('\n')) {
		// eslint-disable-next-line no-control-regex
		const plain = line.replaceAll(/\u001B\[[\d;]*m/g, '');
		const match = pattern.exec(plain);
		if (!match) continue;
		const at = match.index + match[0].search(/\S/);
		let colour = 39;
		let visible = 0;
		// eslint-disable-next-line no-control-regex
		for (const part of line.split(/(\u001B\[[\d;]*m)/)) {
			if (visible > at) break;
			const code = /^\u001B\[(\d+)m$/.exec(part);
			if (code) {
				const n = Number(code[1]);
				if ((n >= 30 && n <= 39) || (n >= 90 && n <= 97)) colour = n;
			} else {
				visible += part.length;
			}
		}

		return colour;
	}

	return null;
}

function everyStore() {
	const lean = leanItems(COUNTS);
	const store = filledStore(undefined, {
		items_total: lean.length,
		items: lean.map((item, i) => (i < 60 ? {...item, status_code: 'queued'} : item)),
		cost: '1234.5678',
	});
	// A second look a minute later, more finished: an ETA.
	store.getState().batchLoaded(batch({items_total: lean.length, items: lean, cost: '1234.5678'}), T0 + 60_000);
	return store;
}

describe('the counts line', () => {
	for (const columns of [60, 80, 100, 120]) {
		test(`${columns} columns: every status on screen with its number and colour, nothing past the edge`, async () => {
			const rows = 24;
			const app = await renderApp(everyStore(), {columns, rows});
			const frame = lines(app.frame());
			expect(frame.length).toBeLessThanOrEqual(rows - 1);
			for (const line of frame) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
			// The counts: the lines between the progress line and the table's heading.
			const heading = frame.findIndex((line) => line.includes('client_ref'));
			const counts = frame
				.slice(2, heading)
				.filter((line) => !line.startsWith('failures:'))
				.join('\n');
			for (const [status, count, symbol, color] of COUNTS) {
				expect(counts, `${status} at ${columns}`).toMatch(countPattern(symbol, count));
				expect(colourAt(app.raw(), countPattern(symbol, count)), `${status}'s colour`).toBe(color ?? 39);
			}

			// The progress line keeps the ETA and the cost.
			expect(frame[1]).toMatch(/\d+\/197 .*· ETA \S+.* · cost \$1,234\.57$/);
			app.unmount();
		});
	}

	test('the full form when it fits; shares go, then words (failures keep theirs longest)', async () => {
		const wide = await renderApp(everyStore(), {columns: 200, rows: 24});
		expect(lines(wide.frame())[2]).toContain('○ queued 12 (6%)  ◐ running 34 (17%)  ✓ succeeded 85 (43%)');
		cleanup();
		const app = await renderApp(everyStore(), {columns: 100, rows: 24});
		const counts = lines(app.frame())[2]!;
		expect(counts).not.toContain('%');
		expect(counts.startsWith('✗ failed 18  ! errored 11  ⊘ cancelled 14')).toBe(true);
	});

	test('too many statuses for one line take a second, and the table gives up one row', async () => {
		const known = COUNTS.map(([status, count]) => [status, count] as const);
		const unknown = Array.from({length: 9}, (_, i) => [`state_${'abcdefghi'[i]}_waiting`, 10 + i] as const);
		const store = filledStore(undefined, {items_total: 0, items: leanItems([...known, ...unknown])});
		const rows = 24;
		const app = await renderApp(store, {columns: 60, rows});
		const frame = lines(app.frame());
		expect(frame.length).toBeLessThanOrEqual(rows - 1);
		for (const line of frame) expect(stringWidth(line)).toBeLessThanOrEqual(60);
		expect(frame[2]!.startsWith('✗18 !11 ⊘14')).toBe(true);
		const counts = `${frame[2]}\n${frame[3]}`;
		for (const [, count, symbol] of COUNTS) expect(counts).toMatch(countPattern(symbol, count));
		expect(frame[5]).toMatch(/^failures: /);
		expect(frame[6]).toContain('client_ref');
		// One table row fewer than with one counts line (rows − 7 − the failure line), and still the page and footer lines.
		expect(frame.filter((line) => /^[ ›] +\d+ /.test(line))).toHaveLength(rows - 7 - 1 - 1 - 1);
		expect(frame.at(-1)).toContain('q quit');
	});

	test('the progress line at 60 columns keeps ETA and cost with big numbers: the bar shrinks', async () => {
		const store = filledStore(undefined, {items_total: 123_456, items_succeeded: 11_345, items_failed: 0, cost: '1234567.891'});
		store.getState().batchLoaded(batch({items_total: 123_456, items_succeeded: 12_345, items_failed: 0, cost: '1234567.891'}), T0 + 60_000);
		const app = await renderApp(store, {columns: 60, rows: 24});
		const progress = lines(app.frame())[1]!;
		expect(stringWidth(progress)).toBeLessThanOrEqual(60);
		expect(progress).toMatch(/^[█░]{4,9} 12345\/123456 \(9%\) · ETA ~\d+h \d+m · cost \$1,234,567\.89$/);
	});
});

describe('a terminal too small', () => {
	for (const [columns, rows] of [
		[50, 10],
		[30, 6],
	] as const) {
		test(`${columns}×${rows}: the message is wrapped, whole, within the width and rows − 1`, async () => {
			const app = await renderApp(filledStore(), {columns, rows});
			const frame = lines(app.frame());
			expect(frame.length).toBeLessThanOrEqual(rows - 1);
			for (const line of frame) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
			expect(frame.join(' ').replaceAll(/\s+/g, ' ')).toBe(`runflow-watch needs at least 60×12 (now ${columns}×${rows}): enlarge the window`);
		});
	}
});
