// Measures of the real bin in a real pseudo-terminal (util-linux `script`): idle CPU and
// memory at the default interval, and process start to the first frame with data.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {forkSimulator, type RemoteSim} from './sim-process.js';
import {median, sleep} from './harness.js';

const BIN = fileURLToPath(new URL('../cli/bin.js', import.meta.url));
const CLOCK_TICKS = 100; // USER_HZ on Linux

function quote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

interface Running {
	output(): string;
	pid(): number | null;
	stop(): Promise<void>;
}

function startBin(sim: RemoteSim, batchId: string): Running {
	const extra = (process.env['BENCH_BIN_FLAGS'] ?? '').split(' ').filter(Boolean).map(quote).join(' ');
	const command = `stty rows 40 cols 120; exec ${quote(process.execPath)} ${extra} ${quote(BIN)} ${quote(batchId)}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {
		env: {PATH: process.env['PATH'] ?? '', TERM: 'xterm-256color', RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey},
		stdio: ['pipe', 'pipe', 'ignore'],
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
		if (output.length > 200_000) output = output.slice(-100_000);
	});
	const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
	return {
		output: () => output,
		pid: () => childPid(child.pid),
		stop: async () => {
			child.stdin.write('q');
			await Promise.race([closed, sleep(3000)]);
			child.kill('SIGKILL');
		},
	};
}

/** The first child of a process (the bin under `script`), from /proc; null when there is none. */
export function childPid(pid: number | undefined): number | null {
	try {
		const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		return text ? Number(text.split(' ')[0]) : null;
	} catch {
		return null;
	}
}

function cpuTicks(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function rssMb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith('VmRSS:'));
	return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

const stripped = (text: string) => text.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '');

async function waitFor(run: Running, predicate: (text: string) => boolean, ms: number): Promise<void> {
	const until = Date.now() + ms;
	while (!predicate(stripped(run.output()))) {
		if (Date.now() > until) throw new Error('the bin did not show its first frame in time');
		await sleep(5);
	}
}

export interface IdleFigures {
	seconds: number;
	cpuPercent: number;
	rssMb: number;
}

/**
 * CPU (% of one core) and RSS of the bin at the default 2 s interval, watching a finished
 * 120-item batch (idle), or with `busy`, a 500-item batch that is running the whole time.
 */
export async function idleCpu(seconds: number, busy = false, items = 500): Promise<IdleFigures> {
	const batch = busy
		? {id: 'b_idle', items, durationMs: Math.max((seconds + 60) * 1000, items * 60), failureRate: 0.1}
		: {id: 'b_idle', items: 120, durationMs: 1, failureRate: 0.1};
	const sim = await forkSimulator(batch, null);
	const run = startBin(sim, 'b_idle');
	try {
		await waitFor(run, (text) => text.includes('items #0–#49'), 30_000);
		await sleep(3000);
		const pid = run.pid();
		if (pid === null) throw new Error('no bin process');
		const before = cpuTicks(pid);
		await sleep(seconds * 1000);
		const used = cpuTicks(pid) - before;
		return {seconds, cpuPercent: (used / CLOCK_TICKS / seconds) * 100, rssMb: rssMb(pid)};
	} finally {
		await run.stop();
		await sim.close();
	}
}

/** Process start to the first frame showing data from a loopback server, median of `runs`. */
export async function startToFirstFrame(runs: number): Promise<number> {
	const sim = await forkSimulator({id: 'b_start', items: 120, durationMs: 600_000, failureRate: 0.1}, null);
	const times: number[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const start = performance.now();
			const run = startBin(sim, 'b_start');
			await waitFor(run, (text) => text.includes('items #0–#49'), 15_000);
			times.push(performance.now() - start);
			await run.stop();
		}
	} finally {
		await sim.close();
	}
	return median(times);
}
