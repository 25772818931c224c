// "While you were away" names why items failed: a restart from an old journal, through the real bin
// against the simulator. The digest's causes are those of the items failed since the journal (the
// simulator's own items, grouped largest first, 3 shown then `+N more`): plain's line and JSON's
// `digest` event (`causes`, `causes_read`) from the causes their failure lines read (no read of
// its own); the TUI's alert line from reads of its own, by id, at most 20, at the lowest priority
// and within --max-rps, until a key takes the digest away.
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {failureCause} from '../../source/lib/failures.js';
import {isFailure} from '../../source/lib/status.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {runBin} from '../helpers/bin.js';
import {runInPty} from '../helpers/pty.js';
import {batch, closeSimulatorsAfterAll, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterAll();

type Event = Record<string, unknown> & {type: string};
const events = (stdout: string): Event[] =>
	stdout
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Event);
const plain = (out: string) => out.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '').replace(/\u001B\][^\u0007]*\u0007/g, '');

interface Journal {
	saved_at: string;
	batches: Array<{id: string; seen_at: string; failed: Array<{id: string}>}>;
}

/** A first watch until every batch was read (its journal written on the way out), then that journal made 20 minutes old. */
async function oldJournal(h: SimHarness, ids: string[], cache: string): Promise<{path: string; journal: Journal}> {
	const env = {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey, XDG_CACHE_HOME: cache};
	await runBin([...ids, '--ui', 'json', '--max-rps', '50', '--interval', '0.5'], {
		env,
		onOutput: (stdout) => events(stdout).some((event) => event.type === 'job' && (event['batches_by_state'] as Record<string, number>)['unread'] === 0),
	});
	const dir = join(cache, 'runflow-watch');
	const path = join(dir, readdirSync(dir)[0]!);
	const journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
	const back = (iso: string) => new Date(Date.parse(iso) - 20 * 60_000).toISOString();
	journal.saved_at = back(journal.saved_at);
	for (const record of journal.batches) record.seen_at = back(record.seen_at);
	writeFileSync(path, JSON.stringify(journal));
	return {path, journal};
}

/** The simulator's failed items now that the journal did not hold as failed, with their causes (as failureCause reads them). */
async function failedSince(h: SimHarness, ids: string[], journal: Journal) {
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const before = new Set(journal.batches.flatMap((record) => record.failed.map((item) => `${record.id}/${item.id}`)));
	const since: Array<{batchId: string; id: string; cause: string}> = [];
	for (const batchId of ids) {
		const page = await client.listItems(batchId, {limit: 500});
		for (const item of page.items) {
			if (isFailure(item.status_code) && !before.has(`${batchId}/${item.id}`)) since.push({batchId, id: item.id, cause: failureCause(item)!});
		}
	}

	return since;
}

