// The one table's foot line: cut to the terminal's width, so it is drawn once and the frame stays
// rows − 1 lines, however long the words under the batches grow (a filter and a lagging figure).
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import type {Batch} from '../../source/api/types.js';
import {createAppStore} from '../../source/store/store.js';
import {cleanup, lines, renderApp} from './fixtures.js';

afterEach(cleanup);

const T0 = Date.UTC(2026, 3, 1, 12, 0, 0);

const running = (id: string): Batch => ({
	id,
	status_code: 'running',
	items_total: 10,
	items_succeeded: 3,
	items_failed: 0,
	items_cancelled: 0,
	cost: '0.1',
	started_at: '2026-04-01T12:00:00Z',
});

describe("the job table's foot line", () => {
	for (const columns of [60, 80, 120]) {
		it(`at ${columns} columns, with a filter and a lagging figure: one line within the width, the frame rows − 1`, async () => {
			const store = createAppStore({batchId: 'b_first', pageSize: 10, jobIds: ['b_first', 'b_second'], intervalMs: 2000});
			store.getState().jobBatchLoaded(running('b_first'), T0);
			store.getState().jobBatchLoaded(running('b_second'), T0 + 1000);
			// b_first's figure is 9 s old: the foot line names it.
			store.getState().jobBatchLoaded(running('b_second'), T0 + 9000);
			store.getState().pollSucceeded(T0 + 9000);
			store.getState().cycleJobFilter(); // running
			const app = await renderApp(store, {columns, rows: 24});
			const frame = lines(await app.waitForFrame((text) => text.includes('filter: running')));
			expect(frame.length).toBeLessThanOrEqual(23);
			const foot = frame.filter((line) => line.includes('batch 1 of 2'));
			expect(foot).toHaveLength(1);
			expect(stringWidth(foot[0]!)).toBeLessThanOrEqual(columns);
			// Cut where it does not fit; whole where it does.
			const words = '  batch 1 of 2 · filter: running (2 of 2) · s changes it · ';
			expect(foot[0]!.startsWith(words)).toBe(true);
			expect(foot[0]).toMatch(columns < 100 ? /…$/ : /oldest figure read at \d\d:\d\d:\d\d \(b_first\)$/);
			// The footer is still the last line.
			expect(frame.at(-1)).toContain('q quit');
		});
	}
});
