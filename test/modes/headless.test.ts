// The plain and json modes of the real bin against simulated batches that finish in seconds.
// Tests run concurrently (each has its own simulator), so the file stays fast.
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {failureCause} from '../../source/lib/failures.js';
import {formatMoney, parseMoney} from '../../source/lib/money.js';
import {isFailure} from '../../source/lib/status.js';
import type {Simulator} from '../../source/sim/server.js';
import {runBin, type BinOptions, type BinResult} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const KEY = 'rf_live_H3adl3ssKeyNeverShown';
const CLOCK = /^\d\d:\d\d:\d\d /;

function lines(text: string): string[] {
	return text.split('\n').filter((line) => line !== '');
}

/** ms: from the bin's first output (it has started: node's own start-up, slow on a busy machine, left out) to its exit. */
async function watch(sim: Simulator, id: string, args: string[], options: BinOptions = {}): Promise<BinResult & {ms: number}> {
	let started: number | undefined;
	const result = await runBin([id, '-i', '0.5', ...args], {
		...options,
		onOutput(stdout, stderr) {
			started ??= performance.now();
			return options.onOutput?.(stdout, stderr);
		},
		env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: KEY, ...options.env},
	});
	expect(result.stdout + result.stderr).not.toContain(KEY);
	return {...result, ms: performance.now() - (started ?? Number.NaN)};
}

