// --batches-file from a source without end, through the real bin: a device (/dev/zero), a pipe
// fed for as long as the bin reads it (no line break ever; line breaks alone; ids without end).
// The bin stops at its bound with one line naming the line, exit 2, its memory small meanwhile.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {BIN, runBin} from '../helpers/bin.js';

const KEY = 'rf_live_B0undsT3stKeyNeverShown';
const MB = 1024 * 1024;

function rssOf(pid: number): number | null {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : null;
	} catch {
		return null; // gone
	}
}

/** The bin with `--batches-file -`, its standard input fed by `chunk(i)` for as long as it reads; the most RSS seen. */
async function feed(chunk: (i: number) => string): Promise<{code: number | null; stderr: string; maxRss: number}> {
	const child = spawn(process.execPath, [BIN, '--batches-file', '-', '--ui', 'plain'], {
		env: {PATH: process.env['PATH'] ?? '', RUNFLOW_API_KEY: KEY},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stderr = '';
	let maxRss = 0;
	let i = 0;
	child.stderr.on('data', (data: Buffer) => {
		stderr += data.toString('utf8');
	});
	child.stdout.resume();
	child.stdin.on('error', () => {}); // EPIPE once it stopped reading
	const write = () => {
		while (child.exitCode === null && child.stdin.writable && child.stdin.write(chunk(i++)));
	};
	child.stdin.on('drain', write);
	write();
	const sampler = setInterval(() => {
		maxRss = Math.max(maxRss, rssOf(child.pid!) ?? 0);
	}, 20);
	const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	clearTimeout(killer);
	return {code, stderr, maxRss};
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe.concurrent('--batches-file without end', {timeout: 30_000}, () => {
	it('/dev/zero: exit 2 at its first MB, naming line 1', async () => {
		const result = await runBin(['--batches-file', '/dev/zero', '--ui', 'plain'], {env: {RUNFLOW_API_KEY: KEY}, killAfterMs: 15_000});
		expect(result.code).toBe(2);
		expect(lines(result.stderr)).toEqual([
			'runflow-watch: --batches-file /dev/zero line 1: longer than 1 MB without a line break (one batch id, or a JSON object with an "id", per line)',
		]);
	});

	it('a pipe that never sends a line break: exit 2, memory flat', async () => {
		const result = await feed(() => 'x'.repeat(64 * 1024));
		expect(result.code).toBe(2);
		expect(lines(result.stderr)).toEqual([
			'runflow-watch: --batches-file - line 1: longer than 1 MB without a line break (one batch id, or a JSON object with an "id", per line)',
		]);
		expect(result.maxRss).toBeGreaterThan(0);
		expect(result.maxRss).toBeLessThan(150 * MB);
	});

	it('a pipe of line breaks without end: exit 2 past 100,000 lines', async () => {
		const result = await feed(() => '\n'.repeat(64 * 1024));
		expect(result.code).toBe(2);
		expect(lines(result.stderr)).toEqual(['runflow-watch: --batches-file - line 100001: more than 100,000 lines']);
		expect(result.maxRss).toBeLessThan(150 * MB);
	});

	it('a pipe of ids without end: exit 2 past 5,000 batches', async () => {
		const result = await feed((i) => `b_${i}\n`);
		expect(result.code).toBe(2);
		expect(lines(result.stderr)).toEqual([
			'runflow-watch: --batches-file - line 5001: more than 5,000 batches: a job holds at most 5,000 (watch them in parts)',
		]);
	});
});
