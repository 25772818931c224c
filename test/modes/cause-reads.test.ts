// A failed item's cause is read by id under the same rule for one batch as for a job
// (modes/cause-reads.ts): one read at a time, at most maxCauseReads (the rest said without their
// cause), and every failure said before the last line, those whose read hangs past the end's few
// seconds with `(cause not read)`. In-process against the simulator.
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {Config} from '../../source/cli/args.js';
import {RequestBudget} from '../../source/api/budget.js';
import {runHeadless} from '../../source/modes/headless.js';
import {runJobHeadless} from '../../source/modes/job-headless.js';
import {Poller} from '../../source/poller/poller.js';
import type {Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

async function watch(sim: Simulator, id: string, more: {maxCauseReads?: number} = {}) {
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, timeoutMs: 60_000});
	const store = createAppStore({batchId: id, pageSize: 50});
	const out: string[] = [];
	const stream = {write: (text: string) => out.push(...text.split('\n').filter(Boolean))} as unknown as NodeJS.WriteStream;
	const config = {ui: 'plain', color: false, failFast: false, timeoutMs: 20_000, heartbeatMs: 60_000} as Config;
	const poller = new Poller({client, store, intervalMs: 100, list: false});
	const code = await runHeadless({config, store, client, poller, stdout: stream, stderr: stream, ...more});
	return {code, out, failures: out.filter((line) => / [✗!] #\d+ /.test(line))};
}

describe.concurrent("the causes of one batch's failures, and of a job's", {timeout: 30_000}, () => {
	it('at most maxCauseReads are read; the failures after those are said without their cause', async () => {
		const sim = await realTimeSim({batches: [batch('b_cap', {items: 6, durationMs: 600, failureRate: 1, seed: 2})]});
		const {code, out, failures} = await watch(sim, 'b_cap', {maxCauseReads: 2});
		expect(code).toBe(1);
		expect(failures, out.join('\n')).toHaveLength(6);
		expect(failures.filter((line) => line.endsWith('(cause not read)'))).toHaveLength(4);
		expect(sim.stats.urls.filter((url) => url.startsWith('/v1/batches/b_cap/items/'))).toHaveLength(2);
	});

	it('a read that hangs past the end: every failure is said before the last line, (cause not read)', async () => {
		const sim = await realTimeSim({batches: [batch('b_hang', {items: 3, durationMs: 600, failureRate: 1, seed: 2})]});
		sim.faults.always({kind: 'hang'}, {route: '/items/'});
		const {code, out, failures} = await watch(sim, 'b_hang');
		expect(code).toBe(1);
		expect(failures).toHaveLength(3);
		for (const line of failures) expect(line).toMatch(/ \(cause not read\)$/);
		expect(out.at(-1)).toMatch(/ done: failed 3\/3 /);
	});

	it('a job: failures seen after the reads ran out are each said too (none left waiting)', async () => {
		const sim = await realTimeSim({batches: [batch('j_cap', {items: 8, durationMs: 1500, failureRate: 1, seed: 2})]});
		const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, budget: new RequestBudget({ratePerSecond: 50})});
		const store = createAppStore({batchId: 'j_cap', pageSize: 50, jobIds: ['j_cap']});
		const out: string[] = [];
		const stream = {write: (text: string) => out.push(...text.split('\n').filter(Boolean))} as unknown as NodeJS.WriteStream;
		const config = {ui: 'plain', color: false, failFast: false, timeoutMs: 20_000, heartbeatMs: 60_000} as Config;
		const code = await runJobHeadless({config, store, client, intervalMs: 100, stdout: stream, stderr: stream, maxCauseReads: 0});
		expect(code).toBe(1);
		const failures = out.filter((line) => / [✗!] j_cap #\d+ /.test(line));
		// Several reads brought them (the case is met), and every one of the 8 is said once, before done.
		expect(out.filter((line) => / job 1 batch /.test(line)).length, out.join('\n')).toBeGreaterThan(1);
		expect(new Set(failures.map((line) => / #(\d+) /.exec(line)![1])).size, out.join('\n')).toBe(8);
		expect(failures).toHaveLength(8);
		expect(out.at(-1)).toMatch(/ done: failed job 1 batch \(1 finished\) 8\/8 /);
	});
});
