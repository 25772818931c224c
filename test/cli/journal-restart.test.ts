// A restart on the same job, through the real bin against the simulator: the journal's figures at
// once, no read of a batch it holds as finished (until `r`), what changed meanwhile said as one
// `digest` event; the key never in the file; --no-journal keeps none; a spoiled journal is set aside
// in one line.
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {figuresOf} from '../../source/lib/journal-entries.js';
import {newJobEntry} from '../../source/lib/job-rows.js';
import {loadedEntry} from '../../source/store/job.js';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const IDS = ['b_done_1', 'b_done_2', 'b_fail', 'b_run'];

async function job() {
	const h = await controlledSim({
		batches: [
			batch('b_done_1', {items: 6, durationMs: 5000}),
			batch('b_done_2', {items: 8, durationMs: 5000}),
			batch('b_fail', {items: 10, durationMs: 5000, failureRate: 0.5, seed: 3}),
			batch('b_run', {items: 40, durationMs: 600_000, failureRate: 0.2, seed: 9}),
		],
	});
	h.setTime(60_000);
	return h;
}

type Event = Record<string, unknown> & {type: string};
const events = (stdout: string): Event[] =>
	stdout
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Event);

/** Runs the bin in json mode until `until` says so (then SIGINT: the journal is written on the way out). */
async function watch(url: string, key: string, cache: string, until: (seen: Event[]) => boolean, extra: string[] = []) {
	return runBin([...IDS, '--ui', 'json', '--interval', '0.5', '--max-rps', '50', ...extra], {
		env: {RUNFLOW_BASE_URL: url, RUNFLOW_API_KEY: key, XDG_CACHE_HOME: cache},
		killAfterMs: 20_000,
		onOutput: (stdout) => until(events(stdout)),
	});
}

const reads = (urls: string[], id: string) => urls.filter((url) => url.startsWith(`/v1/batches/${id}`)).length;
const byState = (event: Event) => event['batches_by_state'] as Record<string, number>;

/** The job's figures as the simulator serves them now (what a complete read gives). */
async function figures(url: string, key: string) {
	const client = new RunflowClient({baseUrl: url, apiKey: key, retries: 0});
	const entries = await Promise.all(
		IDS.map(async (id) =>
			loadedEntry(
				newJobEntry(id),
				await client.getBatch(id, {fields: 'id,status_code,items_total,items_succeeded,items_failed,items_cancelled,cost,items'}),
				0,
			),
		),
	);
	return figuresOf(entries);
}

describe('a restart with the journal', () => {
	it('shows its figures at once, never reads a finished batch again, and says what changed while away', async () => {
		const h = await job();
		const cache = mkdtempSync(join(tmpdir(), 'rfw-restart-'));
		// The first watch: every batch read, the three short ones confirmed finished.
		const first = await watch(h.sim.url, h.sim.apiKey, cache, (seen) =>
			seen.some((event) => event.type === 'job' && byState(event)['finished'] === 3 && byState(event)['unread'] === 0),
		);
		expect(first.code).toBe(130);
		const dir = join(cache, 'runflow-watch');
		const [name] = readdirSync(dir);
		expect(name).toMatch(/^job-[0-9a-f]{32}\.json$/);
		const path = join(dir, name!);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		const text = readFileSync(path, 'utf8');
		expect(text).not.toContain(h.sim.apiKey);
		const base = await figures(h.sim.url, h.sim.apiKey);

		// Away for a while: the journal is older than a few minutes, and the running batch went on.
		const journal = JSON.parse(text) as {saved_at: string; batches: Array<{seen_at: string}>};
		const back = (iso: string) => new Date(Date.parse(iso) - 10 * 60_000).toISOString();
		journal.saved_at = back(journal.saved_at);
		for (const record of journal.batches) record.seen_at = back(record.seen_at);
		writeFileSync(path, JSON.stringify(journal));
		h.setTime(300_000);
		const now = await figures(h.sim.url, h.sim.apiKey);
		h.sim.stats.reset();

		const second = await watch(h.sim.url, h.sim.apiKey, cache, (seen) => seen.some((event) => event.type === 'digest'));
		const seen = events(second.stdout);
		// The first line, before any read: the journal's figures (three batches finished, none unread).
		const firstJob = seen.find((event) => event.type === 'job')!;
		expect(byState(firstJob)).toMatchObject({finished: 3, unread: 0});
		// The finished batches were never read again; the running one was.
		for (const id of ['b_done_1', 'b_done_2', 'b_fail']) expect(reads(h.sim.stats.urls, id), id).toBe(0);
		expect(reads(h.sim.stats.urls, 'b_run')).toBeGreaterThan(0);
		// Nothing said again of what the journal held: no `batch` line for the three, no failure line of b_fail.
		expect(seen.filter((event) => event.type === 'batch')).toEqual([]);
		expect(seen.filter((event) => event.type === 'failure' && event['batch_id'] === 'b_fail')).toEqual([]);
		// What changed while away: the running batch's progress since the journal.
		const digest = seen.find((event) => event.type === 'digest')!;
		expect(digest).toMatchObject({finished: now.finished - base.finished, failed: now.failed - base.failed, batches_finished: 0});
		expect(digest['finished']).toBeGreaterThan(0);
		expect(String(digest['text'])).toMatch(/^since \d\d:\d\d:\d\d: \d+ finished/);
	}, 60_000);

	it('--no-journal keeps none; a truncated journal is set aside in one line, and the watch goes on', async () => {
		const h = await job();
		const cache = mkdtempSync(join(tmpdir(), 'rfw-restart-'));
		const none = await watch(h.sim.url, h.sim.apiKey, cache, (seen) => seen.some((event) => event.type === 'job'), ['--no-journal']);
		expect(none.code).toBe(130);
		expect(() => readdirSync(join(cache, 'runflow-watch'))).toThrow();

		await watch(h.sim.url, h.sim.apiKey, cache, (seen) => seen.some((event) => event.type === 'job' && byState(event)['unread'] === 0));
		const dir = join(cache, 'runflow-watch');
		const path = join(dir, readdirSync(dir)[0]!);
		writeFileSync(path, readFileSync(path, 'utf8').slice(0, 100));
		const again = await watch(h.sim.url, h.sim.apiKey, cache, (seen) => seen.some((event) => event.type === 'job'));
		expect(again.stderr).toMatch(/^runflow-watch: the journal .* is truncated .*: set aside as .*\.bad, starting without it$/m);
		expect(again.stderr.split('\n').filter((line) => line.includes('journal'))).toHaveLength(1);
		expect(events(again.stdout).some((event) => event.type === 'job')).toBe(true);
	}, 60_000);
});
