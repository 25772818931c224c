// The journal on disk: where it lives, its modes, whole writes even with two writers at once, and
// a file that cannot be used (truncated, corrupt, foreign, newer) set aside in one line, never a crash.
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {JournalFile, journalDir} from '../../source/files/journal-file.js';
import {decodeJournal, encodeJournal, journalKey, type Journal} from '../../source/lib/journal.js';
import {entryOf, journalOf, recordOf} from '../../source/lib/journal-entries.js';
import {newJobEntry} from '../../source/lib/job-rows.js';
import {loadedEntry} from '../../source/store/job.js';

const BASE = 'https://api.runflow.io';
const IDS = ['b_2', 'b_1'];

function journal(savedAt = Date.UTC(2026, 3, 1, 12, 0, 0), cost = '0.5000'): Journal {
	const done = loadedEntry(
		newJobEntry('b_1'),
		{
			id: 'b_1',
			status_code: 'partial_succeeded',
			items_total: 3,
			items_succeeded: 2,
			items_failed: 1,
			items_cancelled: 0,
			cost,
			items: [
				{id: 'i1', sequence_index: 0, run_id: 'r1', status_code: 'succeeded'},
				{id: 'i2', sequence_index: 1, run_id: 'r2', status_code: 'errored', client_ref: 'x.pdf'},
				{id: 'i3', sequence_index: 2, run_id: 'r3', status_code: 'partial_succeeded'},
			],
		},
		savedAt - 1000,
	);
	// b_1 came from resubmitting another batch's failures (R): the job screen's `↻ from b_0`.
	return journalOf(IDS, {b_1: {...done, from: 'b_0'}, b_2: newJobEntry('b_2')}, BASE, journalKey(BASE, IDS), savedAt);
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'rfw-journal-'));

describe('the journal, as text', () => {
	it('round-trips what a restart needs: final batches with their counts, cost and failed items; unread ones left out', () => {
		const text = encodeJournal(journal());
		const reading = decodeJournal(text, {baseUrl: BASE, ids: ['b_1', 'b_2']});
		expect(reading.ok).toBe(true);
		if (!reading.ok) return;
		expect(reading.journal.records).toHaveLength(1);
		const entry = entryOf(reading.journal.records[0]!);
		expect(entry).toMatchObject({id: 'b_1', confirmed: true, finished: 3, trimmed: true, from: 'b_0'});
		expect(entry.summary).toMatchObject({total: 3, succeeded: 2, failed: 1, cost: 500_000_000n});
		expect(entry.batch?.items?.map((item) => item.id)).toEqual(['i2']);
		expect(recordOf(entry)).toEqual(reading.journal.records[0]);
	});

	it('refuses a truncated, corrupt, foreign or newer journal, saying which', () => {
		const text = encodeJournal(journal());
		const expected = {baseUrl: BASE, ids: IDS};
		expect(decodeJournal(text.slice(0, 90), expected)).toMatchObject({ok: false, problem: 'truncated'});
		expect(decodeJournal('', expected)).toMatchObject({ok: false, problem: 'truncated'});
		expect(decodeJournal(text.replace('"items_total":3', '"items_total":"three"'), expected)).toMatchObject({ok: false, problem: 'corrupt'});
		expect(decodeJournal('{"a": 1} trailing', expected)).toMatchObject({ok: false, problem: 'corrupt'});
		expect(decodeJournal(text, {baseUrl: 'https://other.example', ids: IDS})).toMatchObject({ok: false, problem: 'foreign'});
		expect(decodeJournal(text, {baseUrl: BASE, ids: ['b_1', 'b_3']})).toMatchObject({ok: false, problem: 'foreign'});
		expect(decodeJournal(text.replace('"version":1', '"version":2'), expected)).toMatchObject({ok: false, problem: 'newer'});
	});
});

