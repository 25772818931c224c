// What must never reach the terminal: escape sequences from the API, a frame as tall as the
// screen, a layout squeezed below its minimum.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {App} from '../../source/ui/App.js';
import {Session} from '../../source/session/session.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {cleanup, filledStore, stripSgr, item, items, KEY, lines, logLine, renderApp, waitFor} from './fixtures.js';

afterEach(() => {
	cleanup();
});

const HOSTILE = '\u001B]0;pwned\u0007\u001B[31mred';
const CLEAR = '\u001B[2J';

function expectClean(frame: string) {
	expect(frame).not.toContain('\u001B]');
	expect(frame).not.toContain(CLEAR);
	expect(frame).not.toContain('\u0007');
	expect(frame).not.toContain('\u001B[31mred');
	expect(frame).not.toContain('pwned');
}

describe('hostile text from the API', () => {
	test('client_ref, failure message, status word and log lines are sanitized', async () => {
		const evil = item(0, {
			client_ref: HOSTILE,
			status_code: `failed${CLEAR}`,
			error: {code: `E${HOSTILE}`, message: `boom ${CLEAR}${HOSTILE}`},
			run_id: 'run-0',
		});
		const store = filledStore([evil, ...items(1, 5, () => `weird\u001B]8;;http://x\u0007`)], {status_code: HOSTILE});
		const app = await renderApp(store);
		// The hostile ref shows as its visible text only.
		expect(app.frame()).toContain('red');
		expectClean(app.raw());
		await app.press(KEY.enter);
		store.getState().logsLoaded('run-0', [logLine(1, {level_code: HOSTILE, message: `${HOSTILE}\r${CLEAR}overwritten?`})]);
		await app.waitForFrame((frame) => frame.includes('overwritten?'));
		expect(app.frame()).toContain('run run-0');
		expectClean(app.raw());
		for (const frame of app.frames) expectClean(frame);
	});

	test('the error of a failed poll is sanitized too', async () => {
		const store = filledStore();
		store.getState().pollFailed(new ApiError({kind: 'unauthorized', message: `denied ${HOSTILE}`}), null, 0);
		store.getState().setNotice(`note ${CLEAR}`);
		const app = await renderApp(store);
		expect(app.frame()).toContain('stopped: denied');
		expectClean(app.raw());
	});
});

describe('the frame fits the terminal', () => {
	const sizes = [
		{columns: 80, rows: 24},
		{columns: 60, rows: 12},
		{columns: 120, rows: 40},
	];

	for (const size of sizes) {
		test(`at ${size.columns}×${size.rows} every view is at most rows − 1 lines, none wider than the terminal`, async () => {
			const store = filledStore(items(0, 100, (i) => (i % 3 === 0 ? 'failed' : 'running')));
			store.getState().pollFailed(new ApiError({kind: 'server', message: 'the server answered 503'}), 1, 0);
			const app = await renderApp(store, size);
			const check = () => {
				const frame = app.frame();
				expect(lines(frame).length).toBeLessThanOrEqual(size.rows - 1);
				expect(lines(frame).length).toBeGreaterThan(size.rows - 4);
				for (const line of lines(frame)) expect([...line].length).toBeLessThanOrEqual(size.columns);
			};

			check();
			await app.press('G', KEY.enter);
			const messages = Array.from({length: 300}, (_, k) => logLine(k, {run_id: 'run-99', message: `a\nb\nc ${'x'.repeat(300)}`}));
			store.getState().logsLoaded('run-99', messages);
			store.getState().logsFailed('run-99', 'the server answered 500');
			await app.waitForFrame((frame) => frame.includes('run run-99') && frame.includes('xxxx'));
			expect(app.frame()).toContain('run run-99');
			check();
			await app.press('g');
			check();
			await app.press('?');
			expect(lines(app.frame()).length).toBeLessThanOrEqual(size.rows - 1);
		});
	}

	test('a terminal that does not say its height is taken as 24 rows', async () => {
		// ink-testing-library's stdout has columns but no rows.
		const store = filledStore();
		const app = render(<App store={store} commands={new Session({store, quit: () => {}, screens: SCREENS})} interactive />);
		const frame = stripSgr(await waitFor(() => app.lastFrame() ?? false));
		app.unmount();
		expect(lines(frame).length).toBe(23);
		expect(lines(frame)[0]).toContain('runflow-watch · batch b-1');
	});
});

describe('a terminal too small', () => {
	test('40×10 shows only a message asking for a larger window, and q still quits', async () => {
		const app = await renderApp(filledStore(), {columns: 40, rows: 10});
		expect(app.frame()).toBe('runflow-watch needs at least 60×12 (now\n40×10): enlarge the window');
		await app.press('q');
		expect(app.controller.quit).toHaveBeenCalled();
	});

	test('59 columns or 11 rows is already too small; 60×12 is not', async () => {
		const narrow = await renderApp(filledStore(), {columns: 59, rows: 24});
		expect(narrow.frame()).toContain('needs at least 60×12 (now 59×24)');
		cleanup();
		const short = await renderApp(filledStore(), {columns: 80, rows: 11});
		expect(short.frame()).toContain('(now 80×11)');
		cleanup();
		const minimum = await renderApp(filledStore(), {columns: 60, rows: 12});
		expect(minimum.frame()).not.toContain('needs at least');
		expect(minimum.frame()).toContain('ref-0');
	});
});
