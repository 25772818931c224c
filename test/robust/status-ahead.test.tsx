// "Finished" is one rule in every mode (lib/finished.ts): a server that calls a batch
// `succeeded` while its items still run (the simulator's statusAhead) is not taken at its word.
// The TUI keeps polling and says nothing finished, plain prints no `done:` line and JSON no
// `done` event until the last item ended, for one batch and for a job.
import {afterEach, describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {jobSession} from '../../source/cli/controller.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import {startSimulator, type Simulator} from '../../source/sim/server.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {createAppStore} from '../../source/store/store.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {cleanup, renderApp} from '../helpers/app.js';
import {runBin} from '../helpers/bin.js';
import {batch, BASE_TIME, closeSimulatorsAfterAll, controlledSim, realTimeSim} from '../helpers/sim.js';
import {lines} from '../ui/fixtures.js';

closeSimulatorsAfterAll();
const stops: Array<() => void | Promise<void>> = [];
afterEach(async () => {
	cleanup();
	for (const stop of stops.splice(0)) await stop();
});

/** 4 items over 2 s; the batch says `succeeded` from its start. */
const AHEAD: Partial<BatchSpec> = {items: 4, durationMs: 2000, statusAhead: {status: 'succeeded', fromMs: 0}};

/** A simulator whose time stands still until the bin's first output (its start-up is slow on a busy machine). */
async function simFromFirstOutput(batches: BatchSpec[]) {
	let startedAt: number | undefined;
	const sim = await realTimeSim({clock: () => BASE_TIME + (startedAt === undefined ? 0 : Date.now() - startedAt), batches});
	return {
		sim,
		onOutput: () => {
			startedAt ??= Date.now();
		},
	};
}

async function watch(ids: string[], ui: 'plain' | 'json', batches: BatchSpec[]) {
	const {sim, onOutput} = await simFromFirstOutput(batches);
	const result = await runBin([...ids, '-i', '0.5', '--ui', ui], {onOutput, env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey}});
	return {...result, out: result.stdout.split('\n').filter(Boolean)};
}

const events = (out: string[]) => out.map((line) => JSON.parse(line) as Record<string, unknown>);

describe.concurrent('a batch that says succeeded while items still run: plain and json', {timeout: 30_000}, () => {
	it('plain, one batch: no done line until every item ended', async () => {
		const {code, out} = await watch(['b_ahead'], 'plain', [batch('b_ahead', AHEAD)]);
		expect(code).toBe(0);
		// The server's word was `succeeded` while items ran (the case is met) …
		expect(
			out.some((line) => / succeeded [0-3]\/4 /.test(line)),
			out.join('\n'),
		).toBe(true);
		// … and the one done line comes last, once all 4 ended.
		expect(
			out.filter((line) => line.includes(' done: ')),
			out.join('\n'),
		).toHaveLength(1);
		expect(out.at(-1)).toMatch(/^\d\d:\d\d:\d\d done: succeeded 4\/4 ✓4, /);
	});

	it('json, one batch: no done event until every item ended', async () => {
		const {code, out} = await watch(['b_ahead'], 'json', [batch('b_ahead', AHEAD)]);
		expect(code).toBe(0);
		const all = events(out);
		expect(
			all.some((e) => e['type'] === 'snapshot' && e['status'] === 'succeeded' && (e['finished'] as number) < 4),
			out.join('\n'),
		).toBe(true);
		expect(all.filter((e) => e['type'] === 'done')).toHaveLength(1);
		expect(all.at(-1)).toMatchObject({type: 'done', reason: 'done', exit_code: 0, status: 'succeeded', finished: 4, total: 4});
	});

	const JOB = [batch('b_ahead', AHEAD), batch('b_plain', {items: 3, durationMs: 1500})];

	it('plain, a job: the batch is said finished, and the job done, only once its items ended', async () => {
		const {code, out, stderr} = await watch(['b_ahead', 'b_plain'], 'plain', JOB);
		expect(code, out.join('\n') + stderr).toBe(0);
		const finished = out.filter((line) => line.includes('batch b_ahead finished'));
		expect(finished, out.join('\n')).toHaveLength(1);
		expect(finished[0]).toMatch(/ batch b_ahead finished: succeeded 4\/4 ✓4, /);
		expect(out.at(-1)).toMatch(/ done: succeeded job 2 batches \(2 finished\) 7\/7 ✓7, /);
	});

	it('json, a job: the batch event and done only once its items ended; the job counts it running till then', async () => {
		const {code, out} = await watch(['b_ahead', 'b_plain'], 'json', JOB);
		expect(code).toBe(0);
		const all = events(out);
		expect(all.filter((e) => e['type'] === 'batch' && e['batch_id'] === 'b_ahead')).toEqual([
			expect.objectContaining({status: 'succeeded', finished: 4, total: 4}),
		]);
		for (const event of all.filter((e) => e['type'] === 'job')) {
			const byState = event['batches_by_state'] as Record<string, number>;
			if (byState['finished'] === 2) expect(event['finished']).toBe(7);
		}
		expect(all.filter((e) => e['type'] === 'done')).toHaveLength(1);
		expect(all.at(-1)).toMatchObject({type: 'done', reason: 'done', exit_code: 0, outcome: 'succeeded', finished: 7});
	});
});

