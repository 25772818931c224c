// `x` on a finished 20,000-item batch: key press to frame while the export reads (a page of 500
// items with their input and output at a time, within --max-rps) and writes, against the same
// presses with nothing exporting; then how long the export took and what it asked. The simulator
// runs in another process (it serves the pages): the monitor's own event loop is what is measured.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createElement} from 'react';
import {render} from 'ink';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {pollerSession} from '../../source/cli/controller.js';
import {Exporter} from '../../source/poller/export.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore, currentPage, type AppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {median, sleep} from './harness.js';
import {forkSimulator} from './sim-process.js';

export interface ExportFigures {
	items: number;
	maxRps: number;
	/** Key press to the frame showing its selection, while the export runs / with nothing exporting. */
	keyToFrameMsMedian: number;
	keyToFrameMsP95: number;
	idleKeyToFrameMsMedian: number;
	/** Presses measured while the export ran. */
	presses: number;
	exportMs: number;
	requests: number;
	written: number;
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[\d;]*m/g;

/** The frame drawn shows the row selected in the store (its `#` after the marker). */
function showsSelection(store: AppStore, frame: string): boolean {
	const state = store.getState();
	const item = currentPage(state)?.items[state.list.selected];
	return item !== undefined && new RegExp(`›\\s+${item.sequence_index} `).test(frame.replace(SGR, ''));
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

export async function exportFigures(items = 20_000, maxRps = 2): Promise<ExportFigures> {
	const start = Date.UTC(2026, 3, 1, 12);
	const remote = await forkSimulator({id: 'b_export', items, durationMs: 20_000, failureRate: 0.02}, start);
	await remote.setTime(start + 3_600_000);
	const dir = mkdtempSync(join(tmpdir(), 'rfw-bench-export-'));
	const client = new RunflowClient({baseUrl: remote.url, apiKey: remote.apiKey, retries: 0});
	const exportClient = new RunflowClient({baseUrl: remote.url, apiKey: remote.apiKey, retries: 0, budget: new RequestBudget({ratePerSecond: maxRps})});
	const store = createAppStore({batchId: 'b_export', pageSize: 50});
	const poller = new Poller({client, store, intervalMs: 2000});
	const exporter = new Exporter({store, client: exportClient, cwd: dir});
	const stdout = new FakeStdout(120, 40);
	const stdin = new FakeStdin();
	const ink = render(createElement(App, {store, commands: pollerSession(store, poller, () => {}, exporter), interactive: true}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	poller.start();
	while (!(store.getState().polling.settled && store.getState().list.pages.size > 0)) await sleep(20); // eslint-disable-line no-await-in-loop

	/** One press: the time until the frame showing where it moved the selection. */
	const press = async (key: string): Promise<number> => {
		const begun = performance.now();
		stdin.press(key);
		// Frames drawn meanwhile for other reasons (the export's progress) are not the key's.
		while (!showsSelection(store, stdout.lastFrame)) await stdout.nextWrite(); // eslint-disable-line no-await-in-loop
		const ms = performance.now() - begun;
		await sleep(40); // past Ink's 30 fps throttle, so each press draws its own frame
		return ms;
	};

	const idle: number[] = [];
	for (let i = 0; i < 40; i++) idle.push(await press(i % 20 < 10 ? 'j' : 'k')); // eslint-disable-line no-await-in-loop

	const before = (await remote.stats()).requests;
	stdin.press('x');
	await sleep(50);
	const began = performance.now();
	stdin.press('\r');
	while (!store.getState().files.export.running) await sleep(5); // eslint-disable-line no-await-in-loop
	const busy: number[] = [];
	for (let i = 0; store.getState().files.export.running; i++) busy.push(await press(i % 20 < 10 ? 'j' : 'k')); // eslint-disable-line no-await-in-loop
	const exportMs = performance.now() - began;
	const outcome = store.getState().files.export.outcome;
	const requests = (await remote.stats()).requests - before;

	poller.stop();
	await exporter.close();
	ink.unmount();
	await remote.close();
	rmSync(dir, {recursive: true, force: true});
	return {
		items,
		maxRps,
		keyToFrameMsMedian: median(busy),
		keyToFrameMsP95: p95(busy),
		idleKeyToFrameMsMedian: median(idle),
		presses: busy.length,
		exportMs,
		requests,
		written: outcome?.kind === 'done' ? outcome.written : -1,
	};
}
