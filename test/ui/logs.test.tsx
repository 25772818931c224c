// The log view: open with Enter, lines, follow and scroll, states, Esc back to the same row.
// (More of the run view: test/run/.)
import {afterEach, describe, expect, test} from 'vitest';
import {MAX_LOG_LINES} from '../../source/store/state.js';
import {cleanup, filledStore, item, items, KEY, lines, logLine, renderApp, selectedLine} from './fixtures.js';

afterEach(() => {
	cleanup();
});

/** A store with the list, the third item selected and its log view open. */
async function openLogsOfItem3() {
	const store = filledStore();
	const app = await renderApp(store);
	await app.press('j', 'j', 'j', KEY.enter);
	return {store, app};
}

const load = (store: ReturnType<typeof filledStore>, from: number, to: number) => {
	const fresh = Array.from({length: to - from}, (_, k) => logLine(from + k, {run_id: 'run-3'}));
	store.getState().logsLoaded('run-3', fresh);
};

describe('log view', () => {
	test("Enter opens the selected item's run, and its lines show as they arrive", async () => {
		const {store, app} = await openLogsOfItem3();
		expect(store.getState().view).toBe('logs');
		expect(app.frame()).toContain('run run-3 · item #3 ref-3 · ✓ succeeded');
		expect(app.frame()).toContain('loading logs…');
		store
			.getState()
			.logsLoaded('run-3', [
				logLine(1, {run_id: 'run-3', level_code: 'info', message: 'starting'}),
				logLine(2, {run_id: 'run-3', level_code: 'warning', message: 'slow node'}),
				logLine(3, {run_id: 'run-3', level_code: 'error', message: 'node failed'}),
			]);
		const frame = await app.waitForFrame((shown) => shown.includes('node failed'));
		expect(frame).not.toContain('loading logs…');
		expect(frame).toMatch(/\d\d:\d\d:\d\d info\s+starting/);
		expect(frame).toMatch(/\d\d:\d\d:\d\d warning\s+slow node/);
		expect(frame).toMatch(/\d\d:\d\d:\d\d error\s+node failed/);
		expect(frame).toContain('lines 1–3 of 3 · following');
	});

	test('Esc goes back to the list with the same row selected', async () => {
		const {store, app} = await openLogsOfItem3();
		await app.press(KEY.escape);
		expect(store.getState().view).toBe('list');
		expect(selectedLine(app.frame())).toContain('ref-3 ');
		expect(app.frame()).not.toContain('run run-3');
	});

	test('? from the log view comes back to the log view', async () => {
		const {store, app} = await openLogsOfItem3();
		await app.press('?');
		expect(app.frame()).toContain('keys · run and logs');
		await app.press('x');
		expect(store.getState().view).toBe('logs');
		expect(app.frame()).toContain('run run-3 · item #3');
	});

	test('follows the end, scrolls back with k, and G follows again', async () => {
		const {store, app} = await openLogsOfItem3();
		load(store, 1, 101);
		await app.waitForFrame((frame) => frame.includes('line number 100'));
		// 24 rows: 23 lines; the app's header, the run's (title, facts), status, footer → 18 rows: lines 83–100.
		expect(app.frame()).toContain('line number 100');
		expect(app.frame()).not.toContain('line number 82\n');
		expect(app.frame()).toContain('lines 83–100 of 100 · following');
		await app.press('k', 'k');
		expect(app.frame()).toContain('lines 81–98 of 100 · paused at line 81');
		expect(app.frame()).not.toContain('line number 100');
		load(store, 101, 103);
		// Scrolled back: new lines do not move the view.
		await app.waitForFrame((frame) => frame.includes('lines 81–98 of 102'));
		expect(app.frame()).toContain('paused at line 81');
		await app.press('G');
		expect(app.frame()).toContain('line number 102');
		expect(app.frame()).toContain('· following');
		await app.press('g');
		expect(app.frame()).toContain('line number 1\n');
		expect(app.frame()).toContain('lines 1–18 of 102 · paused at line 1');
		await app.press(KEY.pageDown);
		expect(app.frame()).toContain('paused at line 19');
	});

	test('a multi-line message takes one row per line, and the frame still fits', async () => {
		const {store, app} = await openLogsOfItem3();
		load(store, 1, 30);
		store.getState().logsLoaded('run-3', [logLine(99, {id: 'log-tb', run_id: 'run-3', message: 'Traceback:\n  frame one\n  frame two'})]);
		const frame = await app.waitForFrame((shown) => shown.includes('frame two'));
		expect(frame).toMatch(/info\s+Traceback:/);
		expect(frame).toMatch(/\n\s+ {2}frame one/);
		expect(frame).toMatch(/\n\s+ {2}frame two/);
		expect(lines(frame).length).toBeLessThanOrEqual(23);
	});

	test('an item without a run, a log error and dropped lines are each said', async () => {
		const store = filledStore([item(0, {run_id: null, status_code: 'queued'}), ...items(1, 5)]);
		const app = await renderApp(store);
		await app.press(KEY.enter);
		expect(app.frame()).toContain('this item has not started a run yet');
		await app.press(KEY.escape, 'j', KEY.enter);
		store.getState().logsFailed('run-1', 'the server answered 500');
		await app.waitForFrame((frame) => frame.includes('the server answered 500'));
		const many = Array.from({length: MAX_LOG_LINES + 5}, (_, k) => logLine(k, {run_id: 'run-1'}));
		store.getState().logsLoaded('run-1', many);
		await app.waitForFrame((frame) => frame.includes(`of ${MAX_LOG_LINES} · following · 5 older lines dropped (10,000 max)`));
	});
});