describe('a batch that says succeeded while items still run: the TUI', () => {
	it('one batch: polling goes on, nothing says finished; once the items ended, finished · not polling', async () => {
		const clock = new VirtualClock();
		const sim: Simulator = await startSimulator({clock: () => clock.now(), batches: [batch('b_ahead', {...AHEAD, durationMs: 60_000})]});
		const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0});
		const store = createAppStore({batchId: 'b_ahead', pageSize: 10});
		const poller = new Poller({client, store, intervalMs: 2000, clock});
		stops.push(
			() => poller.stop(),
			async () => sim.close(),
		);
		const run = async (ms: number) => clock.runUntil(clock.now() + ms, () => poller.busy);
		poller.start();
		await run(20_000);
		expect(store.getState().batch?.status_code).toBe('succeeded');
		expect(store.getState().polling.settled).toBe(false);
		const app = await renderApp(store, {columns: 120, rows: 30});
		const frame = app.frame();
		expect(lines(frame)[0]).not.toContain('not polling');
		expect(frame).not.toContain('finished:');
		// The items end within 2 × 60 s: then it is finished, and says so.
		await run(200_000);
		expect(store.getState().polling.settled).toBe(true);
		const after = await app.waitForFrame((text) => lines(text)[0]!.includes('finished · not polling'));
		expect(after).toContain('finished: 4 succeeded');
	});

	it('a job: the batch reads running, the job is not finished nor done polling, however many reads bring the same figures', async () => {
		const h = await controlledSim({batches: [batch('b_ahead', {...AHEAD, durationMs: 10_000}), batch('b_plain', {items: 3, durationMs: 1500})]});
		h.setTime(5000);
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, budget: new RequestBudget({ratePerSecond: 50})});
		const store = createAppStore({batchId: 'b_ahead', pageSize: 10, jobIds: ['b_ahead', 'b_plain'], intervalMs: 200});
		const poller = new Poller({client, store, intervalMs: 60_000});
		const jobPoller = new JobPoller({client, store, intervalMs: 200, yieldTo: () => poller.busy});
		stops.push(
			() => poller.stop(),
			() => jobPoller.stop(),
		);
		jobPoller.start();
		const app = await renderApp(store, {commands: jobSession(store, poller, jobPoller, () => {}), columns: 120, rows: 30});
		const reads = () => h.sim.stats.urls.filter((url) => url.startsWith('/v1/batches/b_ahead')).length;
		// Several reads of the same figures (time stands still): the old second look took them as final.
		const frame = await app.waitForFrame((text) => reads() >= 4 && text.includes('b_plain'));
		expect(lines(frame)[0]).not.toContain('not polling');
		expect(lines(frame)[0]).toContain('running');
		const row = lines(frame).find((line) => line.slice(3).startsWith('b_ahead')) ?? '';
		expect(row).toMatch(/ running /);
		expect(store.getState().job!.batches['b_ahead']!.confirmed).toBe(false);
		// Its items end: finished, and reads stop.
		h.setTime(60_000);
		await app.waitForFrame((text) => lines(text)[0]!.includes('finished · not polling'));
	});
});
