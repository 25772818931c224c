// The list view: summary, table, selection, paging, pause, controller keys, connection states.
import {afterEach, describe, expect, test} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {formatClock} from '../../source/lib/format.js';
import {createAppStore} from '../../source/store/store.js';
import {settle} from '../helpers/app.js';
import {batch, cleanup, filledStore, item, items, KEY, lines, page, renderApp, selectedLine, stripSgr, T0} from './fixtures.js';

afterEach(() => {
	cleanup();
});

describe('summary', () => {
	test('shows progress, every status count with its share, and the total cost', async () => {
		const app = await renderApp(filledStore());
		const frame = app.frame();
		expect(frame).toContain('34/120 (28%)');
		expect(frame).toContain('✓ succeeded 31 (25%)');
		expect(frame).toContain('✗ failed 3 (2%)');
		expect(frame).toContain('in progress 86 (71%)');
		expect(frame).toContain('cost $1.2345');
		expect(frame).toMatch(/runflow-watch · batch b-1 · ◐ running · updated \d\d:\d\d:\d\d · live/);
	});

	test('shows an ETA once progress has been sampled over time', async () => {
		const store = filledStore();
		store.getState().batchLoaded(batch({items_succeeded: 41}), T0 + 60_000);
		const app = await renderApp(store);
		// 10 items a minute, 76 to go → 7m 36s.
		expect(app.frame()).toContain('ETA ~7m 36s');
	});

	test('the cost falls back to the held items when the batch has none', async () => {
		const app = await renderApp(filledStore(items(0, 50), {cost: null}));
		expect(app.frame()).toContain('cost $0.5000');
	});
});

