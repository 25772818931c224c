// A server whose answer has no end (or announces 200 MB), through the real bin in plain mode:
// each attempt stops past 8 MB and is said as such on stderr, the bin's memory stays within the
// readme's 150 MB across attempts, and it recovers once the server answers sensibly.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Fault} from '../../source/sim/server.js';
import {BIN} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const KEY = 'rf_live_S1zeT3stKeyNeverShown';
const MB = 1024 * 1024;
const PASSED = /the server's answer passed 8 MB/g;

function rssOf(pid: number): number {
	try {
		return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
	} catch {
		return 0; // gone
	}
}

async function watch(fault: Fault) {
	const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_big', {items: 4, durationMs: 1500})]});
	sim.faults.always(fault, {route: '/v1/batches/b_big'});
	const child = spawn(process.execPath, [BIN, 'b_big', '--ui', 'plain', '-i', '0.5'], {
		env: {PATH: process.env['PATH'] ?? '', RUNFLOW_API_KEY: KEY, RUNFLOW_BASE_URL: sim.url},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let maxRss = 0;
	child.stdout.on('data', (data: Buffer) => {
		stdout += data.toString('utf8');
	});
	child.stderr.on('data', (data: Buffer) => {
		stderr += data.toString('utf8');
		// Three attempts stopped, each said: the server is answering sensibly again.
		if ((stderr.match(PASSED) ?? []).length >= 3) sim.faults.clear();
	});
	const sampler = setInterval(() => {
		maxRss = Math.max(maxRss, rssOf(child.pid!));
		// Far past the bound: the test has failed, the machine is spared the rest.
		if (maxRss > 400 * MB) child.kill('SIGKILL');
	}, 25);
	const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	clearTimeout(killer);
	return {code, stdout, stderr, maxRss};
}

describe.concurrent('an answer too large, through the bin', {timeout: 60_000}, () => {
	for (const [name, fault] of [
		['without end', {kind: 'huge'}],
		['of 200 MB', {kind: 'huge', bytes: 200 * MB}],
	] as [string, Fault][]) {
		it(`${name}: said on each attempt, memory within 150 MB, then the batch read to its end`, async () => {
			const result = await watch(fault);
			expect((result.stderr.match(PASSED) ?? []).length, result.stderr).toBeGreaterThanOrEqual(1);
			expect(result.stderr).not.toMatch(/ERR_BODY_PARSE_FAILURE|cannot reach/);
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).toMatch(/done: succeeded 4\/4/);
			expect(result.maxRss).toBeGreaterThan(0);
			expect(result.maxRss).toBeLessThan(150 * MB);
		});
	}
});
