// The glance line: elapsed, items per minute and a sparkline, the oldest running item, p50/p95,
// cost per item and the projected total; lower-priority figures give way at 60 columns; a
// possibly stuck item is marked in its row; `L` selects the item running longest; the finished
// words once the batch is over.
import stringWidth from 'string-width';
import {afterEach, describe, expect, test} from 'vitest';

process.env['FORCE_COLOR'] = '1';
const {batch, cleanup, filledStore, item, items, lines, renderApp, selectedLine, T0, waitFor} = await import('./fixtures.js');

afterEach(cleanup);

/** Waits until `check` passes (10 s at most). */
const until = async (check: () => void): Promise<void> => {
	await waitFor(() => {
		check();
		return true;
	});
};

const START = '2026-04-01T11:59:00Z';

/** 50 held items (succeeded, 42 s each) but #20, running since 11:00: an hour, far past 3× p95. */
function runningStore(stuckIndex = 20) {
	const rows = items(0, 50).map((row) =>
		row.sequence_index === stuckIndex
			? item(stuckIndex, {status_code: 'running', started_at: '2026-04-01T11:00:00Z', completed_at: null, cost: null})
			: row,
	);
	const store = filledStore(rows, {started_at: START});
	store.getState().batchLoaded(batch({started_at: START, items_succeeded: 41}), T0 + 60_000);
	store.getState().batchLoaded(batch({started_at: START, items_succeeded: 51}), T0 + 120_000);
	return store;
}

describe('the glance line', {timeout: 30_000}, () => {
	test('at 120 columns: every figure', async () => {
		const app = await renderApp(runningStore(), {columns: 120, rows: 24});
		await until(() => {
			const frame = app.frame();
			// Elapsed to the newest server timestamp (12:00:42), not the local clock.
			expect(frame).toContain('elapsed 1m 42s');
			expect(frame).toContain('10/min ██');
			expect(frame).toContain('oldest #20 1h 00m ! stuck?');
			expect(frame).toContain('p50 42s p95 42s');
			expect(frame).toMatch(/\$0\.0\d+\/item/);
			expect(frame).toMatch(/total ~\$\d\.\d{4}/);
			expect(frame).toContain('ETA ~6m 36s');
		});
	});

	test('at 60 columns the sparkline, p50/p95 and the average give way; nothing passes the edge', async () => {
		const rows = 24;
		const app = await renderApp(runningStore(), {columns: 60, rows});
		await until(() => {
			const frame = lines(app.frame());
			expect(frame.length).toBeLessThanOrEqual(rows - 1);
			for (const line of frame) expect(stringWidth(line)).toBeLessThanOrEqual(60);
			const pace = frame.find((line) => line.includes('stuck?'))!;
			expect(pace).toContain('10/min');
			expect(pace).toMatch(/total ~\$/);
			expect(pace).not.toContain('p95');
			expect(pace).not.toContain('▁');
		});
	});

	test("a possibly stuck item's duration is yellow after a '!'; L selects it", async () => {
		const app = await renderApp(runningStore(), {columns: 100, rows: 40});
		await until(() => {
			const row = lines(app.raw()).find((line) => line.includes('ref-20 '))!;
			expect(row).toMatch(/\u001B\[33m\s*!1h 0\dm/);
		});
		expect(selectedLine(app.frame())).toContain('ref-0 ');
		app.stdin.write('L');
		await until(() => {
			expect(selectedLine(app.frame())).toContain('ref-20 ');
			expect(app.frame()).toContain('longest running: #20 ref-20, running 1h 00m, possibly stuck');
		});
	});

	test('L when the item running longest is held on another page: says so', async () => {
		const app = await renderApp(runningStore(-1), {columns: 120, rows: 24});
		await until(() => expect(app.frame()).toContain('elapsed'));
		app.stdin.write('L');
		await until(() => expect(app.frame()).toContain('no running item with a start time on the pages held'));
	});

	test('--max-cost passed: the glance line says which figure passed it, in red', async () => {
		const store = runningStore();
		store.setState({maxCost: 1_000_000_000n});
		const app = await renderApp(store, {columns: 80, rows: 24});
		await until(() => expect(app.raw()).toMatch(/\u001B\[31mover budget: spent \$1\.2345 > \$1\.0000/));
		cleanup();
		store.setState({maxCost: 2_000_000_000n});
		const projected = await renderApp(store, {columns: 80, rows: 24});
		await until(() => expect(projected.frame()).toContain('over budget: heads for ~$2.7433 > $2.0000'));
	});

	test('a finished batch says so in words, with the counts, the time it took and the cost', async () => {
		const store = filledStore(items(0, 50), {
			status_code: 'failed',
			items_total: 120,
			items_succeeded: 110,
			items_failed: 8,
			items_cancelled: 2,
			cost: '1.48',
			started_at: '2026-04-01T12:00:00Z',
			completed_at: '2026-04-01T12:03:05Z',
		});
		const app = await renderApp(store, {columns: 100, rows: 24});
		await until(() => expect(app.frame()).toContain('finished: 110 succeeded, 8 failed, 2 cancelled in 3m 05s, $1.4800'));
		expect(app.frame()).not.toContain('ETA');
		cleanup();
		const narrow = await renderApp(store, {columns: 60, rows: 24});
		await until(() => expect(narrow.frame()).toContain('finished: 110 succeeded, 8 failed, 2 cancelled in 3m 05s'));
	});
});