describe('table and selection', () => {
	test('j/k and the arrows move the selection, and the › marker follows it', async () => {
		const app = await renderApp(filledStore());
		expect(selectedLine(app.frame())).toContain('ref-0 ');
		await app.press('j', 'j');
		expect(selectedLine(app.frame())).toContain('ref-2 ');
		await app.press('k');
		expect(selectedLine(app.frame())).toContain('ref-1 ');
		await app.press(KEY.down, KEY.down, KEY.up);
		expect(selectedLine(app.frame())).toContain('ref-2 ');
		expect(lines(app.frame()).filter((line) => line.includes('›'))).toHaveLength(1);
	});

	test('only the rows that fit are drawn, and the window follows the selection', async () => {
		const app = await renderApp(filledStore());
		expect(app.frame()).toContain('ref-15 ');
		expect(app.frame()).not.toContain('ref-16 ');
		await app.press('G');
		expect(selectedLine(app.frame())).toContain('ref-49');
		expect(app.frame()).not.toContain('ref-0 ');
		expect(app.frame()).toContain('ref-34 ');
		await app.press('g');
		expect(selectedLine(app.frame())).toContain('ref-0 ');
	});

	test('PgDn and PgUp move by the rows on screen', async () => {
		const app = await renderApp(filledStore());
		await app.press(KEY.pageDown);
		// 24 rows: 23 lines of frame, 7 of them not table rows (the glance line is one) → 16 rows.
		expect(selectedLine(app.frame())).toContain('ref-16 ');
		await app.press(KEY.pageUp);
		expect(selectedLine(app.frame())).toContain('ref-0 ');
	});

	test('columns: index, status word and symbol, duration, cost, failure code and message', async () => {
		const failed = item(7, {
			status_code: 'failed',
			cost: null,
			run: {cost: '0.25', failure_code: 'OOM', failure_message: 'out of memory'},
		});
		const running = item(8, {status_code: 'running', completed_at: null, started_at: '2026-04-01T11:59:00Z'});
		const app = await renderApp(filledStore([failed, running]));
		const row = lines(app.frame()).find((line) => line.includes('ref-7'));
		expect(row).toMatch(/›\s+7 ✗ failed\s+ref-7\s+42s\s+\$0\.2500 OOM: out of memory/);
		// A running item's duration runs to when the data last changed (T0), not to a clock.
		expect(lines(app.frame()).find((line) => line.includes('ref-8'))).toMatch(/◐ running\s+ref-8\s+1m 00s/);
		expect(app.frame()).toMatch(/#\s+status\s+client_ref\s+duration\s+cost\s+failure/);
	});

	test('an empty page and a page not loaded yet say so', async () => {
		const empty = await renderApp(filledStore([]));
		expect(empty.frame()).toContain('no items on this page');
		cleanup();
		const store = createAppStore({batchId: 'b-1', pageSize: 50});
		const loading = await renderApp(store);
		expect(loading.frame()).toContain('loading…');
		expect(loading.frame()).toContain('connecting…');
	});
});

describe('paging', () => {
	test('n goes to the next page and p back, with the page line following', async () => {
		const store = filledStore();
		const app = await renderApp(store);
		expect(app.frame()).toContain('page 1 · items #0–#49 of 120 · ↑↓/jk select · n/p page');
		await app.press('n');
		expect(store.getState().list.cursor).toBe('c2');
		expect(app.frame()).toContain('loading…');
		// Whether page 2 is the last is not known while it loads.
		expect(app.frame()).toContain('page 2 · 120 items');
		expect(app.frame()).not.toContain('(last)');
		store.getState().pageLoaded('c2', page(items(50, 100), 'c3', 'c1'), T0 + 2000);
		await app.waitForFrame((frame) => frame.includes('ref-50 '));
		expect(app.frame()).toContain('ref-50 ');
		expect(app.frame()).not.toContain('ref-0 ');
		expect(app.frame()).toContain('page 2 · items #50–#99 of 120');
		await app.press('p');
		expect(app.frame()).toContain('ref-0 ');
		expect(app.frame()).toContain('page 1 ·');
		await app.press(KEY.right);
		expect(app.frame()).toContain('ref-50 ');
		await app.press(KEY.left);
		expect(app.frame()).toContain('ref-0 ');
	});
});

describe('the page line', () => {
	test('numbers items as the # column does (from #0), and a page of one item says item', async () => {
		const store = filledStore();
		const app = await renderApp(store);
		// The first row is #0 in the table: the page line says #0, not 1.
		expect(lines(app.frame()).find((line) => line.includes('ref-0 '))).toMatch(/›\s+0 /);
		expect(app.frame()).toContain('items #0–#49 of 120');
		await app.press('G');
		expect(selectedLine(app.frame())).toMatch(/›\s+49 /);
		await app.press('n');
		store.getState().pageLoaded('c2', page(items(119, 120), null, 'c1'), T0 + 2000);
		await app.waitForFrame((frame) => frame.includes('ref-119 '));
		expect(app.frame()).toContain('page 2 (last) · item #119 of 120 ·');
	});

	test("in a server's order it counts rows, positions from 1 (no #); sorted here, the numbers lowest to highest", async () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 50});
		store.getState().batchLoaded(batch({items_total: 51}), T0);
		store.getState().setOrder('cost');
		store.getState().pageLoaded(null, page([item(7), item(3), item(40)], 'c2'), T0);
		store.getState().pollSucceeded(T0);
		const app = await renderApp(store);
		expect(app.frame()).toContain('page 1 · rows 1–3 of 51 ·');
		await app.press('n');
		store.getState().pageLoaded('c2', page([item(12)], null, 'c1'), T0 + 2000);
		await app.waitForFrame((frame) => frame.includes('ref-12 '));
		expect(app.frame()).toContain('page 2 (last) · row 51 of 51 ·');
		cleanup();
		// Longest running is sorted here: the page's items by number, lowest to highest.
		const held = createAppStore({batchId: 'b-1', pageSize: 50});
		held.getState().batchLoaded(batch({items_total: 51}), T0);
		held.getState().setOrder('running');
		held.getState().pageLoaded(null, page([item(7), item(3), item(40)], 'c2'), T0);
		held.getState().pollSucceeded(T0);
		const sorted = await renderApp(held);
		expect(sorted.frame()).toContain('page 1 · items #3–#40 of 51 ·');
	});
});

describe('keys to the store and the controller', () => {
	test('space pauses and resumes, with PAUSED in the header', async () => {
		const store = filledStore();
		const app = await renderApp(store);
		expect(app.frame()).not.toContain('PAUSED');
		await app.press(' ');
		expect(store.getState().paused).toBe(true);
		expect(lines(app.frame())[0]).toContain('PAUSED');
		await app.press(' ');
		expect(app.frame()).not.toContain('PAUSED');
	});

	test('q and Ctrl+C quit, r refreshes', async () => {
		const app = await renderApp(filledStore());
		await app.press('r');
		expect(app.controller.refresh).toHaveBeenCalledTimes(1);
		expect(app.controller.quit).not.toHaveBeenCalled();
		await app.press('q');
		expect(app.controller.quit).toHaveBeenCalledTimes(1);
		await app.press(KEY.ctrlC);
		expect(app.controller.quit).toHaveBeenCalledTimes(2);
	});

	test('? shows every key, and any key goes back', async () => {
		const store = filledStore();
		const app = await renderApp(store);
		await app.press('?');
		expect(app.frame()).toContain('PgUp/PgDn');
		expect(app.frame()).toContain('q/ctrl+c');
		expect(app.frame()).not.toContain('client_ref');
		await app.press('x');
		expect(store.getState().view).toBe('list');
		expect(app.frame()).toContain('client_ref');
		await app.press('?', KEY.escape);
		expect(app.frame()).toContain('client_ref');
	});

	test('without a TTY no key is read', async () => {
		const store = filledStore();
		const app = await renderApp(store, {interactive: false});
		app.stdin.write('j');
		app.stdin.write('q');
		await settle();
		// Nobody reads stdin: the keys are still there, unread.
		expect(app.stdin.unread()).toBe('jq');
		expect(store.getState().list.selected).toBe(0);
		expect(app.controller.quit).not.toHaveBeenCalled();
	});
});

