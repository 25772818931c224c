// The job screen's words (issue 18.4–18.6): the job's status word follows its batches' own words,
// the time column never estimates nothing, and a status word takes its short form before it is cut.
import {afterEach, describe, expect, it} from 'vitest';
import type {Batch} from '../../source/api/types.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {cleanup, renderApp} from '../helpers/app.js';
import {lines} from '../ui/fixtures.js';

afterEach(() => cleanup());

const T0 = Date.UTC(2026, 3, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function finished(id: string, status: string, succeeded: number, failed: number, cancelled: number): Batch {
	return {
		id,
		status_code: status,
		items_total: succeeded + failed + cancelled,
		items_succeeded: succeeded,
		items_failed: failed,
		items_cancelled: cancelled,
		cost: '1.00',
		created_at: iso(T0),
		started_at: iso(T0),
		completed_at: iso(T0 + 300_000),
		duration_ms: 300_000,
	};
}

function running(id: string, done: number, total: number, startedAt: number): Batch {
	return {
		id,
		status_code: 'running',
		items_total: total,
		items_succeeded: done,
		items_failed: 0,
		items_cancelled: 0,
		cost: '0.50',
		created_at: iso(startedAt),
		started_at: iso(startedAt),
	};
}

function jobStore(batches: Batch[], serverDate: number | null = null): AppStore {
	const store = createAppStore({batchId: batches[0]!.id, pageSize: 10, jobIds: batches.map((b) => b.id)});
	for (const batch of batches) store.getState().jobBatchLoaded(batch, T0 + 400_000, serverDate);
	store.getState().pollSucceeded(T0 + 400_000);
	return store;
}

const rowOf = (frame: string, id: string) => lines(frame).find((line) => line.slice(3).startsWith(id)) ?? '';

describe("the job's status word", () => {
	it('every batch partial_succeeded: the job is partial succeeded, not failed', async () => {
		// 1,056 succeeded, 96 failed, 48 cancelled over 12 batches, as the job.
		const store = jobStore(Array.from({length: 12}, (_, i) => finished(`b_${i}`, 'partial_succeeded', 88, 8, 4)));
		const app = await renderApp(store, {columns: 120, rows: 30});
		const header = lines(app.frame())[0]!;
		expect(header).toContain('job · 12 batches · ◑ partial succeeded');
		expect(header).not.toContain('failed');
	});

	it('failed only when no item succeeded; succeeded when every batch did', async () => {
		const failed = await renderApp(jobStore([finished('b_1', 'failed', 0, 10, 0), finished('b_2', 'failed', 0, 8, 2)]), {columns: 120, rows: 30});
		expect(lines(failed.frame())[0]).toContain('✗ failed');
		cleanup();
		const mixed = await renderApp(jobStore([finished('b_1', 'succeeded', 10, 0, 0), finished('b_2', 'failed', 0, 10, 0)]), {columns: 120, rows: 30});
		expect(lines(mixed.frame())[0]).toContain('◑ partial succeeded');
		cleanup();
		const good = await renderApp(jobStore([finished('b_1', 'succeeded', 10, 0, 0), finished('b_2', 'succeeded', 5, 0, 0)]), {columns: 120, rows: 30});
		expect(lines(good.frame())[0]).toContain('✓ succeeded');
	});
});

describe('the time column of a running batch', () => {
	it('no estimate of nothing: a server whose timestamps run ahead of its clock shows —, never ~0.0s', async () => {
		// 12–15 % done, started 40 s "after" the server's own Date header.
		const server = T0 + 100_000;
		const store = jobStore([running('b_ahead_1', 12, 100, server + 40_000), running('b_ahead_2', 15, 100, server + 40_000)], server);
		const app = await renderApp(store, {columns: 120, rows: 30});
		for (const id of ['b_ahead_1', 'b_ahead_2']) {
			const row = rowOf(app.frame(), id);
			expect(row).toMatch(/—\s*$/);
			expect(row).not.toMatch(/~0\.0s|~-/);
		}
	});

	it("— until the batch's own rate means something (30 s, 2 items), then an estimate", async () => {
		const server = T0 + 100_000;
		const store = jobStore(
			[running('b_young', 12, 100, server - 5_000), running('b_one', 1, 100, server - 60_000), running('b_known', 12, 100, server - 60_000)],
			server,
		);
		const app = await renderApp(store, {columns: 120, rows: 30});
		expect(rowOf(app.frame(), 'b_young')).toMatch(/—\s*$/);
		expect(rowOf(app.frame(), 'b_one')).toMatch(/—\s*$/);
		// 60 s for 12 of 100: 88 × 5 s left.
		expect(rowOf(app.frame(), 'b_known')).toMatch(/~7m 20s\s*$/);
	});
});

describe('status words in a narrow table', () => {
	it('at 80 columns a long word takes its short form (◑ partial), never cut', async () => {
		const store = jobStore([finished('b_part', 'partial_succeeded', 9, 1, 0), finished('b_good', 'succeeded', 10, 0, 0)]);
		const app = await renderApp(store, {columns: 80, rows: 24});
		const row = rowOf(app.frame(), 'b_part');
		expect(row).toContain('◑ partial ');
		expect(row).not.toContain('…');
		expect(rowOf(app.frame(), 'b_good')).toContain('✓ succeeded');
	});

	it('at 120 columns the whole word', async () => {
		const store = jobStore([finished('b_part', 'partial_succeeded', 9, 1, 0)]);
		const app = await renderApp(store, {columns: 120, rows: 24});
		expect(rowOf(app.frame(), 'b_part')).toContain('◑ partial succeeded');
	});
});
