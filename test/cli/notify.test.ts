// --notify: one bell and desktop notification (OSC 9 and OSC 777) on the first failure and one on
// completion, passed through tmux and screen, never into a pipe.
import {describe, expect, it} from 'vitest';
import {notification, notifyOnEvents} from '../../source/cli/notify.js';
import {createAppStore} from '../../source/store/store.js';
import {batch as batchOf, T0} from '../ui/fixtures.js';
import {runBin} from '../helpers/bin.js';
import {runInPty} from '../helpers/pty.js';
import {batch, closeSimulatorsAfterEach, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const OSC9 = /\u001B\]9;([^\u0007]*)\u0007/g;
const OSC777 = /\u001B\]777;notify;([^;\u0007]*);([^\u0007]*)\u0007/g;

describe('the notification', () => {
	it('rings the bell, then OSC 9 and OSC 777, with text that cannot break out of them', () => {
		const text = notification('runflow-watch', 'batch b1: an item; \u001B]0;evil\u0007 failed', {});
		expect(text.startsWith('\u0007\u001B]9;')).toBe(true);
		expect([...text.matchAll(OSC9)]).toHaveLength(1);
		const [osc777] = [...text.matchAll(OSC777)];
		expect(osc777?.[1]).toBe('runflow-watch');
		expect(osc777?.[2]).not.toContain(';');
		// Nothing of the hostile text is a sequence of its own: three BELs (the bell, each OSC's end).
		expect(text.split('\u0007')).toHaveLength(4);
	});

	it('is wrapped for tmux passthrough inside tmux, and for screen inside screen', () => {
		const tmux = notification('t', 'b', {TMUX: '/tmp/tmux-0/default,1,0'});
		expect(tmux).toContain('\u001BPtmux;\u001B\u001B]9;t: b\u0007\u001B\\');
		expect(tmux).toContain('\u001BPtmux;\u001B\u001B]777;notify;t;b\u0007\u001B\\');
		expect(notification('t', 'b', {STY: '123.pts-0'})).toContain('\u001BP\u001B]9;t: b\u0007\u001B\\');
	});
});

