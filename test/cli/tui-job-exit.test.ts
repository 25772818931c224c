// The TUI's exit flags over a JOB (several ids): --exit-on-complete, --exit-status, --fail-fast
// and --timeout act on the whole job, with plain mode's exit codes, and the line left in the
// scrollback names the job. The real bin in a real pseudo-terminal, against the simulator.
import {describe, expect, it} from 'vitest';
import type {BatchSpec} from '../../source/sim/plan.js';
import {startSimulator} from '../../source/sim/server.js';
import {runInPty} from '../helpers/pty.js';

const LEAVE = '\u001B[?1049l';
const plain = (text: string) => text.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '').replace(/\r/g, '');

/** What came after the alternate screen was left: the normal screen. */
const afterScreen = (output: string) => plain(output.slice(output.lastIndexOf(LEAVE) + LEAVE.length));

async function job(specs: BatchSpec[], args: string[], keys?: {when: (screen: string) => boolean; send: string}) {
	const sim = await startSimulator({apiKey: 'rf_test_job_exit', batches: specs});
	try {
		const run = runInPty([...specs.map((spec) => spec.id), '-i', '0.5', '--max-rps', '20', ...args], {
			env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey},
		});
		// A TUI that never leaves fails the test (and is ended) rather than outliving it.
		const deadline = setTimeout(() => run.child.kill('SIGKILL'), 25_000);
		if (keys) {
			await run.waitFor((out) => keys.when(plain(out)), 20_000);
			run.send(keys.send);
		}
		const {code} = await run.exit.finally(() => clearTimeout(deadline));
		const output = run.output();
		expect(output).not.toContain(sim.apiKey);
		return {code, output, after: afterScreen(output)};
	} finally {
		await sim.close();
	}
}

const spec = (id: string, overrides: Partial<BatchSpec> = {}): BatchSpec => ({
	id,
	items: 6,
	durationMs: 1500,
	failureRate: 0,
	cancelRate: 0,
	seed: 3,
	...overrides,
});

describe.concurrent('the TUI over a job', {timeout: 40_000}, () => {
	it('--exit-on-complete --exit-status: exits 1 once every batch finished, the job line left in the scrollback', async () => {
		// The first batch finishes (with failures) long before the last: leaving with it would be wrong.
		const specs = [
			spec('j_early', {failureRate: 0.5, durationMs: 800}),
			spec('j_mid', {durationMs: 1500, startDelayMs: 500}),
			spec('j_late', {durationMs: 2000, startDelayMs: 3000}),
		];
		const {code, after} = await job(specs, ['--exit-on-complete', '--exit-status']);
		expect(code).toBe(1);
		expect(after).toMatch(/job of 3 batches done: 18\/18 ✓\d+ ✗\d+, \$\d+\.\d{4}/);
	});

	it('--exit-on-complete without failures: exit 0 after the last batch', async () => {
		const specs = [spec('k_a', {durationMs: 600}), spec('k_b', {durationMs: 1000, startDelayMs: 2500})];
		const {code, after} = await job(specs, ['--exit-on-complete', '--exit-status']);
		expect(code).toBe(0);
		expect(after).toMatch(/job of 2 batches done: 12\/12 ✓12, /);
	});

	it('--fail-fast: exits 1 at the first failed item of any batch', async () => {
		// The failing batch is the second; the first never finishes.
		const specs = [spec('f_slow', {neverFinishes: true, durationMs: 60_000}), spec('f_bad', {failureRate: 1, durationMs: 1200, seed: 2})];
		const {code, after} = await job(specs, ['--fail-fast']);
		expect(code).toBe(1);
		expect(after).toMatch(/job of 2 batches fail-fast: \d+\/12 .*✗\d+/);
	});

	it('--timeout 2s: exits 5 with one line saying how far the job got', async () => {
		const specs = [spec('t_a', {durationMs: 600}), spec('t_b', {neverFinishes: true, durationMs: 60_000})];
		const {code, after} = await job(specs, ['--timeout', '2s']);
		expect(code).toBe(5);
		expect(after).toMatch(/job of 2 batches timeout: \d+\/12 /);
		expect(after).toMatch(/runflow-watch: timed out after 2\.0s: the job had not finished \(\d+\/12 items, \d of 2 batches finished\)/);
	});

	it("q with --exit-status once the job finished: the job's outcome (1 with failures), not 130", async () => {
		const specs = [spec('q_a', {durationMs: 600, failureRate: 0.5}), spec('q_b', {durationMs: 900, startDelayMs: 300})];
		const {code, after} = await job(specs, ['--exit-status'], {when: (screen) => screen.includes('12/12'), send: 'q'});
		expect(code).toBe(1);
		expect(after).toMatch(/job of 2 batches quit: 12\/12 /);
	});

	it('a batch not found: the TUI goes on, and with --exit-on-complete ends with 4 naming it once the others finished', async () => {
		const sim = await startSimulator({apiKey: 'rf_test_job_exit', batches: [spec('n_here', {durationMs: 1200})]});
		try {
			const run = runInPty(['n_here', 'n_gone', '-i', '0.5', '--max-rps', '20', '--exit-on-complete'], {
				env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey},
			});
			const deadline = setTimeout(() => run.child.kill('SIGKILL'), 25_000);
			const {code} = await run.exit.finally(() => clearTimeout(deadline));
			expect(code).toBe(4);
			const after = afterScreen(run.output());
			expect(after).toMatch(/job of 2 batches halted: 6\/6 /);
			expect(after).toContain('runflow-watch: batch n_gone not found (404): check the id');
		} finally {
			await sim.close();
		}
	});
});
