// The real bin (dist/cli/bin.js), spawned without a terminal: usage errors, auth and
// not-found exits against the simulator, the default mode. Tests run concurrently.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DEMO_API_KEY} from '../../source/sim/demo.js';
import {runBin, type BinResult} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const KEY = 'rf_live_b1nT3stKeyDoNotPrint';
const WRONG = 'rf_live_Wr0ngKeyDoNotPrint';

const JOBS = join(mkdtempSync(join(tmpdir(), 'rfw-bin-')), 'jobs.txt');
writeFileSync(JOBS, '# submitted\nb_1\n{"id":"b_2"}\n\nb_3\n{"id":"b_4","x":1}\n{"status":"queued"}\n');

function lines(text: string): string[] {
	return text.split('\n').filter((line) => line !== '');
}

/** One stderr line, `runflow-watch: …`, no stack trace. */
function expectOneErrorLine(result: BinResult, pattern: RegExp): void {
	const errors = lines(result.stderr);
	expect(errors, result.stderr).toHaveLength(1);
	expect(errors[0]).toMatch(/^runflow-watch: /);
	expect(errors[0]).toMatch(pattern);
	expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

function expectNoKey(result: BinResult, ...keys: string[]): void {
	for (const key of keys) {
		expect(result.stdout).not.toContain(key);
		expect(result.stderr).not.toContain(key);
	}
}

describe.concurrent('bin: help, version, usage errors', {timeout: 30_000}, () => {
	it('--help prints the usage and exits 0', async () => {
		const result = await runBin(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Usage');
		expect(result.stdout).toContain('runflow-watch <batch-id>');
		expect(result.stderr).toBe('');
	});

	it('--version prints the package version', async () => {
		const result = await runBin(['--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});

	const usage: [string, string[], Record<string, string>, RegExp][] = [
		['no batch id', [], {RUNFLOW_API_KEY: KEY}, /missing batch id/],
		['no key', ['b_1'], {}, /no API key: set RUNFLOW_API_KEY/],
		['a bad --interval', ['b_1', '--interval', 'fast'], {RUNFLOW_API_KEY: KEY}, /--interval takes seconds/],
		['too short an --interval', ['b_1', '-i', '0.1'], {RUNFLOW_API_KEY: KEY}, /--interval must be at least 0\.5/],
		['an unknown flag', ['b_1', '--frobnicate'], {RUNFLOW_API_KEY: KEY}, /unknown option --frobnicate/],
		['a bad --timeout', ['b_1', '--timeout', 'soon'], {RUNFLOW_API_KEY: KEY}, /--timeout takes a duration/],
		['a bad --max-cost', ['b_1', '--max-cost', 'lots'], {RUNFLOW_API_KEY: KEY}, /--max-cost takes an amount in USD/],
		['a zero --max-cost', ['b_1', '--max-cost', '0'], {RUNFLOW_API_KEY: KEY}, /--max-cost takes an amount in USD above 0/],
		['--ui tui without a terminal', ['b_1', '--ui', 'tui'], {RUNFLOW_API_KEY: KEY}, /needs a terminal/],
		['a bad --max-rps', ['b_1', '--max-rps', '0'], {RUNFLOW_API_KEY: KEY}, /--max-rps must be above 0 requests per second \(e\.g\. 0\.5/],
		[
			'a malformed line of --batches-file',
			['--batches-file', JOBS],
			{RUNFLOW_API_KEY: KEY},
			/^runflow-watch: --batches-file .*jobs\.txt line 7: the JSON object has no "id" string/,
		],
		['a bad batch id among several', ['b_1', 'b_2', 'b 3'], {RUNFLOW_API_KEY: KEY}, /"b 3" is not a batch id/],
		[
			'plain http to a remote host',
			['b_1', '--base-url', 'http://api.example.com'],
			{RUNFLOW_API_KEY: KEY},
			/refusing to send the API key over plain http/,
		],
	];
	for (const [name, args, env, pattern] of usage) {
		it(`exits 2 with one line for ${name}`, async () => {
			const result = await runBin(args, {env});
			expect(result.code).toBe(2);
			expectOneErrorLine(result, pattern);
			expect(result.stdout).toBe('');
			expectNoKey(result, KEY);
		});
	}

	it('--batches-file - reads standard input: a malformed line there exits 2 naming it', async () => {
		const result = await runBin(['--batches-file', '-'], {env: {RUNFLOW_API_KEY: KEY}, stdin: 'b_1\n{"id": 7}\n'});
		expect(result.code).toBe(2);
		expectOneErrorLine(result, /^runflow-watch: --batches-file - line 2: the JSON object has no "id" string \(id is 7\)$/);
	});

	it('does not echo a key passed with --api-key when the other flags are wrong', async () => {
		const result = await runBin(['b_1', '--api-key', KEY, '--page-size', '9000']);
		expect(result.code).toBe(2);
		expectOneErrorLine(result, /--page-size/);
		expectNoKey(result, KEY);
	});
});

describe.concurrent('bin against the simulator', {timeout: 30_000}, () => {
	it('exits 3 with one line when the key is rejected, and never prints the key', async () => {
		const sim = await realTimeSim({batches: [batch('b_bin')], apiKey: KEY});
		const result = await runBin(['b_bin', '-i', '0.5'], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: WRONG}});
		expect(result.code).toBe(3);
		expectOneErrorLine(result, /the API key was rejected \(401\)/);
		expectNoKey(result, WRONG, KEY);
	});

	it('exits 3 when the key may not read the organization', async () => {
		const sim = await realTimeSim({batches: [batch('b_bin')], apiKey: KEY, orgId: 'org_mine'});
		const result = await runBin(['b_bin', '--org', 'org_theirs'], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: KEY}});
		expect(result.code).toBe(3);
		expectOneErrorLine(result, /403 ORGANIZATION_MEMBERSHIP_REQUIRED/);
		expectNoKey(result, KEY);
	});

	it('exits 4 when the batch does not exist', async () => {
		const sim = await realTimeSim({batches: [batch('b_bin')], apiKey: KEY});
		const result = await runBin(['b_missing'], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: KEY}});
		expect(result.code).toBe(4);
		expectOneErrorLine(result, /batch b_missing not found \(404\)/);
		expectNoKey(result, KEY);
	});

	it('takes RUNFLOW_API_TOKEN when RUNFLOW_API_KEY is unset', async () => {
		const sim = await realTimeSim({batches: [batch('b_bin')], apiKey: KEY});
		const result = await runBin(['b_missing'], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_TOKEN: KEY}});
		expect(result.code).toBe(4);
	});

	it('runs in plain mode when stdout is not a terminal', async () => {
		const sim = await realTimeSim({batches: [batch('b_bin', {items: 5, durationMs: 800})], apiKey: KEY});
		const result = await runBin(['b_bin', '-i', '0.5'], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: KEY}});
		expect(result.code).toBe(0);
		const out = lines(result.stdout);
		expect(out.length).toBeGreaterThanOrEqual(1);
		for (const line of out) expect(line).toMatch(/^\d\d:\d\d:\d\d /);
		expect(out.at(-1)).toMatch(/ done: succeeded 5\/5 /);
		expect(result.stdout).not.toContain('\u001B');
		expect(() => JSON.parse(out[0]!)).toThrow();
		expectNoKey(result, KEY);
	});

	it('keeps retrying a refused connection, one stderr line per failure, until interrupted', async () => {
		// A closed port: the bin keeps retrying (5 minutes before it gives up) and reports each failure on stderr.
		const sim = await realTimeSim({batches: [batch('b_bin')], apiKey: KEY});
		const url = sim.url;
		await sim.close();
		const result = await runBin(['b_bin', '-i', '0.5'], {
			env: {RUNFLOW_BASE_URL: url, RUNFLOW_API_KEY: KEY},
			onOutput: (_out, err) => err.includes('(attempt 1,'),
		});
		expect(result.code).toBe(130);
		// Each try of the first poll, then the poll itself, then the signal: a line each.
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			expect.stringMatching(/^\d\d:\d\d:\d\d ! cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) \(try 1 failed, again in /),
			expect.stringMatching(/^\d\d:\d\d:\d\d ! cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) \(try 2 failed, again in /),
			expect.stringMatching(/^\d\d:\d\d:\d\d ! cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) \(attempt 1, next in /),
			'runflow-watch: interrupted (SIGINT)',
		]);
		expect(result.stdout).toMatch(/interrupted: no data was received/);
		expectNoKey(result, KEY);
	});

	it('refuses --demo with a batch id', async () => {
		const result = await runBin(['b_1', '--demo']);
		expect(result.code).toBe(2);
		expectOneErrorLine(result, /--demo watches its own batch/);
		expectNoKey(result, DEMO_API_KEY);
	});
});