describe('connection', () => {
	const failure = new ApiError({kind: 'server', message: 'the server answered 503'});

	test('retrying says since when the data is stale and when the next try is, as times, and the reason on the line below', async () => {
		const store = filledStore();
		store.getState().pollSucceeded(T0);
		store.getState().quickRetry('the server answered 503, retrying in 1 s');
		store.getState().pollFailed(failure, T0 + 128_000, T0 + 120_000);
		store.getState().quickRetry('the server answered 503, retrying in 1 s');
		// A clock that moves on every look: nothing shown may depend on it.
		let clock = T0 + 120_000;
		const app = await renderApp(store, {now: () => (clock += 1000)});
		const header = lines(app.frame())[0];
		expect(header).toContain(`stale since ${formatClock(T0)} · retrying at ${formatClock(T0 + 128_000)} (attempt 1)`);
		expect(app.frame()).toContain('the server answered 503');
		// One statement of when: the line below gives the reason, no countdown.
		expect(app.frame()).not.toMatch(/retrying in|next in/);
		// Drawn again (the clock has moved on): the same header.
		await app.redraw();
		expect(lines(app.frame())[0]).toBe(header);
	});

	test('a poll overdue marks the data stale (dimmed) until its answer', async () => {
		const store = filledStore();
		store.getState().pollSucceeded(T0);
		const app = await renderApp(store);
		expect(lines(app.frame())[0]).toMatch(/ · live$/);
		store.getState().pollOverdue();
		await app.waitForFrame((frame) => lines(frame)[0]!.includes(`stale since ${formatClock(T0)} · waiting for an answer`));
		store.getState().pollSucceeded(T0 + 5000);
		await app.waitForFrame((frame) => / · live$/.test(lines(frame)[0]!));
	});

	test('halted shows stopped: and the error; a notice takes the error line', async () => {
		const store = filledStore();
		store.getState().pollFailed(new ApiError({kind: 'unauthorized', message: 'the API key was rejected'}), null, T0);
		const app = await renderApp(store);
		expect(lines(app.frame())[0]).toContain('stopped: the API key was rejected');
		store.getState().setNotice('rate limited, retrying in 4 s');
		await app.waitForFrame((frame) => frame.includes('rate limited, retrying in 4 s'));
		expect(app.frame()).toContain('rate limited, retrying in 4 s');
		expect(lines(app.frame()).filter((line) => line.includes('the API key was rejected'))).toHaveLength(1);
	});
});

describe('drawing', () => {
	test('a poll that brings nothing new draws nothing; a change draws once', async () => {
		const store = filledStore();
		// A clock that moves on every look: nothing on screen may depend on it while the connection is fine.
		let clock = T0;
		const app = await renderApp(store, {now: () => (clock += 1000)});
		const drawn = app.frames.length;
		store.getState().batchLoaded(batch(), T0 + 2000);
		store.getState().pageLoaded(null, page(items(0, 50), 'c2'), T0 + 2000);
		store.getState().pollSucceeded(T0 + 2000);
		store.getState().batchLoaded(batch({items_succeeded: 32}), T0 + 4000);
		await app.waitForFrame((frame) => frame.includes('✓ succeeded 32'));
		// Every frame since shows the change: the poll that brought nothing new drew none.
		expect(app.frames.length).toBeGreaterThan(drawn);
		expect(
			app.frames
				.slice(drawn)
				.map(stripSgr)
				.every((frame) => frame.includes('✓ succeeded 32')),
		).toBe(true);
	});
});

describe('the pace in the header', () => {
	test('once polling stopped, the header says so at every width from 60 columns, in the longest form that fits', async () => {
		const store = filledStore(items(0, 50), {status_code: 'partial_succeeded', items_total: 50, items_succeeded: 50});
		store.getState().pollingSettled(true);
		const wide = await renderApp(store, {columns: 120, rows: 24});
		expect(lines(wide.frame())[0]).toContain('finished · not polling · r refreshes');
		cleanup();
		const narrow = await renderApp(store, {columns: 60, rows: 24});
		const header = lines(narrow.frame())[0]!;
		expect(header).toMatch(/not polling/);
		expect(header).not.toContain('…');
	});
});
