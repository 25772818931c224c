// runJobHeadless in-process against the simulator: a job of several batches watched in json and
// plain modes, one request budget for all of it; exit codes over the whole job.
import {describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {parseMoney} from '../../source/lib/money.js';
import {RunflowClient} from '../../source/api/client.js';
import type {Config} from '../../source/cli/args.js';
import {failureCause} from '../../source/lib/failures.js';
import {isFailure} from '../../source/lib/status.js';
import {runJobHeadless} from '../../source/modes/job-headless.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import type {Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const CLOCK = /^\d\d:\d\d:\d\d /;

interface Watched {
	code: number;
	out: string[];
	err: string[];
	/** Arrival times (ms) of the requests the simulator saw. */
	arrivals: number[];
}

async function watchJob(
	specs: BatchSpec[],
	ids: string[],
	config: Partial<Config> & {ui: 'plain' | 'json'},
	maxRps = 20,
	more: {maxCauseReads?: number} = {},
): Promise<Watched & {sim: Simulator}> {
	const arrivals: number[] = [];
	const sim = await realTimeSim({batches: specs, onRequest: () => arrivals.push(performance.now())});
	const budget = new RequestBudget({ratePerSecond: maxRps});
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, budget});
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids});
	const out: string[] = [];
	const err: string[] = [];
	const stream = (sink: string[]) => ({write: (text: string) => sink.push(...text.split('\n').filter(Boolean))}) as unknown as NodeJS.WriteStream;
	const full = {color: false, failFast: false, timeoutMs: 20_000, heartbeatMs: 60_000, ...config} as Config;
	const code = await runJobHeadless({config: full, store, client, intervalMs: 200, stdout: stream(out), stderr: stream(err), ...more});
	expect(out.join('\n') + err.join('\n')).not.toContain(sim.apiKey);
	return {code, out, err, arrivals, sim};
}

function events(out: string[]): Array<Record<string, unknown>> {
	return out.map((line) => {
		const event = JSON.parse(line) as Record<string, unknown>;
		expect(event['ts']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		return event;
	});
}

/** The failed items of a finished batch, as the API reports them, with their causes. */
async function failedItems(sim: Simulator, id: string) {
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0});
	const page = await client.listItems(id, {limit: 500, embed: 'run'});
	return page.items.filter((item) => isFailure(item.status_code)).map((item) => ({item, cause: failureCause(item)!}));
}

const JOB: BatchSpec[] = [
	batch('j_one', {items: 8, durationMs: 1500, failureRate: 0.3, seed: 7}),
	batch('j_two', {items: 6, durationMs: 1200, startDelayMs: 400}),
	batch('j_three', {items: 10, durationMs: 2000, startDelayMs: 800, failureRate: 0.25, cancelRate: 0.1, seed: 3}),
	batch('j_four', {items: 5, durationMs: 1000, startDelayMs: 1200, hostile: true, seed: 5}),
];
const IDS = JOB.map((spec) => spec.id);

