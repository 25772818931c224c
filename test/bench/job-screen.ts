// The job screen's frame render time and key-to-frame latency with `batches` batches of 100
// items held (their counters and lean items, as the job poller leaves them), drawn by Ink into a
// fake 120×40 terminal: the same figures as the item list's, with the same targets.
import {createElement} from 'react';
import {render} from 'ink';
import type {Batch} from '../../source/api/types.js';
import {Session} from '../../source/session/session.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {createAppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {median, sleep} from './harness.js';

export interface JobScreenFigures {
	batches: number;
	renderMsMedian: number;
	keyToFrameMsMedian: number;
}

const STATUSES = ['queued', 'running', 'succeeded', 'succeeded', 'failed'];

function detail(id: string, index: number): Batch {
	const items = Array.from({length: 100}, (_, i) => ({
		id: `${id}_i${i}`,
		sequence_index: i,
		run_id: i % 5 === 0 ? null : `${id}_r${i}`,
		status_code: STATUSES[(i + index) % STATUSES.length]!,
		client_ref: `invoice-${i}.pdf`,
	}));
	const count = (status: string) => items.filter((item) => item.status_code === status).length;
	return {
		id,
		status_code: index % 4 === 0 ? 'succeeded' : 'running',
		items_total: 100,
		items_succeeded: count('succeeded'),
		items_failed: count('failed'),
		items_cancelled: 0,
		cost: `${(index % 97) / 10}.1234`,
		created_at: '2026-04-01T12:00:00Z',
		started_at: new Date(Date.UTC(2026, 3, 1, 12) + index * 1000).toISOString(),
		completed_at: null,
		items,
	};
}

export async function jobScreenFrames(batches: number): Promise<JobScreenFigures> {
	const ids = Array.from({length: batches}, (_, i) => `b_job_${String(i).padStart(5, '0')}`);
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids});
	ids.forEach((id, index) => store.getState().jobBatchLoaded(detail(id, index), 1000 + index));
	store.getState().pollSucceeded(1000 + batches);
	const stdout = new FakeStdout(120, 40);
	const stdin = new FakeStdin();
	const renders: number[] = [];
	const ink = render(createElement(App, {store, commands: new Session({store, quit: () => {}, screens: SCREENS}), interactive: true}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
		onRender: (metrics) => renders.push(metrics.renderTime),
	});
	await sleep(300);
	renders.length = 0;
	const latencies: number[] = [];
	for (let i = 0; i < 60; i++) {
		const wrote = stdout.nextWrite();
		const start = performance.now();
		stdin.press(i % 20 < 10 ? 'j' : 'k');
		await wrote;
		latencies.push(performance.now() - start);
		await sleep(40); // past Ink's 30 fps throttle, so each press draws its own frame
	}

	ink.unmount();
	return {batches, renderMsMedian: median(renders), keyToFrameMsMedian: median(latencies)};
}
