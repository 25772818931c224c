// Runs the real bin (dist/cli/bin.js: the bundle that ships, built by `npm test`'s pretest)
// and collects what a user would see: stdout, stderr, the exit code.
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** The cache directory the bins of the tests use (their journals): never the real one. A test may give its own XDG_CACHE_HOME. */
export const TEST_CACHE = mkdtempSync(join(tmpdir(), 'rfw-cache-'));

export interface BinResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface BinOptions {
	env?: Record<string, string | undefined>;
	/** Kill it after this long (the test then sees signal SIGKILL). */
	killAfterMs?: number;
	/** Called as output arrives; return true to send SIGINT. */
	onOutput?: (stdout: string, stderr: string) => boolean | void;
	signal?: NodeJS.Signals;
	/** Written to its standard input (then closed; by default closed at once). */
	stdin?: string;
}

export function runBin(args: string[], options: BinOptions = {}): Promise<BinResult> {
	return new Promise((resolve, reject) => {
		const env: Record<string, string> = {PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', XDG_CACHE_HOME: TEST_CACHE};
		for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
		const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let signalled = false;
		const check = () => {
			if (!signalled && options.onOutput?.(stdout, stderr)) {
				signalled = true;
				child.kill(options.signal ?? 'SIGINT');
			}
		};
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
			check();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
			check();
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20_000);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr});
		});
		child.stdin.end(options.stdin);
	});
}
