// Runs the real bin in a real pseudo-terminal (util-linux `script`, in every Debian), so
// tests see the bytes a terminal would get: alternate screen, cursor, colours.
import {execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {readlinkSync} from 'node:fs';
import {childPid} from '../bench/process-measures.js';
import {BIN, TEST_CACHE} from './bin.js';

export interface PtyRun {
	child: ChildProcessWithoutNullStreams;
	output(): string;
	/** The pid of the bin itself (script's child). */
	binPid(): number | null;
	send(keys: string): void;
	/** Resizes the pseudo-terminal, as a terminal window does: the bin gets SIGWINCH. */
	resize(columns: number, rows: number): void;
	waitFor(predicate: (output: string) => boolean, ms?: number): Promise<void>;
	exit: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

function quote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function runInPty(args: string[], options: {env?: Record<string, string>; rows?: number; columns?: number; cwd?: string} = {}): PtyRun {
	const size = `stty rows ${options.rows ?? 30} cols ${options.columns ?? 100}`;
	const command = `${size}; exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`;
	const env: Record<string, string> = {
		PATH: process.env['PATH'] ?? '',
		HOME: process.env['HOME'] ?? '/tmp',
		XDG_CACHE_HOME: TEST_CACHE,
		TERM: 'xterm-256color',
		...options.env,
	};
	const child = spawn('script', ['-qfec', command, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd ? {cwd: options.cwd} : {})});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
		child.on('close', (code, signal) => resolve({code, signal}));
	});
	return {
		child,
		exit,
		output: () => output,
		binPid: () => childPid(child.pid),
		send: (keys) => child.stdin.write(keys),
		resize: (columns, rows) => {
			const pid = childPid(child.pid);
			if (!pid) throw new Error('the bin is not running');
			execFileSync('stty', ['-F', readlinkSync(`/proc/${pid}/fd/0`), 'rows', String(rows), 'cols', String(columns)]);
		},
		waitFor: async (predicate, ms = 10_000) => {
			const until = Date.now() + ms;
			while (!predicate(output)) {
				if (Date.now() > until) throw new Error(`timed out waiting; output so far:\n${JSON.stringify(output.slice(-600))}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
	};
}