describe('the journal file', () => {
	it('lives under XDG_CACHE_HOME (absolute) or ~/.cache, in runflow-watch/', () => {
		expect(journalDir({XDG_CACHE_HOME: '/x/cache', HOME: '/home/u'})).toBe('/x/cache/runflow-watch');
		expect(journalDir({XDG_CACHE_HOME: 'relative', HOME: '/home/u'})).toBe('/home/u/.cache/runflow-watch');
		expect(journalDir({HOME: '/home/u'})).toBe('/home/u/.cache/runflow-watch');
	});

	it('is written whole, 0600 in a 0700 folder, and read back', async () => {
		const cache = tempDir();
		const env = {XDG_CACHE_HOME: cache, HOME: '/nonexistent'};
		const file = JournalFile.forJob(env, journalKey(BASE, IDS));
		expect(file.read({baseUrl: BASE, ids: IDS})).toEqual({journal: null, notice: null});
		expect(await file.write(encodeJournal(journal()))).toBeNull();
		expect(statSync(file.path).mode & 0o777).toBe(0o600);
		expect(statSync(join(cache, 'runflow-watch')).mode & 0o777).toBe(0o700);
		expect(file.read({baseUrl: BASE, ids: IDS}).journal?.records).toHaveLength(1);
		// No temporary file left behind.
		expect(readdirSync(join(cache, 'runflow-watch'))).toEqual([`job-${journalKey(BASE, IDS)}.json`]);
	});

	it('two writers at once never leave a torn file: every read sees one of them whole', async () => {
		const cache = tempDir();
		const env = {XDG_CACHE_HOME: cache};
		const key = journalKey(BASE, IDS);
		const one = JournalFile.forJob(env, key);
		const two = JournalFile.forJob(env, key);
		const texts = [encodeJournal(journal(Date.UTC(2026, 3, 1), '1.0000')), encodeJournal(journal(Date.UTC(2026, 3, 2), '2.0000'))];
		// Large enough that a write is not one syscall's worth.
		const padded = texts.map((text) => text.replace('"batches":', `"padding":"${'x'.repeat(2_000_000)}","batches":`));
		const writes: Promise<unknown>[] = [];
		for (let i = 0; i < 10; i++) writes.push(one.write(padded[0]!), two.write(padded[1]!));
		let done = false;
		const all = Promise.all(writes).then(() => {
			done = true;
		});
		// Read while they write, as a third monitor starting would.
		let reads = 0;
		while (!done) {
			let text: string | null = null;
			try {
				text = readFileSync(one.path, 'utf8');
			} catch {
				text = null;
			}

			if (text !== null) {
				expect(padded.includes(text)).toBe(true);
				reads++;
			}

			await new Promise((resolve) => setTimeout(resolve, 1));
		}

		await all;
		expect(padded).toContain(readFileSync(one.path, 'utf8'));
		expect(reads).toBeGreaterThan(0);
		expect(readdirSync(join(cache, 'runflow-watch'))).toHaveLength(1);
	});

	it.each([
		['truncated', (text: string) => text.slice(0, text.length / 2), /is truncated/],
		['corrupt', () => '\u0000\u0001 not json', /is corrupt/],
		['foreign', (text: string) => text.replace(BASE, 'https://elsewhere.example'), /belongs to another job/],
		['newer', (text: string) => text.replace('"version":1', '"version":9'), /is of a newer version/],
	])('a %s journal is set aside as .bad, said in one line', (_name, spoil, words) => {
		const cache = tempDir();
		const file = JournalFile.forJob({XDG_CACHE_HOME: cache, HOME: cache}, journalKey(BASE, IDS));
		file.writeSync(encodeJournal(journal()));
		writeFileSync(file.path, spoil(readFileSync(file.path, 'utf8')));
		const opened = file.read({baseUrl: BASE, ids: IDS});
		expect(opened.journal).toBeNull();
		expect(opened.notice).toMatch(words);
		expect(opened.notice).toContain('set aside as ~/runflow-watch/');
		expect(opened.notice).not.toContain('\n');
		expect(readdirSync(join(cache, 'runflow-watch'))).toEqual([`job-${journalKey(BASE, IDS)}.json.bad`]);
		// Next time: no journal, nothing to say.
		expect(file.read({baseUrl: BASE, ids: IDS})).toEqual({journal: null, notice: null});
	});

	it('a folder it cannot write: one line, then it goes on without', async () => {
		const cache = tempDir();
		writeFileSync(join(cache, 'runflow-watch'), 'a file where the folder should be');
		const file = JournalFile.forJob({XDG_CACHE_HOME: cache}, journalKey(BASE, IDS));
		expect(await file.write(encodeJournal(journal()))).toMatch(/cannot write the journal .*: going on without it/);
		expect(await file.write(encodeJournal(journal()))).toBeNull();
	});
});
