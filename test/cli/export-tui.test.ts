// The real bin in a real terminal (a pty, read through a terminal emulator in memory): `x` on the
// demo writes a file with no key and no network; quitting or a signal mid-export leaves no file;
// --results says in the footer what the file holds, and what was said of it at the start.
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runInPty, type PtyRun} from '../helpers/pty.js';
import {VirtualScreen} from '../helpers/screen.js';
import {batch, closeSimulatorsAfterAll, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const folder = () => mkdtempSync(join(tmpdir(), 'rfw-export-tui-'));
/** The footer: the last line drawn. */
const footer = (lines: string[]) => lines.filter((line) => line.trim() !== '').at(-1) ?? '';

function watch(h: SimHarness, args: string[], cwd: string): {run: PtyRun; screen: VirtualScreen} {
	const run = runInPty([...args, '--base-url', h.sim.url], {env: {RUNFLOW_API_KEY: h.sim.apiKey}, columns: 120, rows: 30, cwd});
	return {run, screen: new VirtualScreen(run, 120, 30)};
}

describe('x and --results in the terminal', {timeout: 60_000}, () => {
	it('the demo: x, Enter writes every item of the job to runflow-job-all.jsonl in the current folder', async () => {
		const dir = folder();
		const run = runInPty(['--demo'], {columns: 120, rows: 30, cwd: dir});
		const screen = new VirtualScreen(run, 120, 30);
		try {
			// Every batch read: its size known.
			await screen.waitFor((lines) => footer(lines).includes('x export') && lines.some((line) => /b_demo_job_07 .* \d+\/45 /.test(line)));
			run.send('x');
			await screen.waitFor((lines) => footer(lines).startsWith('export 585 items of 7 batches to runflow-job-all.jsonl'));
			run.send('\r');
			const lines = await screen.waitFor((l) => footer(l).startsWith('wrote 585 items to runflow-job-all.jsonl'));
			expect(footer(lines)).toContain('? help  q quit');
			const written = readFileSync(join(dir, 'runflow-job-all.jsonl'), 'utf8')
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line) as {id: string});
			expect(new Set(written.map((item) => item.id)).size).toBe(585);
			run.send('q');
			expect((await run.exit).code).toBe(0);
		} finally {
			run.child.kill('SIGKILL');
		}
	});

	for (const how of ['q', 'SIGTERM'] as const) {
		it(`${how === 'q' ? 'quitting' : 'a SIGTERM'} mid-export leaves no file, not even its temporary one`, async () => {
			const h = await controlledSim({batches: [batch('b_big', {items: 20_000, durationMs: 20_000})]});
			h.setTime(3_600_000);
			const dir = folder();
			// One request a second: 40 pages of 500, 40 s.
			const {run, screen} = watch(h, ['b_big', '--max-rps', '1'], dir);
			try {
				await screen.waitFor((lines) => footer(lines).includes('x export') && lines.some((line) => line.includes('of 20000')));
				run.send('x');
				await screen.waitFor((lines) => footer(lines).startsWith('export 20,000 items to runflow-b_big-all.jsonl'));
				run.send('\r');
				await screen.waitFor((lines) => /^exporting [\d,]+\/20,000 items…/.test(footer(lines)));
				expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
				if (how === 'q') run.send('q');
				else process.kill(run.binPid()!, 'SIGTERM');
				expect((await run.exit).code).toBe(how === 'q' ? 0 : 143);
				expect(readdirSync(dir)).toEqual([]);
			} finally {
				run.child.kill('SIGKILL');
			}
		});
	}

	it('--results: the footer counts the items in the file, and says at the start what the file held until a key', async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 30})]});
		h.setTime(600_000);
		const dir = folder();
		const first = watch(h, ['b_1', '--results', 'out.jsonl', '-i', '0.5'], dir);
		try {
			await first.screen.waitFor((lines) => footer(lines).startsWith('--results out.jsonl: 30 items'));
			first.run.send('q');
			expect((await first.run.exit).code).toBe(0);
		} finally {
			first.run.child.kill('SIGKILL');
		}

		expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(30);
		const again = watch(h, ['b_1', '--results', 'out.jsonl', '-i', '0.5'], dir);
		try {
			await again.screen.waitFor((lines) => footer(lines).startsWith('--results out.jsonl holds 30 items already: they are not written again'));
			again.run.send('j');
			await again.screen.waitFor((lines) => footer(lines).startsWith('--results out.jsonl: 30 items'));
			again.run.send('q');
			expect((await again.run.exit).code).toBe(0);
		} finally {
			again.run.child.kill('SIGKILL');
		}
	});
});
