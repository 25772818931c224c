// The terminal is put back on every way out, in a real pseudo-terminal. Each test runs a bin
// of its own: they run concurrently.
import {describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/sim/server.js';
import {runInPty} from '../helpers/pty.js';

const ENTER = '\u001B[?1049h';
const LEAVE = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

async function started(args: string[] = ['--demo'], env?: Record<string, string>) {
	const run = runInPty(args, {env});
	await run.waitFor((out) => {
		const text = out.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '');
		return text.includes('job · 7 batches') && text.includes('batch 1 of 7');
	});
	// Keys typed in the first instant after the first frame may come before Ink has put the
	// terminal in raw mode (Ctrl+C would then be a SIGINT): a person is never that fast. Wait
	// until a key is read: ? opens the help, any key goes back to the list.
	const before = run.output().length;
	run.send('?');
	await run.waitFor((out) => out.slice(before).includes('keys · batches'));
	const help = run.output().length;
	run.send('x');
	await run.waitFor((out) => out.slice(help).includes('progress'));
	return run;
}

/** The alternate screen was entered, then left with the cursor shown; gives what came after, on the normal screen. */
function expectLeftAltScreen(output: string): string {
	expect(output.startsWith(ENTER)).toBe(true);
	const leave = output.lastIndexOf(LEAVE);
	expect(leave).toBeGreaterThan(0);
	expect(output.slice(0, leave)).toContain(SHOW_CURSOR);
	return output.slice(leave + LEAVE.length);
}

function expectRestored(output: string, word = '\\w+') {
	// The final summary lands on the normal screen, after the alternate one is left, saying how it ended.
	expect(expectLeftAltScreen(output)).toMatch(new RegExp(`job of 7 batches ${word}: \\d+/\\d+ `));
}

describe.concurrent('the terminal, restored', {timeout: 30_000}, () => {
	it('on q, exit 0', async () => {
		const run = await started();
		run.send('q');
		const {code} = await run.exit;
		expect(code).toBe(0);
		expectRestored(run.output());
	});

	it('on Ctrl+C, exit 0 (quit by the user)', async () => {
		const run = await started();
		run.send('\u0003');
		const {code} = await run.exit;
		expect(code).toBe(0);
		expectRestored(run.output(), 'quit');
	});

	it('on SIGINT from outside (kill -INT), exit 130, saying it was interrupted', async () => {
		const run = await started();
		process.kill(run.binPid()!, 'SIGINT');
		const {code} = await run.exit;
		expect(code).toBe(130);
		expectRestored(run.output(), 'interrupted');
		expect(run.output()).toContain('runflow-watch: interrupted (SIGINT)');
	});

	it('on SIGTERM, exit 143', async () => {
		const run = await started();
		process.kill(run.binPid()!, 'SIGTERM');
		const {code} = await run.exit;
		expect(code).toBe(143);
		expectRestored(run.output(), 'terminated');
		expect(run.output()).toContain('runflow-watch: terminated (SIGTERM)');
	});

	it('on SIGHUP (the SSH link dropped), exit 129', async () => {
		const run = await started();
		process.kill(run.binPid()!, 'SIGHUP');
		const {code} = await run.exit;
		expect(code).toBe(129);
		expectRestored(run.output(), 'hangup');
	});

	it('on an uncaught error: restored, one line saying what happened, exit 70', async () => {
		// The error comes from outside the monitor's code: a module preloaded into the bin
		// throws when it gets SIGUSR2, while the TUI runs.
		const thrower = "process.on('SIGUSR2', () => { throw new Error('boom from a test\\n    at somewhere (file.js:1:1)'); });";
		const run = await started(['--demo'], {NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(thrower)}`});
		process.kill(run.binPid()!, 'SIGUSR2');
		const {code} = await run.exit;
		expect(code).toBe(70);
		const after = expectLeftAltScreen(run.output()).replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '');
		expect(after).toContain('runflow-watch: internal error: boom from a test (please report it)');
		expect(after).not.toMatch(/\bat \S+ \(/); // no stack trace
	});

	it('exits when the terminal goes away instead of spinning', async () => {
		const run = await started();
		const pid = run.binPid()!;
		run.child.kill('SIGKILL'); // the terminal emulator dies: the pty closes under the bin
		const until = Date.now() + 10_000;
		let alive = true;
		while (alive && Date.now() < until) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			try {
				process.kill(pid, 0);
			} catch {
				alive = false;
			}
		}
		if (alive) process.kill(pid, 'SIGKILL');
		expect(alive).toBe(false);
	});

	it('is monochrome with NO_COLOR and still says everything', async () => {
		const run = await started(['--demo'], {NO_COLOR: '1'});
		await run.waitFor((out) => /[○◔◐✓]/.test(out));
		run.send('q');
		await run.exit;
		const screen = run.output();
		expect(screen).not.toMatch(/\u001B\[(3[0-7]|9[0-7]|38;[25];)[\d;]*m/);
		expect(screen).toMatch(/queued/);
	});

	it('is coloured by default', async () => {
		const run = await started();
		run.send('q');
		await run.exit;
		expect(run.output()).toMatch(/\u001B\[(3[0-7]|9[0-7])m/);
	});
});

describe.concurrent('the TUI leaving by itself', {timeout: 30_000}, () => {
	async function finishingBatch(failureRate: number) {
		const sim = await startSimulator({
			apiKey: 'rf_test_key_123',
			batches: [{id: 'b_end', items: 8, durationMs: 1500, failureRate, cancelRate: 0, seed: 3}],
		});
		return {sim, env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey}};
	}

	it('--exit-on-complete --exit-status: exit 1 when items failed, summary on the normal screen', async () => {
		const {sim, env} = await finishingBatch(0.5);
		try {
			const run = runInPty(['b_end', '--exit-on-complete', '--exit-status', '-i', '0.5'], {env});
			const {code} = await run.exit;
			expect(code).toBe(1);
			const output = run.output();
			const after = output.slice(output.lastIndexOf(LEAVE));
			expect(after).toMatch(/done: (failed|partial_succeeded) 8\/8 .*✗/);
			expect(output).not.toContain(sim.apiKey);
		} finally {
			await sim.close();
		}
	});

	it('--exit-on-complete without --exit-status: exit 0 even with failures', async () => {
		const {sim, env} = await finishingBatch(0.5);
		try {
			const run = runInPty(['b_end', '--exit-on-complete', '-i', '0.5'], {env});
			expect((await run.exit).code).toBe(0);
		} finally {
			await sim.close();
		}
	});

	it('a batch that does not exist: exit 4 with one line, never 0', async () => {
		const {sim, env} = await finishingBatch(0);
		try {
			const run = runInPty(['b_nope'], {env});
			expect((await run.exit).code).toBe(4);
			expect(run.output()).toMatch(/runflow-watch: batch b_nope not found \(404\)/);
		} finally {
			await sim.close();
		}
	});
});
