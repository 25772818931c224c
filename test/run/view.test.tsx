// The run view on screen: the header from real simulator data, t/w toggles, search with n/N,
// [/] through the page's runs and Esc back, the cap said, the 100 KB line and hostile text.
import {afterEach, describe, expect, test} from 'vitest';
import type {LogLine} from '../../source/api/types.js';
import {displayWidth} from '../../source/lib/format.js';
import {bigLogLine, HOSTILE_STRINGS} from '../../source/sim/hostile.js';
import {MAX_LOG_LINES, MAX_RUNS_KEPT} from '../../source/store/run-state.js';
import {closeSimulatorsAfterEach} from '../helpers/sim.js';
import {cleanup, filledStore, item, items, KEY, lines, logLine, page, renderApp, selectedLine, stripSgr, T0} from '../ui/fixtures.js';
import {runHarness, stopPollersAfterEach} from './harness.js';
import {waitFor} from '../helpers/app.js';

closeSimulatorsAfterEach();
stopPollersAfterEach();
afterEach(() => {
	cleanup();
});

const FAILED_RUN = {
	status_code: 'failed',
	failure_code: 'MODEL_ERROR',
	failure_stage_code: 'inference',
	failure_message: 'RuntimeError: shape mismatch in attention block (expected 768, got 1024) while running the second pass\n  File "/app/model.py", line 212',
	nodes_total: 3,
	nodes_completed: 2,
	duration_ms: 4200,
	node_runs: [
		{id: 'n1', node_id: 'n_preprocess', state_code: 'succeeded', duration_ms: 1200, retry_count: 0},
		{id: 'n2', node_id: 'n_inference', state_code: 'failed', duration_ms: 3000, retry_count: 2, error_message: 'shape mismatch'},
		{id: 'n3', node_id: 'n_upload', state_code: 'skipped', duration_ms: null, retry_count: 0},
	],
};

const lineOf =
	(runId: string) =>
	(n: number, patch: Partial<LogLine> = {}) =>
		logLine(n, {id: `${runId}-${n}`, run_id: runId, ...patch});

/** A list whose item 2 failed, the run view of item 2 open with 60 lines. */
async function openFailedRun(size = {columns: 80, rows: 24}) {
	const store = filledStore([...items(0, 2), item(2, {status_code: 'failed', run: FAILED_RUN}), ...items(3, 8)]);
	const app = await renderApp(store, size);
	await app.press('j', 'j', KEY.enter);
	const line = lineOf('run-2');
	store.getState().logsLoaded(
		'run-2',
		Array.from({length: 60}, (_, k) =>
			line(k, {
				level_code: ['info', 'warning', 'error', 'debug'][k % 4]!,
				message: k % 10 === 7 ? `checkpoint ${k} saved` : `step ${k}`,
				timestamp: `2026-04-01T12:00:${String(k % 60).padStart(2, '0')}Z`,
			}),
		),
	);
	await app.waitForFrame((frame) => frame.includes('step 59'));
	return {store, app};
}

function expectFits(frame: string, size: {columns: number; rows: number}): void {
	expect(lines(frame).length).toBeLessThanOrEqual(size.rows - 1);
	for (const row of lines(frame)) expect(displayWidth(row)).toBeLessThanOrEqual(size.columns);
}