/** cause → count, the largest first, then by cause (as the failures line orders them). */
function grouped(causes: readonly string[]): Array<[string, number]> {
	const counts = new Map<string, number>();
	for (const cause of causes) counts.set(cause, (counts.get(cause) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The digest's words for them: 'OOM ×3, TIMEOUT ×2, INVALID_INPUT ×1, +2 more' (a cause cut at 30 columns). */
function words(groups: Array<[string, number]>): string {
	const cut = (cause: string) => (cause.length > 30 ? `${cause.slice(0, 29)}…` : cause);
	const shown = groups.slice(0, 3).map(([cause, count]) => `${cut(cause)} ×${count}`);
	return [...shown, ...(groups.length > 3 ? [`+${groups.length - 3} more`] : [])].join(', ');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const itemReads = (urls: readonly string[]) =>
	urls.map((raw) => new URL(raw, 'http://sim')).filter((url) => /^\/v1\/batches\/[^/]+\/items\/[^/]+$/.test(url.pathname));

describe('the digest of a restart names the causes of what failed while away', () => {
	it("plain and JSON: the causes with their counts, from the failure lines' reads (none of its own)", async () => {
		const specs: BatchSpec[] = [
			batch('b_done', {items: 6, durationMs: 5000, failureRate: 0.5, seed: 4}),
			batch('b_run', {items: 60, durationMs: 600_000, failureRate: 0.5, seed: 11}),
		];
		const ids = specs.map((spec) => spec.id);
		const h = await controlledSim({batches: specs});
		h.setTime(60_000);
		const cache = mkdtempSync(join(tmpdir(), 'rfw-digest-'));
		const {path, journal} = await oldJournal(h, ids, cache);
		const saved = readFileSync(path, 'utf8');
		h.setTime(400_000);
		const since = await failedSince(h, ids, journal);
		const groups = grouped(since.map((item) => item.cause));
		// Enough to show grouping: several causes, one of them more than once.
		expect(since.length).toBeGreaterThan(5);
		expect(groups.length).toBeGreaterThan(1);
		expect(groups[0]![1]).toBeGreaterThan(1);
		const env = {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey, XDG_CACHE_HOME: cache};

		h.sim.stats.reset();
		const json = await runBin([...ids, '--ui', 'json', '--max-rps', '50', '--interval', '0.5'], {
			env,
			onOutput: (stdout) => events(stdout).some((event) => event.type === 'digest'),
		});
		const seen = events(json.stdout);
		const digest = seen.find((event) => event.type === 'digest')!;
		expect(digest).toMatchObject({failed: since.length, causes_read: since.length, causes: Object.fromEntries(groups)});
		// The largest first.
		expect(Object.entries(digest['causes'] as object)).toEqual(groups);
		expect(String(digest['text'])).toContain(`${since.length} failed (${words(groups)})`);
		// Its causes are the failure lines' (each item failed since read once, for its line); no read of its own.
		const reads = itemReads(h.sim.stats.urls);
		expect(reads.filter((url) => url.searchParams.get('fields') === 'id,status_code,error')).toEqual([]);
		for (const item of since)
			expect(
				reads.filter((url) => url.pathname.endsWith(`/items/${item.id}`)),
				item.id,
			).toHaveLength(1);
		// And they are said before it: each failure line first, then the digest.
		const failures = seen.filter((event) => event.type === 'failure');
		expect(failures).toHaveLength(since.length);
		expect(seen.indexOf(digest)).toBeGreaterThan(seen.indexOf(failures.at(-1)!));

		// Plain, from the same old journal: one line.
		writeFileSync(path, saved);
		const text = await runBin([...ids, '--ui', 'plain', '--max-rps', '50', '--interval', '0.5'], {
			env,
			onOutput: (stdout) => /since \d\d:\d\d:\d\d: /.test(stdout),
		});
		const lines = text.stdout.split('\n').filter((line) => / since \d\d:\d\d:\d\d: /.test(line));
		expect(lines).toHaveLength(1);
		if (process.env['SHOW']) console.log(lines[0], JSON.stringify(digest));
		expect(lines[0]).toMatch(
			new RegExp(
				`^\\d\\d:\\d\\d:\\d\\d since \\d\\d:\\d\\d:\\d\\d: \\d+ finished, ${escape(`${since.length} failed (${words(groups)})`)}, \\$\\d+\\.\\d{4}$`,
			),
		);
	}, 60_000);

	it('TUI: the alert line names the causes of at most 20 items read by id, within --max-rps; a key takes it away', async () => {
		const arrivals: number[] = [];
		const specs: BatchSpec[] = [
			batch('b_done', {items: 6, durationMs: 5000}),
			batch('b_big', {items: 200, durationMs: 600_000, failureRate: 0.5, seed: 5}),
		];
		const ids = specs.map((spec) => spec.id);
		const h = await controlledSim({batches: specs, onRequest: () => arrivals.push(performance.now())});
		h.setTime(60_000);
		const cache = mkdtempSync(join(tmpdir(), 'rfw-digest-tui-'));
		const {journal} = await oldJournal(h, ids, cache);
		h.setTime(500_000);
		const since = await failedSince(h, ids, journal);
		expect(since.length).toBeGreaterThan(20);
		h.sim.stats.reset();
		arrivals.length = 0;

		const env = {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey, XDG_CACHE_HOME: cache};
		const run = runInPty([...ids, '--max-rps', '5', '--interval', '0.5'], {env, columns: 200, rows: 30});
		await run.waitFor((out) => / failed \(of 20 read: .*?\), \$/.test(plain(out)), 30_000);
		const screen = plain(run.output());
		const shown = /since \d\d:\d\d:\d\d: \d+ finished, (\d+) failed \(of 20 read: (.*?)\), \$[^\n]* · any key goes on/.exec(screen);
		expect(shown, screen.slice(-2000)).not.toBeNull();
		if (process.env['SHOW']) console.log(shown![0]);
		expect(Number(shown![1])).toBe(since.length);

		// Read by id with only what a cause needs, at most 20; the words count the causes of exactly those.
		const causeReads = itemReads(h.sim.stats.urls).filter((url) => url.searchParams.get('fields') === 'id,status_code,error');
		expect(causeReads).toHaveLength(20);
		const readIds = causeReads.map((url) => decodeURIComponent(url.pathname.split('/').at(-1)!));
		expect(new Set(readIds).size).toBe(20);
		const byId = new Map(since.map((item) => [item.id, item.cause]));
		for (const id of readIds) expect(byId.has(id), id).toBe(true);
		expect(shown![2]).toBe(words(grouped(readIds.map((id) => byId.get(id)!))));
		// Every request within --max-rps 5 (one more for a request delayed on a busy machine).
		for (const at of arrivals) expect(arrivals.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(6);

		// A key takes it away (and no cause is read after).
		const before = run.output().length;
		for (let i = 0; i < 20 && !plain(run.output().slice(before)).includes('batch 2 of 2'); i++) {
			run.send('j');
			await new Promise((resolve) => setTimeout(resolve, 150));
		}

		await run.waitFor((out) => plain(out.slice(before)).includes('batch 2 of 2'));
		run.send('q');
		await run.exit;
		const after = plain(run.output().slice(before));
		expect(after.slice(after.lastIndexOf('job · 2 batches'))).not.toContain('any key goes on');
		expect(itemReads(h.sim.stats.urls).filter((url) => url.searchParams.get('fields') === 'id,status_code,error')).toHaveLength(20);
	}, 90_000);
});