function parseJsonLines(stdout: string): Array<Record<string, unknown>> {
	return lines(stdout).map((line) => {
		const event = JSON.parse(line) as Record<string, unknown>;
		expect(typeof event['type']).toBe('string');
		expect(event['ts']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		return event;
	});
}

/** The failed items of the finished batch, as the API reports them, with their causes. */
async function failedItems(sim: Simulator, id: string) {
	const client = new RunflowClient({baseUrl: sim.url, apiKey: KEY, retries: 0});
	const page = await client.listItems(id, {limit: 500, embed: 'run'});
	return page.items.filter((item) => isFailure(item.status_code)).map((item) => ({item, cause: failureCause(item)!}));
}

describe.concurrent('plain mode', {timeout: 30_000}, () => {
	it('exits 0 with a final done line when every item succeeds', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_ok', {items: 10, durationMs: 1500})]});
		const result = await watch(sim, 'b_ok', ['--ui', 'plain']);
		expect(result.code).toBe(0);
		const out = lines(result.stdout);
		for (const line of out) expect(line).toMatch(CLOCK);
		expect(out.at(-1)).toMatch(/^\d\d:\d\d:\d\d done: succeeded 10\/10 ✓10, \$\d+\.\d+ in \d/);
		expect(result.stderr).toBe('');
	});

	it('exits 1 and prints one failure line with its cause per failed item', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_fail', {items: 12, durationMs: 2000, failureRate: 0.3, cancelRate: 0.02, seed: 7})]});
		const result = await watch(sim, 'b_fail', ['--ui', 'plain']);
		expect(result.code).toBe(1);
		const out = lines(result.stdout);
		expect(out.at(-1)).toMatch(/ done: (failed|partial_succeeded) 12\/12 /);
		const failed = await failedItems(sim, 'b_fail');
		expect(failed.length).toBe(5);
		const failureLines = out.filter((line) => /^\d\d:\d\d:\d\d [✗!] #\d+ /.test(line));
		expect(failureLines).toHaveLength(failed.length);
		for (const {item, cause} of failed) {
			const mine = failureLines.filter((line) => line.includes(` #${item.sequence_index} `));
			expect(mine, `item #${item.sequence_index}`).toHaveLength(1);
			expect(mine[0]).toContain(` ${item.status_code} ${cause}`);
		}
	});

	it('exits 4, never 0, when the batch does not exist', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_there')]});
		const result = await watch(sim, 'b_not_there', ['--ui', 'plain']);
		expect(result.code).toBe(4);
		expect(lines(result.stderr)).toEqual(['runflow-watch: batch b_not_there not found (404): check the id']);
	});

	it('exits 3 when the key is rejected', async () => {
		const sim = await realTimeSim({apiKey: 'rf_live_the_real_one', batches: [batch('b_key')]});
		const result = await watch(sim, 'b_key', ['--ui', 'plain']);
		expect(result.code).toBe(3);
		expect(lines(result.stderr)).toHaveLength(1);
		expect(result.stdout + result.stderr).not.toContain('rf_live_the_real_one');
	});

	it('exits 5 when --timeout passes first', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_slow', {durationMs: 1000, neverFinishes: true})]});
		// 4 s: time for a first answer even on a busy machine (the progress is said).
		const result = await watch(sim, 'b_slow', ['--ui', 'plain', '--timeout', '4s']);
		expect(result.code).toBe(5);
		expect(lines(result.stderr).at(-1)).toMatch(/^runflow-watch: timed out after 4\.0s: the batch had not finished \(\d+\/12 finished\)$/);
		expect(lines(result.stdout).at(-1)).toMatch(/ timeout: running /);
	});

	it('exits 1 soon after the first failure with --fail-fast', async () => {
		// seed 4: the first failure ends at 3.3 s, the batch at 17.2 s (time enough for a slow start).
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_ff', {items: 12, durationMs: 20_000, failureRate: 0.15, seed: 4})]});
		const result = await watch(sim, 'b_ff', ['--ui', 'plain', '--fail-fast']);
		expect(result.code).toBe(1);
		const out = lines(result.stdout);
		expect(out.filter((line) => / [✗!] #\d+ /.test(line)).length).toBeGreaterThanOrEqual(1);
		expect(out.at(-1)).toMatch(/ fail-fast: running /);
	});

	it('prints heartbeat lines when nothing changes', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_hb', {items: 4, durationMs: 400, neverFinishes: true})]});
		const result = await watch(sim, 'b_hb', ['--ui', 'plain', '--heartbeat', '1', '--timeout', '3500ms']);
		expect(result.code).toBe(5);
		const beats = lines(result.stdout).filter((line) => line.includes('still running'));
		expect(beats.length).toBeGreaterThanOrEqual(1);
		expect(beats[0]).toMatch(/^\d\d:\d\d:\d\d still running 0\/4 ◐4, \$0\.0+ \(no change for \d+\.\ds\)$/);
	});

	it('SIGINT, SIGTERM and SIGHUP: exit 130, 143, 129, one stderr line naming the signal, a final line saying which', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_int', {durationMs: 1000, neverFinishes: true})]});
		const cases = [
			{signal: 'SIGINT', code: 130, word: 'interrupted', line: 'runflow-watch: interrupted (SIGINT)'},
			{signal: 'SIGTERM', code: 143, word: 'terminated', line: 'runflow-watch: terminated (SIGTERM)'},
			{signal: 'SIGHUP', code: 129, word: 'hangup', line: 'runflow-watch: hangup (SIGHUP): the terminal went away'},
		] as const;
		for (const {signal, code, word, line} of cases) {
			const result = await watch(sim, 'b_int', ['--ui', 'plain'], {onOutput: (out) => out.includes('running'), signal});
			expect(result.code, signal).toBe(code);
			expect(lines(result.stderr), signal).toEqual([line]);
			expect(lines(result.stdout).at(-1)).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${word}: running \\d+/12 `));
		}
	});

	it('snapshot lines carry the figures at a glance: elapsed (server clock), rate, cost per item, projected total (~)', async () => {
		// The batch starts when the bin has printed its first line (its start-up is slow on a busy machine).
		let startedAt: number | undefined;
		const clock = () => Date.UTC(2026, 3, 1) + (startedAt === undefined ? 0 : Date.now() - startedAt);
		const sim = await realTimeSim({apiKey: KEY, clock, batches: [batch('b_glance', {items: 30, durationMs: 4000, seed: 5})]});
		const result = await watch(sim, 'b_glance', ['--ui', 'plain'], {
			onOutput: () => {
				startedAt ??= Date.now();
			},
		});
		expect(result.code).toBe(0);
		const running = lines(result.stdout).filter((line) => / running \d+\/30 /.test(line));
		// e.g. '12:03:05 running 12/30 ○10 ◐8 ✓12, $0.3312 · elapsed 1.5s · 480/min · $0.0276/item · ~$0.8280 total'
		const glance = running.filter((line) => / · elapsed \d+(\.\d)?s · \d+(\.\d)?\/min · \$\d+\.\d{4}\/item · ~\$\d+\.\d{4} total$/.test(line));
		expect(glance.length, running.join('\n')).toBeGreaterThan(0);
		// Elapsed goes up on the server's clock (the batch alone carries no time after its start).
		const elapsed = running
			.map((line) => /elapsed (\d+(?:\.\d)?)s/.exec(line)?.[1])
			.filter(Boolean)
			.map(Number);
		expect(elapsed.at(-1)!, running.join('\n')).toBeGreaterThan(0);
		expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
		// Once over: no rate, ETA or projection (the cost shown is the total).
		const last = lines(result.stdout)
			.filter((line) => / succeeded 30\/30 /.test(line) && !line.includes('done:'))
			.at(-1);
		if (last) expect(last).not.toMatch(/\/min|left|total/);
	});

	it("says (cause not read) when a failed item's detail cannot be read", async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_unread', {items: 6, durationMs: 1200, failureRate: 1, seed: 2})]});
		// Every read of an item by id fails (the batch itself still answers).
		sim.faults.always({kind: 'status', status: 500}, {route: '/items/'});
		const result = await watch(sim, 'b_unread', ['--ui', 'plain']);
		expect(result.code).toBe(1);
		const failures = lines(result.stdout).filter((line) => / [✗!] #\d+ /.test(line));
		expect(failures).toHaveLength(6);
		for (const line of failures) expect(line).toMatch(/ (failed|errored) \(cause not read\)$/);
	});

	it('lets no escape character through from hostile text, and never prints the key', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_hostile', {items: 40, durationMs: 1500, failureRate: 0.5, hostile: true, seed: 3})]});
		const result = await watch(sim, 'b_hostile', ['--ui', 'plain']);
		expect(result.code).toBe(1);
		expect(lines(result.stdout).filter((line) => / [✗!] #\d+ /.test(line)).length).toBeGreaterThan(5);
		expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		// #13 failed; its client_ref is the hostile "\u001b[2J\u001b[Hscreen-cleared.pdf": shown, defanged.
		expect(result.stdout).toMatch(/ ✗ #13 \S*screen-cleared\.pdf failed /);
	});
});

describe.concurrent('json mode', {timeout: 30_000}, () => {
	it('writes one JSON object per line: snapshots, failures and a done line with the exit code', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_json', {items: 12, durationMs: 2000, failureRate: 0.3, seed: 7, hostile: true})]});
		// Page size 5: most failed items are not on the page held, so their details are fetched.
		const result = await watch(sim, 'b_json', ['--ui', 'json', '--page-size', '5']);
		expect(result.code).toBe(1);
		expect(result.stdout).not.toContain('\u001B');
		const events = parseJsonLines(result.stdout);
		const types = new Set(events.map((e) => e['type']));
		for (const type of ['snapshot', 'failure', 'done']) expect(types).toContain(type);
		const done = events.at(-1)!;
		expect(done).toMatchObject({type: 'done', reason: 'done', exit_code: result.code, batch_id: 'b_json', total: 12, finished: 12});
		const failed = await failedItems(sim, 'b_json');
		const failures = events.filter((e) => e['type'] === 'failure');
		expect(failures.map((e) => e['sequence_index']).sort()).toEqual(failed.map((f) => f.item.sequence_index).sort());
		for (const {item, cause} of failed) {
			expect(failures.find((e) => e['id'] === item.id)).toMatchObject({
				status: item.status_code,
				cause,
				run_id: item.run_id,
				client_ref: item.client_ref ?? null,
			});
		}
		const snapshot = events.find((e) => e['type'] === 'snapshot')!;
		expect(snapshot).toMatchObject({batch_id: 'b_json', total: 12});
		expect(typeof snapshot['cost_usd']).toBe('string');
	});

	it('escapes every control character of hostile client_refs, DEL included', async () => {
		// Item #83's client_ref is 'nul\u0000bel\u0007bs\u0008\u0008del\u007Fx.pdf' (sim/hostile.ts).
		// Every item fails: each gets a failure line with its client_ref, however late the first poll.
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_jdel', {items: 90, durationMs: 1500, failureRate: 1, hostile: true, seed: 3})]});
		const result = await watch(sim, 'b_jdel', ['--ui', 'json', '--page-size', '100']);
		expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		expect(result.stdout).toContain('del\\u007fx.pdf');
		const events = parseJsonLines(result.stdout);
		expect(events.find((e) => e['type'] === 'failure' && e['sequence_index'] === 83)?.['client_ref']).toBe(
			'nul\u0000bel\u0007bs\u0008\u0008del\u007Fx.pdf',
		);
	});

	it('ends with exit_code 4 in the done line for a missing batch', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_there')]});
		const result = await watch(sim, 'b_gone', ['--ui', 'json']);
		expect(result.code).toBe(4);
		const events = parseJsonLines(result.stdout);
		expect(events.at(-1)).toMatchObject({type: 'done', reason: 'halted', exit_code: 4});
	});

	it('ends with exit_code 3 for a rejected key', async () => {
		const sim = await realTimeSim({apiKey: 'rf_live_other', batches: [batch('b_k', {neverFinishes: true})]});
		const rejected = await watch(sim, 'b_k', ['--ui', 'json']);
		expect(rejected.code).toBe(3);
		expect(parseJsonLines(rejected.stdout).at(-1)).toMatchObject({type: 'done', exit_code: 3});
	});

	it('tells the signals apart in done.reason: interrupted 130, terminated 143, hangup 129', async () => {
		const open = await realTimeSim({apiKey: KEY, batches: [batch('b_k', {neverFinishes: true})]});
		for (const [signal, reason, code] of [
			['SIGINT', 'interrupted', 130],
			['SIGTERM', 'terminated', 143],
			['SIGHUP', 'hangup', 129],
		] as const) {
			const ended = await watch(open, 'b_k', ['--ui', 'json'], {onOutput: (out) => out.includes('"snapshot"'), signal});
			expect(ended.code, signal).toBe(code);
			expect(parseJsonLines(ended.stdout).at(-1)).toMatchObject({type: 'done', reason, exit_code: code});
			expect(lines(ended.stderr)).toEqual([expect.stringContaining(`(${signal})`)]);
		}
	});

	it('writes heartbeat objects', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_jhb', {items: 3, durationMs: 300, neverFinishes: true})]});
		const result = await watch(sim, 'b_jhb', ['--ui', 'json', '--heartbeat', '1', '--timeout', '2500ms']);
		expect(result.code).toBe(5);
		const events = parseJsonLines(result.stdout);
		expect(events.some((e) => e['type'] === 'heartbeat' && typeof e['quiet_ms'] === 'number' && e['status'] === 'running')).toBe(true);
		expect(events.at(-1)).toMatchObject({type: 'done', reason: 'timeout', exit_code: 5});
	});
});

describe.concurrent('--max-cost', {timeout: 15_000}, () => {
	it('plain: one line when the cost first passes the limit, and the batch goes on to the end', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_budget_p', {items: 10, durationMs: 1500})]});
		const result = await watch(sim, 'b_budget_p', ['--ui', 'plain', '--max-cost', '0.01']);
		expect(result.code).toBe(0);
		const over = lines(result.stdout).filter((line) => line.includes('over budget'));
		expect(over).toHaveLength(1);
		expect(over[0]).toMatch(/^\d\d:\d\d:\d\d ! over budget: (spent \$\d+\.\d{4}|projected total ~\$\d+\.\d{4}) passes --max-cost \$0\.0100$/);
		expect(lines(result.stdout).at(-1)).toMatch(/done: succeeded 10\/10/);
	});

	it('json: one budget event; none when the limit is never passed', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_budget_j', {items: 10, durationMs: 1500})]});
		const events = parseJsonLines((await watch(sim, 'b_budget_j', ['--ui', 'json', '--max-cost', '0.01'])).stdout);
		const budget = events.filter((event) => event['type'] === 'budget');
		expect(budget).toHaveLength(1);
		expect(budget[0]).toMatchObject({which: expect.stringMatching(/^(spent|projected)$/), max_cost: '0.0100'});
		expect(budget[0]!['spent']).toMatch(/^\d+\.\d{4}$/);
		// Snapshots carry the progress and spend figures.
		const last = events.filter((event) => event['type'] === 'snapshot').at(-1)!;
		expect(last).toMatchObject({elapsed_ms: expect.any(Number), projected_is_estimate: false});
		expect(last['average_cost']).toMatch(/^\d+\.\d{4}$/);
		// Every item finished: the projection is the cost (rounded for reading; `cost` is exact).
		expect(last['projected_cost']).toBe(formatMoney(parseMoney(last['cost'])).slice(1));
		for (const field of ['per_minute', 'eta_ms', 'p50_ms', 'p95_ms']) expect(field in last).toBe(true);
		const sim2 = await realTimeSim({apiKey: KEY, batches: [batch('b_budget_n', {items: 4, durationMs: 1000})]});
		const quiet = parseJsonLines((await watch(sim2, 'b_budget_n', ['--ui', 'json', '--max-cost', '1000'])).stdout);
		expect(quiet.some((event) => event['type'] === 'budget')).toBe(false);
	});
});
