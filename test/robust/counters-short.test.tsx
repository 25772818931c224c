// A server whose counters never add up to the total (its items_succeeded leaves partial_succeeded
// items out: the simulator's partialUncounted): a terminal batch whose lean list says every item
// ended is finished once a second read brings the same figures (they stand), in every mode, as a
// job's batch already was. Without it plain and JSON never end and the TUI never stops polling.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {Poller} from '../../source/poller/poller.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {startSimulator, type Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {cleanup, renderApp} from '../helpers/app.js';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';
import {lines} from '../ui/fixtures.js';

closeSimulatorsAfterAll();
const stops: Array<() => void | Promise<void>> = [];
afterEach(async () => {
	cleanup();
	for (const stop of stops.splice(0)) await stop();
});

/** 4 items, one partial_succeeded that the counters leave out: 3 of 4 by the counters, for ever. */
const SHORT: Partial<BatchSpec> = {items: 4, durationMs: 1500, failureRate: 0, cancelRate: 0, finals: {2: 'partial_succeeded'}, partialUncounted: true};

describe.concurrent('counters that never add up: plain and json end', {timeout: 30_000}, () => {
	for (const ui of ['plain', 'json'] as const) {
		it(`${ui}: done once the same figures came twice`, async () => {
			const sim = await realTimeSim({batches: [batch('b_short', SHORT)]});
			const result = await runBin(['b_short', '-i', '0.5', '--ui', ui, '--timeout', '20s'], {
				env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey},
			});
			const out = result.stdout.split('\n').filter(Boolean);
			expect(result.code, result.stdout + result.stderr).toBe(0);
			if (ui === 'plain') {
				expect(out.at(-1)).toMatch(/^\d\d:\d\d:\d\d done: succeeded 4\/4 /);
			} else {
				expect(JSON.parse(out.at(-1)!)).toMatchObject({type: 'done', reason: 'done', exit_code: 0, status: 'succeeded', total: 4});
			}
		});
	}
});

describe('counters that never add up: the TUI', () => {
	it('finished · not polling once the same figures came twice, and no request after', async () => {
		const clock = new VirtualClock();
		const sim: Simulator = await startSimulator({clock: () => clock.now(), batches: [batch('b_short', {...SHORT, durationMs: 10_000})]});
		const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0});
		const store = createAppStore({batchId: 'b_short', pageSize: 10});
		const poller = new Poller({client, store, intervalMs: 2000, clock});
		stops.push(
			() => poller.stop(),
			async () => sim.close(),
		);
		const run = async (ms: number) => clock.runUntil(clock.now() + ms, () => poller.busy);
		poller.start();
		await run(120_000);
		const batchNow = store.getState().batch!;
		expect(batchNow.status_code).toBe('succeeded');
		expect(batchNow.items_succeeded + batchNow.items_failed + batchNow.items_cancelled).toBe(3);
		expect(store.getState().polling.settled).toBe(true);
		const app = await renderApp(store, {columns: 120, rows: 30});
		await app.waitForFrame((text) => lines(text)[0]!.includes('finished · not polling'));
		const requests = sim.stats.requests;
		await run(600_000);
		expect(sim.stats.requests).toBe(requests);
	});
});