describe.concurrent('a job in json mode', {timeout: 30_000}, () => {
	it('says the job, each batch once as it finishes, each failure with its batch and cause, then done with exit 1', async () => {
		const {code, out, err, sim, arrivals} = await watchJob(JOB, IDS, {ui: 'json'});
		expect(code).toBe(1);
		expect(err).toEqual([]);
		const all = events(out);
		const jobs = all.filter((e) => e['type'] === 'job');
		expect(jobs.length).toBeGreaterThanOrEqual(2);
		expect(jobs[0]).toMatchObject({batches: 4});
		expect(Object.keys(jobs[0]!['batches_by_state'] as object).sort()).toEqual(['finished', 'missing', 'queued', 'running', 'unread']);

		const batches = all.filter((e) => e['type'] === 'batch');
		expect(batches.map((e) => e['batch_id']).sort()).toEqual([...IDS].sort());
		for (const event of batches) {
			const spec = JOB.find((s) => s.id === event['batch_id'])!;
			expect(event).toMatchObject({total: spec.items, finished: spec.items});
			expect(event['cost']).toMatch(/^\d+\.\d+$/);
		}

		const failures = all.filter((e) => e['type'] === 'failure');
		let expected = 0;
		for (const id of IDS) {
			const failed = await failedItems(sim, id);
			expected += failed.length;
			for (const {item, cause} of failed) {
				const mine = failures.filter((e) => e['batch_id'] === id && e['id'] === item.id);
				expect(mine, `${id} #${item.sequence_index}`).toHaveLength(1);
				expect(mine[0]).toMatchObject({sequence_index: item.sequence_index, status: item.status_code, cause, cause_read: true});
			}
		}

		expect(expected).toBeGreaterThan(2);
		expect(failures).toHaveLength(expected);

		const done = all.at(-1)!;
		const total = JOB.reduce((sum, spec) => sum + spec.items, 0);
		expect(done).toMatchObject({
			type: 'done',
			reason: 'done',
			exit_code: 1,
			outcome: 'failed',
			status: 'partial_succeeded',
			batches: 4,
			total,
			finished: total,
		});
		expect(done['batches_by_state']).toEqual({unread: 0, queued: 0, running: 0, finished: 4, missing: 0});
		expect(all.filter((e) => e['type'] === 'done')).toHaveLength(1);
		// One budget for every request: never more than the rate (and one of loopback jitter) in any second.
		for (const at of arrivals) expect(arrivals.filter((t) => t >= at && t < at + 1000).length).toBeLessThanOrEqual(21);
	});

	it("keeps the exact sum in the job's cost: done.cost and cost_usd are the batches' cost_usd added up, unrounded", async () => {
		const {code, out} = await watchJob(JOB, IDS, {ui: 'json'});
		expect(code).toBe(1);
		const all = events(out);
		const batches = all.filter((e) => e['type'] === 'batch');
		expect(batches).toHaveLength(IDS.length);
		let sum = 0n;
		for (const event of batches) {
			const server = parseMoney(event['cost_usd'])!;
			// A batch's cost is the server's figure, exactly (at least 4 decimals).
			expect(parseMoney(event['cost'])).toBe(server);
			sum += server;
		}

		const done = all.at(-1)!;
		expect(done['type']).toBe('done');
		expect(parseMoney(done['cost'])).toBe(sum);
		expect(done['cost_usd']).toBe(done['cost']);
		// The simulator's costs have 6 decimals: rounding to 4 would show here.
		expect((done['cost'] as string).split('.')[1]!.length).toBeGreaterThan(4);
		for (const event of all.filter((e) => e['type'] === 'job' || e['type'] === 'heartbeat')) expect(event['cost_usd']).toBe(event['cost']);
	});

	it('exits 4 naming the batch the server does not know, on one stderr line', async () => {
		const {code, out, err} = await watchJob(JOB.slice(0, 2), ['j_one', 'j_nope', 'j_two'], {ui: 'json'});
		expect(code).toBe(4);
		expect(err).toEqual(['runflow-watch: batch j_nope not found (404): check the id']);
		expect(events(out).at(-1)).toMatchObject({type: 'done', reason: 'halted', exit_code: 4, batches_by_state: {missing: 1}});
	});

	it('exits 1 at the first failed item of any batch with --fail-fast, its failure said', async () => {
		const specs = [batch('f_slow', {items: 6, durationMs: 15_000}), batch('f_bad', {items: 6, durationMs: 1500, failureRate: 1, seed: 2})];
		const {code, out} = await watchJob(specs, ['f_slow', 'f_bad'], {ui: 'json', failFast: true});
		expect(code).toBe(1);
		const all = events(out);
		expect(all.filter((e) => e['type'] === 'failure' && e['batch_id'] === 'f_bad').length).toBeGreaterThanOrEqual(1);
		expect(all.at(-1)).toMatchObject({type: 'done', reason: 'fail-fast', exit_code: 1, outcome: 'running'});
	});
});

