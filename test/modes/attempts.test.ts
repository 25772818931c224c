// Every failed try of a request and every failed poll is said, once (plain: a stderr line; json:
// an `error` event), and a heartbeat during an outage says the figures are stale. In-process
// (a short request timeout: the bin's is 10 s), for one batch and for a job, against the simulator.
import {describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import type {Config} from '../../source/cli/args.js';
import {RetryFeed} from '../../source/modes/attempts.js';
import {runHeadless} from '../../source/modes/headless.js';
import {runJobHeadless} from '../../source/modes/job-headless.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import type {Fault} from '../../source/sim/faults.js';
import type {Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

/** One of each: a 429 with Retry-After, a hang past the request timeout, a reset, a 502 HTML page, a 500, bad JSON. */
const FAULTS: Fault[] = [
	{kind: 'rate_limit', retryAfterSeconds: 1},
	{kind: 'hang'},
	{kind: 'reset'},
	{kind: 'html', status: 502},
	{kind: 'status', status: 500},
	{kind: 'invalid_json'},
];

/** What each fault is said as. */
const SAID = [
	/rate limited \(429\)/,
	/no answer from 127\.0\.0\.1:\d+ within 1 s/,
	/cannot reach 127\.0\.0\.1:\d+ \(ECONNRESET\)/,
	/HTML page \(502\)/,
	/the server failed \(500\)/,
	/invalid JSON \(200\)/,
];

const sink = (lines: string[]) => ({write: (text: string) => lines.push(...text.split('\n').filter(Boolean))}) as unknown as NodeJS.WriteStream;

interface Run {
	code: number;
	out: string[];
	err: string[];
}

/** One batch or a job (several ids) watched in-process; `during` runs once the first figures are out. */
async function watch(
	ui: 'plain' | 'json',
	ids: string[],
	sim: Simulator,
	options: {heartbeatMs?: number; timeoutMs?: number; during?: () => void} = {},
): Promise<Run> {
	const retries = new RetryFeed();
	const job = ids.length > 1;
	const client = new RunflowClient({
		baseUrl: sim.url,
		apiKey: sim.apiKey,
		timeoutMs: 1000,
		onRetry: retries.emit,
		...(job ? {budget: new RequestBudget({ratePerSecond: 20})} : {}),
	});
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: job ? ids : null});
	const out: string[] = [];
	const err: string[] = [];
	let said = false;
	const stdout = {
		write: (text: string) => {
			out.push(...text.split('\n').filter(Boolean));
			if (!said) {
				said = true;
				options.during?.();
			}
		},
	} as unknown as NodeJS.WriteStream;
	const config = {ui, color: false, failFast: false, timeoutMs: options.timeoutMs ?? 20_000, heartbeatMs: options.heartbeatMs ?? 60_000} as Config;
	const code = job
		? await runJobHeadless({
				config,
				store,
				client,
				poller: new JobPoller({client, store, intervalMs: 100, maxBackoffMs: 150}),
				intervalMs: 100,
				stdout,
				stderr: sink(err),
				retries,
			})
		: await runHeadless({
				config,
				store,
				client,
				poller: new Poller({client, store, intervalMs: 100, maxBackoffMs: 150}),
				stdout,
				stderr: sink(err),
				retries,
			});
	return {code, out, err};
}

const json = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** The faults, one each, on the next reads of the batch `id` once the watch has started. */
const inject = (sim: Simulator, id: string) => () => {
	for (const fault of FAULTS) sim.faults.inject(fault, {route: `/v1/batches/${id}?`});
};

describe.concurrent('every failed attempt is said once', {timeout: 30_000}, () => {
	it('one batch, plain: one stderr line per failed try or poll, each naming its cause, in order', async () => {
		const sim = await realTimeSim({batches: [batch('b_att', {items: 3, durationMs: 4000})]});
		const {code, err} = await watch('plain', ['b_att'], sim, {during: inject(sim, 'b_att')});
		expect(code).toBe(0);
		expect(err).toHaveLength(FAULTS.length);
		err.forEach((line, i) => expect(line, err.join('\n')).toMatch(SAID[i]!));
		// A try retried at once, and a poll that failed after its tries, say which.
		expect(err[0]).toMatch(/^\d\d:\d\d:\d\d ! rate limited \(429\).* \(try 1 failed, again in 1\.0s\)$/);
		expect(err[2]).toMatch(/ \(attempt 1, next in \d+(\.\d)?m?s\)$/);
		expect(err[5]).toMatch(/ \(attempt 2, next in \d+(\.\d)?m?s\)$/);
	});

	it('one batch, json: one error event per failed attempt', async () => {
		const sim = await realTimeSim({batches: [batch('b_attj', {items: 3, durationMs: 4000})]});
		const {code, out, err} = await watch('json', ['b_attj'], sim, {during: inject(sim, 'b_attj')});
		expect(code).toBe(0);
		expect(err).toEqual([]);
		const errors = json(out).filter((event) => event['type'] === 'error');
		expect(errors.map((event) => event['scope'])).toEqual(['request', 'request', 'poll', 'request', 'request', 'poll']);
		errors.forEach((event, i) => expect(event['message']).toMatch(SAID[i]!));
		expect(errors[0]).toMatchObject({kind: 'rate_limited', attempt: 1, retry_in_ms: 1000});
	});

	it('a job, plain and json: the same, one per failed attempt', async () => {
		for (const ui of ['plain', 'json'] as const) {
			const sim = await realTimeSim({batches: [batch('j_att_a', {items: 3, durationMs: 3000}), batch('j_att_b', {items: 3, durationMs: 4000})]});
			const {code, out, err} = await watch(ui, ['j_att_a', 'j_att_b'], sim, {during: inject(sim, 'j_att_b')});
			expect(code).toBe(0);
			const said =
				ui === 'plain'
					? err
					: json(out)
							.filter((event) => event['type'] === 'error')
							.map((event) => String(event['message']));
			expect(said, ui).toHaveLength(FAULTS.length);
			said.forEach((line, i) => expect(line, said.join('\n')).toMatch(SAID[i]!));
			// Each names the batch whose read failed: `b: …` in plain, batch_id in json.
			if (ui === 'plain') for (const line of err) expect(line).toMatch(/^\d\d:\d\d:\d\d ! j_att_b: /);
			else
				expect(
					json(out)
						.filter((event) => event['type'] === 'error')
						.map((event) => event['batch_id']),
				).toEqual(FAULTS.map(() => 'j_att_b'));
		}
	});
});

