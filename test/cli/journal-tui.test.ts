// A restart in the TUI (a real pseudo-terminal): the journal's figures on the first frame, what
// changed while away on the first screen until a key, and no read of a batch it holds as finished.
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runBin} from '../helpers/bin.js';
import {runInPty} from '../helpers/pty.js';
import {batch, closeSimulatorsAfterAll, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const IDS = ['b_done_1', 'b_done_2', 'b_run'];
const plain = (out: string) => out.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '').replace(/\u001B\][^\u0007]*\u0007/g, '');

describe('a restart in the TUI', () => {
	it('the first frame shows the journal, the digest stays until a key, finished batches are not read', async () => {
		const h = await controlledSim({
			batches: [
				batch('b_done_1', {items: 6, durationMs: 5000}),
				batch('b_done_2', {items: 8, durationMs: 5000, failureRate: 0.5, seed: 4}),
				batch('b_run', {items: 40, durationMs: 600_000}),
			],
		});
		h.setTime(60_000);
		const cache = mkdtempSync(join(tmpdir(), 'rfw-tui-'));
		const env = {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey, XDG_CACHE_HOME: cache};
		await runBin([...IDS, '--ui', 'json', '--max-rps', '50', '--interval', '0.5'], {
			env,
			onOutput: (stdout) =>
				stdout.split('\n').some((line) => line.includes('"type":"job"') && line.includes('"finished":2,"missing"') && line.includes('"unread":0')),
		});
		const dir = join(cache, 'runflow-watch');
		const path = join(dir, readdirSync(dir)[0]!);
		const journal = JSON.parse(readFileSync(path, 'utf8')) as {saved_at: string; batches: Array<{seen_at: string}>};
		const back = (iso: string) => new Date(Date.parse(iso) - 20 * 60_000).toISOString();
		journal.saved_at = back(journal.saved_at);
		for (const record of journal.batches) record.seen_at = back(record.seen_at);
		writeFileSync(path, JSON.stringify(journal));
		h.setTime(400_000);
		h.sim.stats.reset();

		const run = runInPty([...IDS, '--max-rps', '50', '--interval', '0.5'], {env, columns: 120, rows: 30});
		await run.waitFor((out) => /since \d\d:\d\d:\d\d: \d+ finished/.test(plain(out)) && plain(out).includes('any key goes on'));
		const screen = plain(run.output());
		if (process.env['SHOW']) console.log(screen.slice(screen.lastIndexOf('job · 3')));
		expect(screen).toContain('job · 3 batches');
		// Keys are read once raw mode is on: j moves and takes the digest away.
		await run.waitFor(() => true);
		const before = run.output().length;
		for (let i = 0; i < 20 && !plain(run.output().slice(before)).includes('batch 2 of 3'); i++) {
			run.send('j');
			await new Promise((resolve) => setTimeout(resolve, 150));
		}

		await run.waitFor((out) => plain(out.slice(before)).includes('batch 2 of 3'));
		run.send('q');
		await run.exit;
		const after = plain(run.output().slice(before));
		const lastFrame = after.slice(after.lastIndexOf('job · 3 batches'));
		expect(lastFrame).not.toContain('any key goes on');
		expect(h.sim.stats.urls.filter((url) => url.startsWith('/v1/batches/b_done'))).toEqual([]);
		expect(h.sim.stats.urls.some((url) => url.startsWith('/v1/batches/b_run'))).toBe(true);
	}, 60_000);
});