describe.concurrent('a job in plain mode', {timeout: 30_000}, () => {
	it('prints job lines, a line per finished batch, and exits 0 when every item of every batch succeeded', async () => {
		const specs = [batch('p_a', {items: 4, durationMs: 800}), batch('p_b', {items: 3, durationMs: 1000, startDelayMs: 300})];
		const {code, out, err} = await watchJob(specs, ['p_a', 'p_b'], {ui: 'plain'});
		expect(code).toBe(0);
		expect(err).toEqual([]);
		for (const line of out) expect(line).toMatch(CLOCK);
		expect(out[0]).toMatch(/^\d\d:\d\d:\d\d job 2 batches \(/);
		expect(out.filter((line) => / batch p_a finished: succeeded 4\/4 ✓4, \$\d+\.\d+/.test(line))).toHaveLength(1);
		expect(out.filter((line) => / batch p_b finished: succeeded 3\/3 ✓3, \$\d+\.\d+/.test(line))).toHaveLength(1);
		expect(out.at(-1)).toMatch(/^\d\d:\d\d:\d\d done: succeeded job 2 batches \(2 finished\) 7\/7 ✓7, \$\d+\.\d+$/);
	});

	it('says once, on one line, when the whole job passes --max-cost', async () => {
		const specs = [batch('m_a', {items: 6, durationMs: 800}), batch('m_b', {items: 6, durationMs: 1000, startDelayMs: 300})];
		const {code, out} = await watchJob(specs, ['m_a', 'm_b'], {ui: 'plain', maxCost: parseMoney('0.0001')});
		expect(code).toBe(0);
		const over = out.filter((line) => line.includes('over budget'));
		expect(over).toHaveLength(1);
		expect(over[0]).toMatch(/^\d\d:\d\d:\d\d ! over budget: (spent \$|projected total ~\$)[\d.]+ passes --max-cost \$0\.0001$/);
	});

	it('prints each failure with its batch id and cause', async () => {
		const {code, out, sim} = await watchJob(JOB.slice(0, 1), ['j_one'], {ui: 'plain'});
		expect(code).toBe(1);
		const failed = await failedItems(sim, 'j_one');
		const lines = out.filter((line) => / [✗!] j_one #\d+ /.test(line));
		expect(lines).toHaveLength(failed.length);
		for (const {item, cause} of failed) {
			const mine = lines.filter((line) => line.includes(` j_one #${item.sequence_index} `));
			expect(mine).toHaveLength(1);
			expect(mine[0]).toContain(` ${item.status_code} ${cause}`);
		}

		// The job's word is its batch's (some items succeeded: not `failed`); the exit code still says a failure.
		expect(out.at(-1)).toMatch(/ done: partial_succeeded job 1 batch \(1 finished\) 8\/8 /);
	});

	it('says (cause not read) for a failure whose cause was not read, and cause_read: false in JSON', async () => {
		const {code, out} = await watchJob(JOB.slice(0, 1), ['j_one'], {ui: 'plain'}, 20, {maxCauseReads: 0});
		expect(code).toBe(1);
		const lines = out.filter((line) => / [✗!] j_one #\d+ /.test(line));
		expect(lines.length).toBeGreaterThan(0);
		for (const line of lines) expect(line).toMatch(/ j_one #\d+ .* (failed|errored) \(cause not read\)$/);
		const json = await watchJob(JOB.slice(0, 1), ['j_one'], {ui: 'json'}, 20, {maxCauseReads: 0});
		const failures = events(json.out).filter((e) => e['type'] === 'failure');
		expect(failures.length).toBe(lines.length);
		for (const event of failures) expect(event).toMatchObject({cause: null, message: null, cause_read: false});
	});

	it('exits 5 at --timeout, saying how far the job got', async () => {
		const specs = [batch('t_a', {items: 4, durationMs: 500}), batch('t_b', {items: 4, durationMs: 1000, neverFinishes: true})];
		const {code, out, err} = await watchJob(specs, ['t_a', 't_b'], {ui: 'plain', timeoutMs: 2500});
		expect(code).toBe(5);
		expect(err).toEqual([
			expect.stringMatching(/^runflow-watch: timed out after 2\.5s: the job had not finished \(4\/8 items, 1 of 2 batches finished\)$/),
		]);
		expect(out.at(-1)).toMatch(/ timeout: running job 2 batches \(1 running, 1 finished\) 4\/8 /);
	});
});
