// runHeadless in-process (the give-up time is not a flag): errors that go on too long end the
// watch with exit 6; errors that stop in time do not.
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {Config} from '../../source/cli/args.js';
import {runHeadless} from '../../source/modes/headless.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, closeSimulatorsAfterEach, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

async function watch(prepare: (sim: Awaited<ReturnType<typeof realTimeSim>>) => void, giveUpMs: number) {
	const sim = await realTimeSim({batches: [batch('b_gu', {items: 3, durationMs: 1200})]});
	prepare(sim);
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, timeoutMs: 1000});
	const store = createAppStore({batchId: 'b_gu', pageSize: 50});
	const poller = new Poller({client, store, intervalMs: 100, maxBackoffMs: 150});
	const out: string[] = [];
	const err: string[] = [];
	const stream = (sink: string[]) => ({write: (text: string) => sink.push(text)}) as unknown as NodeJS.WriteStream;
	const config = {batchId: 'b_gu', ui: 'plain', color: false, failFast: false, timeoutMs: 8000, heartbeatMs: 60_000} as Config;
	const code = await runHeadless({config, store, poller, client, stdout: stream(out), stderr: stream(err), giveUpMs});
	return {code, out: out.join(''), err: err.join('')};
}

describe('giving up', () => {
	it('exits 6 when every poll fails for longer than the give-up time', async () => {
		const started = performance.now();
		const {code, out, err} = await watch((sim) => sim.faults.always({kind: 'status', status: 503}), 600);
		expect(code).toBe(6);
		expect(performance.now() - started).toBeLessThan(3000);
		const errors = err.split('\n').filter(Boolean);
		expect(errors.length).toBeGreaterThanOrEqual(2);
		expect(errors[0]).toMatch(/^\d\d:\d\d:\d\d ! the server failed \(503\): Upstream answered 503 \(attempt 1, next in 0\.\ds\)$/);
		expect(errors.at(-1)).toMatch(/^runflow-watch: gave up after 0\.\ds of errors: the server failed \(503\)/);
		expect(out).toMatch(/ gave-up: no data was received\n$/);
	});

	it('rides out a few failures and finishes normally', async () => {
		const {code, out, err} = await watch((sim) => sim.faults.inject({kind: 'status', status: 502}, {count: 4}), 5000);
		expect(code).toBe(0);
		expect(err).toMatch(/! the server failed \(502\)/);
		expect(out).toMatch(/ done: succeeded 3\/3 /);
	});
});
