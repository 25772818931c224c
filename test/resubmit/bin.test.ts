// `R` through the real bin in a real pseudo-terminal (the screen read as a terminal emulator shows
// it): the demo resubmits into its simulator with no flag (its model prefilled, said so), a single
// batch asks for the model and becomes a job of two, --read-only says why; --model is checked.
import {describe, expect, it} from 'vitest';
import {runBin} from '../helpers/bin.js';
import {runInPty} from '../helpers/pty.js';
import {VirtualScreen} from '../helpers/screen.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const has = (text: string) => (lines: string[]) => lines.some((line) => line.includes(text));

describe('--model', () => {
	it('takes owner/slug, else a usage error (exit 2) saying so', async () => {
		const bad = await runBin(['b_1', '--model', 'vision-large', '--ui', 'plain'], {env: {RUNFLOW_API_KEY: 'k'}});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe('runflow-watch: --model takes owner/slug (letters, digits, . _ -), not "vision-large"\n');
	});
});

describe('R in the bin', {timeout: 120_000}, () => {
	it("the demo: R shows the plan to the demo's own model, y sends, the new batch joins the job with its link", async () => {
		const run = runInPty(['--demo'], {columns: 120, rows: 40});
		const screen = new VirtualScreen(run, 120, 40);
		try {
			// A failure in the job (the first come within half a minute).
			await screen.waitFor((lines) => lines.some((line) => /^\s*›?\s+b_demo_job_\d\d\s.*\s[1-9]\d*\s+\$/u.test(line)), 90_000);
			run.send('R');
			let lines = await screen.waitFor(has('1. '), 20_000);
			expect(lines.join('\n')).toContain("model  demo/vision-large (the demo's model; m changes it)");
			expect(lines.join('\n')).toMatch(/to demo\/vision-large: ~\$\d+\.\d\d\s*estimated/);
			expect(lines.some((line) => line.startsWith('y send'))).toBe(true);
			run.send('y');
			lines = await screen.waitFor((all) => has('↻ from b_demo_job_')(all) && has('created ')(all), 20_000);
			expect(lines[0]).toMatch(/job · (8|9|1\d) batches/);
			run.send('q');
			expect((await run.exit).code).toBe(0);
		} finally {
			run.child.kill('SIGKILL');
		}
	});

	it('one batch without --model: R asks for it, y sends, Esc then shows the job of two', async () => {
		const sim = await realTimeSim({batches: [batch('b_one', {items: 20, durationMs: 2000, failureRate: 0.4, seed: 5})]});
		const run = runInPty(['b_one', '--base-url', sim.url], {env: {RUNFLOW_API_KEY: sim.apiKey}, columns: 110, rows: 30});
		const screen = new VirtualScreen(run, 110, 30);
		try {
			await screen.waitFor((lines) => has('failures:')(lines) && has('finished')(lines), 30_000);
			run.send('R');
			await screen.waitFor(has('so it is asked'), 20_000);
			run.send('demo/vision-large');
			await screen.waitFor(has('model  demo/vision-large'));
			run.send('\r');
			await screen.waitFor(has('(typed; m changes it)'));
			run.send('y');
			await screen.waitFor(has('created 1 new batch'), 20_000);
			expect(sim.created).toHaveLength(1);
			run.send('\u001B');
			const lines = await screen.waitFor(has('job · 2 batches'), 20_000);
			expect(lines.find((line) => line.includes('↻ from b_one'))).toBeDefined();
			run.send('q');
			expect((await run.exit).code).toBe(0);
		} finally {
			run.child.kill('SIGKILL');
		}
	});

	it('--read-only: R says why and sends nothing', async () => {
		const sim = await realTimeSim({batches: [batch('b_one', {items: 10, durationMs: 1000, failureRate: 0.5, seed: 5})]});
		const run = runInPty(['b_one', '--base-url', sim.url, '--read-only', '--model', 'demo/vision-large'], {
			env: {RUNFLOW_API_KEY: sim.apiKey},
			columns: 140,
			rows: 30,
		});
		const screen = new VirtualScreen(run, 140, 30);
		try {
			await screen.waitFor(has('failures:'), 30_000);
			run.send('R');
			await screen.waitFor(has('R resubmits failed items by creating batches, which --read-only forbids: nothing was read or sent'));
			expect(sim.stats.byRoute['POST /v1/models/:owner/:slug/batches']).toBeUndefined();
			run.send('q');
			expect((await run.exit).code).toBe(0);
		} finally {
			run.child.kill('SIGKILL');
		}
	});

	it('quitting while a create is under way says which batches were created, and that the rest were not', async () => {
		const sim = await realTimeSim({batches: [batch('b_one', {items: 10, durationMs: 1000, failureRate: 0.5, seed: 5})]});
		sim.faults.always({kind: 'hang'}, {route: '/models/'});
		const run = runInPty(['b_one', '--base-url', sim.url, '--model', 'demo/vision-large'], {env: {RUNFLOW_API_KEY: sim.apiKey}, columns: 140, rows: 30});
		const screen = new VirtualScreen(run, 140, 30);
		try {
			await screen.waitFor((lines) => has('failures:')(lines) && has('finished')(lines), 30_000);
			run.send('R');
			await screen.waitFor(has('1. '), 20_000);
			run.send('y');
			await screen.waitFor(has('creating new batch 1 of 1'));
			run.send('q');
			await run.exit;
			expect(run.output()).toContain(
				'runflow-watch: left while resubmitting to demo/vision-large: created 0 of 1 new batches; the one under way may have been created',
			);
		} finally {
			run.child.kill('SIGKILL');
		}
	});
});
