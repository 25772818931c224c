// Keys that arrive together (typed ahead or held, over SSH): Ink hands over the whole chunk,
// and every key of it must act, in order, in every view and in the prompts.
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup, filledStore, KEY, lines, logLine, renderApp, selectedLine, waitFor} from './fixtures.js';

afterEach(() => {
	cleanup();
});

async function listApp() {
	const store = filledStore();
	const app = await renderApp(store);
	await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-0 '));
	return {store, app};
}

describe('a chunk of keys in the list', () => {
	test('jjjjj moves five rows, then kk two back', async () => {
		const {app} = await listApp();
		app.stdin.write('jjjjj');
		await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-5 '));
		app.stdin.write('kk');
		await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-3 '));
	});

	test('three Downs in one chunk move three rows; j, j and a Down move three more', async () => {
		const {app} = await listApp();
		app.stdin.write(KEY.down.repeat(3));
		await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-3 '));
		app.stdin.write(`jj${KEY.down}`);
		await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-6 '));
	});

	test('Ctrl+C inside a chunk quits, and the keys after it do nothing', async () => {
		const {app, store} = await listApp();
		app.stdin.write('jj\u0003jj');
		await waitFor(() => expect(app.controller.quit).toHaveBeenCalledTimes(1));
		expect(store.getState().list.selected).toBe(2);
	});
});

describe('a chunk of keys in the prompts', () => {
	test('a paste into the filter prompt is typed whole; then Backspace, 1, Enter and ? in one chunk erase, type, apply and open the help', async () => {
		const {app, store} = await listApp();
		await app.press('/');
		await waitFor(() => expect(lines(app.frame()).at(-1)).toMatch(/^\/ {4}client_ref contains/));
		app.stdin.write('invoice-00');
		await waitFor(() => expect(lines(app.frame()).at(-1)).toMatch(/^\/ invoice-00 /));
		expect(store.getState().list.selected).toBe(0);
		app.stdin.write('\u007F1\r?');
		await waitFor(() => expect(store.getState().list.textFilter).toBe('invoice-01'));
		await waitFor(() => expect(app.frame()).toContain('keys · items'));
		expect(lines(app.frame())[0]).toContain('filter: "invoice-01"');
		expect(app.controller.quit).not.toHaveBeenCalled();
	});

	test('one chunk opens the prompt, types, applies, and the keys after it are commands again', async () => {
		const {app, store} = await listApp();
		app.stdin.write('/ref\rjjq');
		await waitFor(() => expect(store.getState().list.textFilter).toBe('ref'));
		await waitFor(() => expect(app.controller.quit).toHaveBeenCalledTimes(1));
	});
});

describe('a chunk that changes the view', () => {
	/** The list with item 2's run held (60 lines), back on the list. */
	async function heldRun() {
		const {app, store} = await listApp();
		await app.press('j', 'j', KEY.enter);
		store.getState().logsLoaded(
			'run-2',
			Array.from({length: 60}, (_, k) => logLine(k, {id: `l-${k}`, run_id: 'run-2'})),
		);
		await waitFor(() => expect(app.frame()).toContain('line number 59'));
		await app.press(KEY.escape);
		await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-2 '));
		return {app, store};
	}

	test('Enter then kkk in one chunk opens the run view and scrolls its lines, not the list', async () => {
		const {app, store} = await heldRun();
		app.stdin.write('\rkkk');
		await waitFor(() => expect(store.getState().view).toBe('logs'));
		await waitFor(() => expect(app.frame()).toContain('line number 56'));
		expect(app.frame()).not.toContain('line number 57');
		expect(app.frame()).not.toContain('following');
		expect(store.getState().list.selected).toBe(2);
	});

	test('in the run view, a search typed ahead is typed whole and applied, and n goes on to the next hit', async () => {
		const {app, store} = await heldRun();
		// Applied, the search goes to the hit nearest the end (line 19, hit 11); n wraps round to hit 1.
		app.stdin.write('\r/number 1\rn');
		await waitFor(() => expect(store.getState().logSearch.query).toBe('number 1'));
		await waitFor(() => expect(app.frame()).toContain('hit 1 of 11'));
		expect(selectedLine(app.frame())).toContain('line number 1');
	});

	test('? then a key leaves the help, and the keys after it act in the view it went back to', async () => {
		const {app, store} = await listApp();
		app.stdin.write('?xjj');
		await waitFor(() => expect(selectedLine(app.frame())).toContain('ref-2 '));
		expect(store.getState().view).toBe('list');
	});
});