describe('notifying on events', () => {
	it('once on the first failure, once on completion, however many polls see them', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 50});
		const written: string[] = [];
		const stop = notifyOnEvents(store, (text) => written.push(text), {});
		store.getState().batchLoaded(batchOf({status_code: 'running', items_total: 10, items_succeeded: 2, items_failed: 0, items_cancelled: 0}), T0);
		expect(written).toHaveLength(0);
		for (const failed of [1, 2, 3])
			store
				.getState()
				.batchLoaded(batchOf({status_code: 'running', items_total: 10, items_succeeded: 2, items_failed: failed, items_cancelled: 0}), T0 + failed);
		expect(written).toHaveLength(1);
		expect(written[0]).toContain('an item failed (1 so far)');
		for (const k of [1, 2])
			store
				.getState()
				.batchLoaded(
					batchOf({status_code: 'partial_succeeded', items_total: 10, items_succeeded: 7, items_failed: 3, items_cancelled: 0, cost: `1.${k}`}),
					T0 + 10 + k,
				);
		expect(written).toHaveLength(2);
		expect(written[1]).toContain('finished: 7 succeeded, 3 failed, 0 cancelled');
		stop();
	});

	it('for a job: once on the first failure of any batch, once when every batch finished', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 50, jobIds: ['b-1', 'b-2']});
		const written: string[] = [];
		const stop = notifyOnEvents(store, (text) => written.push(text), {});
		const load = (id: string, patch: Parameters<typeof batchOf>[0], at: number) => store.getState().jobBatchLoaded({...batchOf(patch), id}, at);
		load('b-1', {status_code: 'running', items_total: 10, items_succeeded: 2, items_failed: 0, items_cancelled: 0}, T0);
		load('b-2', {status_code: 'running', items_total: 10, items_succeeded: 1, items_failed: 0, items_cancelled: 0}, T0 + 1);
		expect(written).toHaveLength(0);
		load('b-2', {status_code: 'running', items_total: 10, items_succeeded: 1, items_failed: 1, items_cancelled: 0}, T0 + 2);
		load('b-1', {status_code: 'running', items_total: 10, items_succeeded: 2, items_failed: 2, items_cancelled: 0}, T0 + 3);
		expect(written).toHaveLength(1);
		expect(written[0]).toContain('job of 2 batches: an item failed (1 so far)');
		// One batch finished is not the job finished.
		load('b-1', {status_code: 'succeeded', items_total: 10, items_succeeded: 8, items_failed: 2, items_cancelled: 0}, T0 + 4);
		expect(written).toHaveLength(1);
		load('b-2', {status_code: 'failed', items_total: 10, items_succeeded: 9, items_failed: 1, items_cancelled: 0}, T0 + 5);
		expect(written).toHaveLength(2);
		expect(written[1]).toContain('job of 2 batches finished: 17 succeeded, 3 failed, 0 cancelled');
		stop();
	});

	it('not finished while the server says succeeded and an item still runs (lib/finished.ts), batch or job', () => {
		const ahead = {status_code: 'succeeded', items_total: 10, items_succeeded: 9, items_failed: 0, items_cancelled: 0};
		const single = createAppStore({batchId: 'b-1', pageSize: 50});
		const written: string[] = [];
		const stop = notifyOnEvents(single, (text) => written.push(text), {});
		single.getState().batchLoaded(batchOf(ahead), T0);
		expect(written).toHaveLength(0);
		single.getState().batchLoaded(batchOf({...ahead, items_succeeded: 10}), T0 + 1);
		expect(written).toHaveLength(1);
		stop();
		// A job reads the lean list too: its running item holds, however many reads bring the same figures.
		const job = createAppStore({batchId: 'b-1', pageSize: 50, jobIds: ['b-1']});
		const jobWritten: string[] = [];
		const stopJob = notifyOnEvents(job, (text) => jobWritten.push(text), {});
		const lean = (last: string) =>
			Array.from({length: 10}, (_, i) => ({id: `i${i}`, sequence_index: i, run_id: `r${i}`, status_code: i === 9 ? last : 'succeeded'}));
		for (const at of [T0, T0 + 1, T0 + 2]) job.getState().jobBatchLoaded({...batchOf({...ahead, items: lean('running')}), id: 'b-1'}, at);
		expect(jobWritten).toHaveLength(0);
		job.getState().jobBatchLoaded({...batchOf({...ahead, items_succeeded: 10, items: lean('succeeded')}), id: 'b-1'}, T0 + 3);
		expect(jobWritten).toEqual([expect.stringContaining('job of 1 batches finished: 10 succeeded')]);
		stopJob();
	});
});

describe('--notify through the real bin', () => {
	it('in a terminal: exactly one notification per event', async () => {
		const sim = await realTimeSim({apiKey: 'rf_test_notify', batches: [batch('b_notify', {items: 12, durationMs: 1500, failureRate: 0.3, seed: 3})]});
		const run = runInPty(['b_notify', '--base-url', sim.url, '--notify', '--exit-on-complete', '--interval', '0.5'], {
			env: {RUNFLOW_API_KEY: 'rf_test_notify'},
		});
		await run.exit;
		const output = run.output();
		expect([...output.matchAll(OSC9)].map((m) => m[1])).toEqual([
			expect.stringContaining('batch b_notify: an item failed'),
			expect.stringContaining('batch b_notify finished'),
		]);
		expect([...output.matchAll(OSC777)]).toHaveLength(2);
	});

	it('never into a pipe (plain output to a file)', async () => {
		const sim = await realTimeSim({apiKey: 'rf_test_notify', batches: [batch('b_pipe', {items: 6, durationMs: 800, failureRate: 0.5, seed: 3})]});
		const result = await runBin(['b_pipe', '--base-url', sim.url, '--notify', '--ui', 'plain', '--interval', '0.5'], {
			env: {RUNFLOW_API_KEY: 'rf_test_notify'},
		});
		expect(result.stdout).toMatch(/done: /);
		expect(result.stdout).not.toContain('\u001B]');
		expect(result.stdout).not.toContain('\u0007');
	});
});