describe('the run header', () => {
	test('shows why a run of the simulator failed: code, stage, the whole message, node runs', async () => {
		const t = await runHarness({failureRate: 1, logLinesPerRun: 20, seed: 11});
		t.at(2);
		await t.open();
		await waitFor(() => expect(t.logs()?.runFinal).toBe(true));
		await waitFor(() => expect(t.logs()?.fetch.phase).toBe('done'));
		const app = await renderApp(t.store, {columns: 120, rows: 40, interactive: false});
		const frame = app.frame();
		const failure = t.plan.failure!;
		expect(frame).toContain(failure.code === null ? '✗ failure · stage' : `✗ failure ${failure.code} · stage ${failure.stage}`);
		for (const part of failure.message.split('\n')) expect(frame).toContain(part.trim());
		expect(frame).toMatch(/✗ n_\w+ +failed/);
		expect(frame).toMatch(/nodes \d\/\d done/);
		// And its last log lines, the error at the end.
		expect(frame).toContain(`error   ${failure.message.split('\n')[0]!.slice(0, 60)}`);
		expectFits(frame, {columns: 120, rows: 40});
	});

	test('a long failure message is wrapped whole, and the header keeps to a third of the screen', async () => {
		const {app} = await openFailedRun({columns: 60, rows: 40});
		const frame = app.frame();
		expect(frame).toContain('✗ failure MODEL_ERROR · stage inference');
		expect(frame).toContain('RuntimeError: shape mismatch in attention block (expected');
		expect(frame).toContain('768, got 1024) while running the second pass');
		expect(frame).toContain('File "/app/model.py", line 212');
		expect(frame).toMatch(/✗ n_inference +failed +3\.0s retries 2 shape mis/);
		expect(frame).toContain('– n_upload');
		expectFits(frame, {columns: 60, rows: 40});

		const small = await openFailedRun({columns: 80, rows: 24});
		const cut = small.app.frame();
		expect(cut).toMatch(/… \(\d+ more lines\)/);
		const header = lines(cut).slice(1, lines(cut).findIndex((row) => row.includes('… (')) + 1);
		expect(header.length).toBeLessThanOrEqual(Math.floor(23 / 3));
		expect(cut).toContain('step 59'); // the logs kept their room
		expectFits(cut, {columns: 80, rows: 24});
	});

	test('node runs in free-text states show the symbol of what they mean, never ?', async () => {
		const store = filledStore([...items(0, 2), item(2, {status_code: 'succeeded'}), ...items(3, 8)]);
		const app = await renderApp(store, {columns: 100, rows: 30});
		await app.press('j', 'j', KEY.enter);
		const nodes = [
			['completed', '✓'],
			['success', '✓'],
			['error', '✗'],
			['skipped', '–'],
			['pending', '○'],
			['errored', '!'],
		] as const;
		store.getState().runLoaded(
			'run-2',
			{id: 'run-2', status_code: 'succeeded', logs: [], node_runs: []},
			nodes.map(([state], k) => ({id: `n${k}`, node_id: `n_${state}`, state_code: state, duration_ms: 1000, retry_count: 0})),
		);
		const frame = await app.waitForFrame((shown) => shown.includes('n_errored'));
		for (const [state, symbol] of nodes) expect(frame).toMatch(new RegExp(`${symbol} n_${state} +${state}`));
		expect(frame).not.toMatch(/\? n_/);
	});

	test("keeps the item's client_ref once the run finishes and the item leaves the filtered page", async () => {
		// The list filtered to running items: item 2 (ref-2) is running when its run is opened.
		const store = filledStore([...items(0, 2), item(2, {status_code: 'running'}), ...items(3, 8)]);
		const app = await renderApp(store, {columns: 100, rows: 30});
		await app.press('j', 'j', KEY.enter);
		await waitFor(() => expect(lines(app.frame())[1]).toMatch(/run-2 · item #2 ref-2 · ◐ running/));
		// It succeeded: the next poll of the running-only page no longer holds it.
		store.getState().pageLoaded(null, page([...items(0, 2), ...items(3, 8)]), T0 + 5000);
		store.getState().runLoaded('run-2', {id: 'run-2', status_code: 'succeeded', logs: [], node_runs: []});
		await waitFor(() => expect(lines(app.frame())[1]).toMatch(/run-2 · item #2 ref-2 · ✓ succeeded/));
	});
});

describe('log lines', () => {
	test('level words (never colour alone), t hides and shows timestamps, w wraps long lines', async () => {
		const {store, app} = await openFailedRun();
		expect(app.frame()).toMatch(/ 12:00:59 debug {3}step 59\n/);
		expect(app.frame()).toMatch(/ 12:00:58 error {3}step 58\n/);
		expect(app.frame()).toMatch(/ 12:00:57 warning checkpoint 57 saved\n/);
		await app.press('t');
		expect(app.frame()).toMatch(/\n debug {3}step 59\n/);
		expect(app.frame()).not.toContain('12:00:59');
		store.getState().logsLoaded('run-2', [lineOf('run-2')(60, {message: `${'long '.repeat(40)}END`})]);
		await app.waitForFrame((frame) => frame.includes('long long'));
		expect(app.frame()).toMatch(/ info {4}long long .*…\n/);
		expect(app.frame()).not.toContain('END');
		await app.press('w');
		expect(app.frame()).toContain('END');
		expect(app.frame()).toMatch(/ info {4}(long ){13}long\n {9}(long ){13}long\n {9}(long ){12}END\n/); // between words
		await app.press('w', 't');
		expect(app.frame()).not.toContain('END');
		expect(app.frame()).toContain('12:00:59');
		expectFits(app.frame(), {columns: 80, rows: 24});
	});

	test('s turns following off and on; G follows again', async () => {
		const {store, app} = await openFailedRun();
		expect(app.frame()).toContain('· following');
		await app.press('s');
		expect(app.frame()).toMatch(/paused at line \d+/);
		store.getState().logsLoaded('run-2', [lineOf('run-2')(60, {message: 'fresh line'})]);
		// Held (61 lines now), and not shown: paused.
		await app.waitForFrame((frame) => / of 61 · paused/.test(frame));
		expect(app.frame()).not.toContain('fresh line');
		await app.press('s');
		expect(app.frame()).toContain('fresh line');
		expect(app.frame()).toContain('· following');
		await app.press('k', 'k');
		expect(app.frame()).not.toContain('fresh line');
		await app.press('G');
		expect(app.frame()).toContain('fresh line');
	});

	test('k above the first held line asks for older lines and shows them when they come', async () => {
		const {store, app} = await openFailedRun();
		store.getState().logsLoaded('run-2', [], {fetch: {olderSource: 'cursor', older: 'c-older'}});
		await app.press('g');
		expect(app.frame()).toContain('k: older lines');
		await app.press('k');
		expect(store.getState().logs?.olderWanted).toBe(1);
		expect(app.frame()).toContain('loading older lines…');
		const older = Array.from({length: 5}, (_, k) => lineOf('run-2')(-5 + k, {message: `older ${k}`}));
		store.getState().logsOlderLoaded('run-2', older, {fetch: {older: null, olderSource: 'start'}});
		await app.waitForFrame((frame) => frame.includes('older 4'));
		expect(app.frame()).toMatch(/older 4\n.*step 0\n/);
		expect(app.frame()).not.toContain('older 3');
		await app.press('g');
		expect(app.frame()).toContain('older 0');
		expect(app.frame()).toContain('start of the log');
	});
});

describe('search', () => {
	test('/ types a query (no other key acts meanwhile), Enter goes to a hit, n/N step through them', async () => {
		const {store, app} = await openFailedRun();
		await app.press('/', 'C', 'h', 'e', 'c', 'k', 'q', 'j', KEY.escape);
		// Esc cancelled: q did not quit, j did not scroll, nothing searched.
		expect(app.controller.quit).not.toHaveBeenCalled();
		expect(store.getState().logSearch).toEqual({query: '', hitId: null, prompt: null});
		await app.press('/', 'C', 'h', 'e', 'c', 'k', 'x');
		expect(app.frame()).toContain('/Checkx');
		expect(app.frame()).toContain('enter search · esc cancel');
		await app.press('\u007F', 'p', 'o', 'i', 'n', 't', KEY.enter);
		// Following: the last hit first. Six lines hold 'checkpoint': 7, 17, …, 57.
		expect(app.frame()).toContain('hit 6 of 6');
		expect(app.frame()).toMatch(/›\d\d:\d\d:57 warning checkpoint 57 saved/);
		expect(lines(app.frame()).filter((row) => row.startsWith('›'))).toHaveLength(1);
		expect(app.frame()).toMatch(/\*\d\d:\d\d:47 debug {3}checkpoint 47/); // other hits marked too
		await app.press('N', 'N');
		expect(app.frame()).toContain('hit 4 of 6');
		expect(app.frame()).toMatch(/›\d\d:\d\d:37 warning checkpoint 37 saved/);
		await app.press('n');
		expect(app.frame()).toContain('hit 5 of 6');
		await app.press('n', 'n');
		expect(app.frame()).toContain('hit 1 of 6'); // wraps around
		expect(app.frame()).toMatch(/›\d\d:\d\d:07 debug {3}checkpoint 7 saved/);
		await app.press('N');
		expect(app.frame()).toContain('hit 6 of 6');
		await app.press('/', 'n', 'o', 'p', 'e', KEY.enter);
		expect(app.frame()).toContain('no hits for "nope"');
		expectFits(app.frame(), {columns: 80, rows: 24});
	});
});

describe("[ and ] through the page's runs", () => {
	test("step to the previous/next item's run, keep recent runs, and Esc selects the item last shown", async () => {
		const {store, app} = await openFailedRun();
		await app.press(']');
		expect(app.frame()).toContain('run run-3 · item #3 ref-3 · ✓ succeeded');
		expect(app.frame()).toContain('loading logs…');
		store.getState().logsLoaded('run-3', [lineOf('run-3')(0, {message: 'run three says hi'})]);
		await app.press('[');
		expect(app.frame()).toContain('run run-2 · item #2 ref-2 · ✗ failed');
		expect(app.frame()).toContain('step 59'); // kept: no reload
		await app.press(']');
		expect(app.frame()).toContain('run three says hi');
		await app.press(']', ']', ']');
		expect(app.frame()).toContain('item #6');
		expect(store.getState().runCache.length).toBe(MAX_RUNS_KEPT - 1);
		expect(store.getState().runCache.map((r) => r.runId)).toEqual(['run-4', 'run-5']);
		expect(store.getState().list.selectedId).toBe('item-6'); // the selection follows [ and ]
		await app.press(KEY.escape);
		expect(store.getState().view).toBe('list');
		expect(selectedLine(app.frame())).toContain('ref-6 ');
	});

	test('at the first item of the page, [ says so', async () => {
		const store = filledStore();
		const app = await renderApp(store);
		await app.press(KEY.enter, '[');
		expect(app.frame()).toContain('first item of the list');
		expect(app.frame()).toContain('item #0');
		await app.press('j');
		expect(app.frame()).not.toContain('first item of the list');
	});
});

describe('bounds and hostile text', () => {
	test(`more than ${MAX_LOG_LINES} lines: ${MAX_LOG_LINES} are held and the screen says how many were dropped`, async () => {
		const {store, app} = await openFailedRun();
		const line = lineOf('run-2');
		store.getState().logsLoaded(
			'run-2',
			Array.from({length: MAX_LOG_LINES}, (_, k) => line(100 + k)),
		);
		await app.waitForFrame((frame) => frame.includes('older lines dropped'));
		expect(store.getState().logs?.lines).toHaveLength(MAX_LOG_LINES);
		expect(store.getState().logs?.dropped).toBe(60);
		expect(app.frame()).toContain(`of ${MAX_LOG_LINES} · following · 60 older lines dropped (10,000 max)`);
		expect(store.getState().logs?.lines[0]?.id).toBe('run-2-100');
	});

	test('the 100 KB line stays within the width, cut or wrapped', async () => {
		const {store, app} = await openFailedRun();
		store
			.getState()
			.logsLoaded('run-2', [lineOf('run-2')(60, {level_code: 'debug', message: bigLogLine()}), lineOf('run-2')(61, {message: 'after the big one'})]);
		await app.waitForFrame((frame) => frame.includes('after the big one'));
		expect(app.frame()).toMatch(/debug {3}payload dump: abcdef.*…\n.*after the big one/);
		expectFits(app.frame(), {columns: 80, rows: 24});
		await app.press('w');
		expect(app.frame()).toContain('after the big one');
		expectFits(app.frame(), {columns: 80, rows: 24});
		await app.press('k');
		expectFits(app.frame(), {columns: 80, rows: 24});
		expect(store.getState().logs?.lines.at(-2)?.message.length).toBeLessThan(10_000); // clamped when held
	});

	test('hostile text in the run, its node runs and its lines puts no escape sequence on screen', async () => {
		const hostile = HOSTILE_STRINGS.join(' | ');
		const store = filledStore([
			item(0, {
				status_code: 'failed',
				client_ref: HOSTILE_STRINGS[1],
				run_id: '\u001B[2Jrun-0',
				run: {
					...FAILED_RUN,
					failure_code: HOSTILE_STRINGS[0],
					failure_stage_code: HOSTILE_STRINGS[3],
					failure_message: hostile,
					node_runs: [{id: 'n', node_id: HOSTILE_STRINGS[4], state_code: HOSTILE_STRINGS[6]!, error_message: hostile}],
				},
			}),
		]);
		const app = await renderApp(store, {columns: 120, rows: 40});
		await app.press(KEY.enter);
		store.getState().logsLoaded(
			'\u001B[2Jrun-0',
			HOSTILE_STRINGS.map((text, k) => logLine(k, {run_id: 'x', level_code: text, message: text})),
		);
		await app.press('/', '\u202E', 'x', KEY.enter);
		await app.press('w');
		const frame = app.frame();
		expect(frame).toContain('RED-ALERT');
		expect(frame).toContain('screen-cleared.pdf');
		// eslint-disable-next-line no-control-regex
		expect(stripSgr(app.raw())).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
		expectFits(frame, {columns: 120, rows: 40});
	});

	test('the frame stays within rows − 1 at every size, following, scrolled, wrapped and searching', async () => {
		for (const size of [
			{columns: 60, rows: 12},
			{columns: 80, rows: 24},
			{columns: 120, rows: 40},
			{columns: 200, rows: 60},
		]) {
			const {store, app} = await openFailedRun(size);
			store.getState().logsLoaded('run-2', [lineOf('run-2')(60, {message: `${'x'.repeat(300)}\n${'y'.repeat(300)}`})]);
			store.getState().logsFailed('run-2', 'the server answered 500');
			await app.waitForFrame((frame) => frame.includes('xxxx'));
			expectFits(app.frame(), size);
			for (const keys of [['w'], ['k', 'k'], ['/', 'x'], [KEY.enter], ['t'], ['g'], ['G']]) {
				await app.press(...keys);
				expectFits(app.frame(), size);
			}

			cleanup();
		}
	});
});