describe.concurrent('a heartbeat during an outage says it is stale', {timeout: 30_000}, () => {
	const outage = (sim: Simulator) => () => sim.faults.always({kind: 'status', status: 503});

	it('one batch: json stale: true with stale_since; plain says stale since', async () => {
		const sim = await realTimeSim({batches: [batch('b_stale', {items: 3, durationMs: 60_000, neverFinishes: true})]});
		const {out} = await watch('json', ['b_stale'], sim, {heartbeatMs: 600, timeoutMs: 2500, during: outage(sim)});
		const events = json(out);
		const snapshot = events.find((event) => event['type'] === 'snapshot')!;
		const beats = events.filter((event) => event['type'] === 'heartbeat');
		expect(beats.length).toBeGreaterThan(0);
		for (const beat of beats) {
			expect(beat).toMatchObject({stale: true});
			// Since the last good answer, before the first heartbeat.
			expect(Date.parse(beat['stale_since'] as string)).toBeLessThanOrEqual(Date.parse(beat['ts'] as string));
			expect(Date.parse(beat['stale_since'] as string)).toBeGreaterThanOrEqual(Date.parse(snapshot['ts'] as string) - 1000);
		}

		const sim2 = await realTimeSim({batches: [batch('b_stale', {items: 3, durationMs: 60_000, neverFinishes: true})]});
		const plain = await watch('plain', ['b_stale'], sim2, {heartbeatMs: 600, timeoutMs: 2500, during: outage(sim2)});
		const lines = plain.out.filter((line) => line.includes('still running'));
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line).toMatch(/ \(stale since \d\d:\d\d:\d\d: the server failed \(503\).*, retrying\)$/);
	});

	it('a job: the same; and not stale while all is well', async () => {
		const sim = await realTimeSim({
			batches: [
				batch('j_st_a', {items: 3, durationMs: 60_000, neverFinishes: true}),
				batch('j_st_b', {items: 3, durationMs: 60_000, neverFinishes: true}),
			],
		});
		const {out} = await watch('json', ['j_st_a', 'j_st_b'], sim, {heartbeatMs: 600, timeoutMs: 2500, during: outage(sim)});
		const beats = json(out).filter((event) => event['type'] === 'heartbeat');
		expect(beats.length).toBeGreaterThan(0);
		for (const beat of beats) expect(beat).toMatchObject({stale: true, stale_since: expect.stringMatching(/^\d{4}-/)});

		const calm = await realTimeSim({
			batches: [
				batch('j_ok_a', {items: 3, durationMs: 60_000, neverFinishes: true}),
				batch('j_ok_b', {items: 3, durationMs: 60_000, neverFinishes: true}),
			],
		});
		const quiet = await watch('plain', ['j_ok_a', 'j_ok_b'], calm, {heartbeatMs: 600, timeoutMs: 2000});
		const lines = quiet.out.filter((line) => line.includes('no change for'));
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line).not.toContain('stale');
	});
});

describe('the bin', {timeout: 30_000}, () => {
	it('says a 502 page and a reset that a quick retry rode out, on stderr', async () => {
		const sim = await realTimeSim({batches: [batch('b_bin', {items: 3, durationMs: 6000})]});
		let injected = false;
		const result = await runBin(['b_bin', '-i', '0.5', '--ui', 'plain'], {
			env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey},
			onOutput: (stdout) => {
				if (!injected && stdout.includes('running')) {
					injected = true;
					sim.faults.inject({kind: 'html', status: 502}, {route: '/v1/batches/b_bin?'});
					sim.faults.inject({kind: 'reset'}, {route: '/v1/batches/b_bin?'});
				}
			},
		});
		expect(result.code).toBe(0);
		const lines = result.stderr.split('\n').filter(Boolean);
		expect(lines).toEqual([
			expect.stringMatching(/^\d\d:\d\d:\d\d ! the server answered with an HTML page \(502\) \(try 1 failed, again in \d/),
			expect.stringMatching(/^\d\d:\d\d:\d\d ! cannot reach 127\.0\.0\.1:\d+ \(ECONNRESET\) \(try 2 failed, again in \d/),
		]);
	});
});
