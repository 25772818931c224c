// The item table at 60 to 120 columns: the name shows whole before the failure text takes the
// rest, cost and duration give way before the name, and the heading stays over its cells.
import stringWidth from 'string-width';
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup, filledStore, item, items, lines, renderApp} from './fixtures.js';

afterEach(cleanup);

const LONG_REF = 'customers/acme-industries/2026-q1/statements/march.pdf';
const FAILURE = 'WORKER_LOST: Worker gpu-a100-07 stopped responding';

const page = () => [
	item(0, {client_ref: 'invoice-0000.pdf'}),
	item(1, {client_ref: LONG_REF, status_code: 'running', completed_at: null}),
	item(2, {
		client_ref: 'invoice-0002.pdf',
		status_code: 'failed',
		cost: null,
		run: {cost: '0.25', failure_code: 'WORKER_LOST', failure_message: 'Worker gpu-a100-07 stopped responding'},
	}),
	item(3, {client_ref: 'receipt_0003.png', cost: '12.5'}),
	...items(4, 50),
];

/** Display columns before `index` in `line`. */
const at = (line: string, index: number) => stringWidth(line.slice(0, index));
const rowOf = (frame: string[], text: string) => frame.find((line) => line.includes(text))!;

async function table(columns: number, first = page()) {
	const app = await renderApp(filledStore(first), {columns, rows: 16});
	const frame = lines(app.frame());
	for (const line of frame) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
	const heading = rowOf(frame, 'client_ref');
	return {frame, heading};
}

describe('the item table at each width', () => {
	for (const columns of [60, 80, 100, 120]) {
		test(`${columns} columns: names whole, the heading over its cells`, async () => {
			const {frame, heading} = await table(columns);
			const failed = rowOf(frame, 'invoice-0002.pdf');
			const first = rowOf(frame, 'invoice-0000.pdf');
			// Left-aligned columns start under their title; right-aligned ones end under it.
			expect(at(first, first.indexOf('invoice-0000.pdf '))).toBe(heading.indexOf('client_ref'));
			expect(at(failed, failed.indexOf('✗ failed'))).toBe(heading.indexOf('status'));
			expect(at(failed, failed.indexOf(' 2 ') + 2)).toBe(heading.indexOf('#') + 1);
			if (heading.includes('duration')) expect(at(failed, failed.indexOf('42s') + 3)).toBe(heading.indexOf('duration') + 8);
			if (heading.includes('cost')) expect(at(failed, failed.indexOf('$0.2500') + 7)).toBe(heading.indexOf('cost') + 4);
			// The failure text, shortened where it must be, in its column.
			expect(heading).toContain('failure');
			expect(at(failed, failed.indexOf('WORKER_'))).toBe(heading.indexOf('failure'));
			expect(failed).toMatch(/WORKER_LOST/);
			// Every 16-character name whole, at every width.
			expect(first).toContain('invoice-0000.pdf');
			expect(rowOf(frame, 'receipt_0003.png')).toContain('receipt_0003.png');
			expect(heading.trimEnd().endsWith('failure')).toBe(true);
		});
	}

	test('80 columns: the long name and the failure text share the room, cost and duration stay', async () => {
		const {frame, heading} = await table(80);
		expect(heading).toMatch(/^ +# status +client_ref +duration +cost failure/);
		const failed = rowOf(frame, 'invoice-0002.pdf');
		expect(failed).toMatch(/WORKER_LOST: .*…$/);
		expect(rowOf(frame, 'customers/')).toMatch(/customers\/acme-indus\S*…/);
	});

	test('120 columns: the name gets its width (up to 36), the failure text the rest', async () => {
		const {frame} = await table(120);
		expect(rowOf(frame, 'customers/')).toContain(`${LONG_REF.slice(0, 35)}…`);
		expect(rowOf(frame, 'invoice-0002.pdf')).toContain(FAILURE.slice(0, 39));
	});

	test('60 columns: cost goes before the name is cut; the failure text stays, shortened', async () => {
		const {frame, heading} = await table(60);
		expect(heading).not.toContain('cost');
		expect(heading).toContain('duration');
		expect(rowOf(frame, 'invoice-0002.pdf')).toMatch(/ 42s WORKER_LOST…$/);
	});

	test('without a failure on screen the column is left out and the name takes the room', async () => {
		const first = page().map((row) => ({...row, status_code: row.status_code === 'failed' ? 'succeeded' : row.status_code, run: undefined}));
		const {frame, heading} = await table(80, first);
		expect(heading).not.toContain('failure');
		expect(rowOf(frame, 'customers/')).toContain(LONG_REF.slice(0, 38));
		expect(heading.trimEnd().endsWith('cost')).toBe(true);
	});

	test('a long status word shows whole when there is room, and gives way first when there is not', async () => {
		const first = page().map((row) => (row.sequence_index === 3 ? {...row, status_code: 'partial_succeeded'} : row));
		const wide = await table(120, first);
		expect(rowOf(wide.frame, 'receipt_0003.png')).toContain('◑ partial succeeded ');
		const narrow = await table(80, first);
		expect(rowOf(narrow.frame, 'receipt_0003.png')).toContain('◑ partial s…');
		expect(rowOf(narrow.frame, 'invoice-0000.pdf')).toContain('invoice-0000.pdf');
	});
});
