// --batches-file: the ids of a job from a file (real temp files), and the watcher that picks up
// the lines a submit script appends.
import {appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {MAX_BATCHES, MAX_LINE_BYTES, parseBatchLine, parseBatches, readBatchesFile} from '../../source/cli/batches-file.js';
import {watchBatchesFile, type BatchesWatcher} from '../../source/cli/batches-watch.js';
import {ExitError} from '../../source/modes/exit-codes.js';
import {waitFor} from '../helpers/app.js';

const dirs: string[] = [];
const watchers: BatchesWatcher[] = [];

afterEach(() => {
	for (const watcher of watchers.splice(0)) watcher.stop();
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function tempFile(text: string, name = 'jobs.txt'): string {
	const dir = mkdtempSync(join(tmpdir(), 'rfw-batches-'));
	dirs.push(dir);
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

function usage(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ExitError);
		expect((error as ExitError).code).toBe(2);
		expect((error as ExitError).message).not.toContain('\n');
		return (error as ExitError).message;
	}

	throw new Error('expected a usage error');
}

describe('parseBatchLine', () => {
	it('reads a bare id, a JSON line with an id, and skips blanks and comments', () => {
		expect(parseBatchLine('b_123')).toEqual({id: 'b_123'});
		expect(parseBatchLine('  b_123 \r')).toEqual({id: 'b_123'});
		expect(parseBatchLine('{"id":"b_9","status_code":"queued","items_total":100}')).toEqual({id: 'b_9'});
		expect(parseBatchLine('')).toEqual({skip: true});
		expect(parseBatchLine('   ')).toEqual({skip: true});
		expect(parseBatchLine('# submitted 12:03')).toEqual({skip: true});
	});

	it('refuses bad JSON, JSON without a string id, and ids with characters no id has', () => {
		expect(parseBatchLine('{"id": "b_1"')).toMatchObject({error: expect.stringMatching(/not valid JSON/)});
		expect(parseBatchLine('{"batch_id": "b_1"}')).toMatchObject({error: expect.stringMatching(/no "id" string/)});
		expect(parseBatchLine('{"id": 42}')).toMatchObject({error: expect.stringMatching(/id is 42/)});
		expect(parseBatchLine('b_1 b_2')).toMatchObject({error: expect.stringMatching(/is not a batch id/)});
		expect(parseBatchLine('../etc/passwd')).toMatchObject({error: expect.stringMatching(/is not a batch id/)});
		expect(parseBatchLine('{"id": "a/b"}')).toMatchObject({error: expect.stringMatching(/"a\/b" is not a batch id/)});
	});

	it('escapes control characters of a bad line in its message', () => {
		const result = parseBatchLine('b_\u001B[31mred');
		expect('error' in result && result.error).toContain('\\u001b');
	});
});

describe('readBatchesFile', () => {
	it('reads ids and JSON lines, merges duplicates in first order, and says where a watcher goes on', () => {
		const text = '# job 7\nb_1\n\n{"id":"b_2","items_total":100}\nb_1\n  b_3  \n{"id":"b_2"}\n';
		const path = tempFile(text);
		const read = readBatchesFile(path);
		expect(read).toMatchObject({path, regular: true, ids: ['b_1', 'b_2', 'b_3'], offset: Buffer.byteLength(text), lines: 7});
	});

	it('takes an unfinished last line that reads as an id; leaves half a JSON line to the watcher', () => {
		expect(readBatchesFile(tempFile('b_1\nb_2')).ids).toEqual(['b_1', 'b_2']);
		const half = readBatchesFile(tempFile('b_1\n{"id":"b_'));
		expect(half).toMatchObject({ids: ['b_1'], offset: 4, lines: 1});
	});

	it('from standard input (read to its end) the last line counts strictly', () => {
		expect(parseBatches(Buffer.from('b_1\nb_2'), '-', true).ids).toEqual(['b_1', 'b_2']);
		expect(usage(() => parseBatches(Buffer.from('b_1\n{"id":'), '-', true))).toBe(
			'--batches-file - line 2: not valid JSON: "{\\"id\\":" (one batch id, or a JSON object with an "id", per line)',
		);
	});

	it('a malformed line is a usage error naming the file and the line', () => {
		const path = tempFile('b_1\n# fine\n\nb_2\n{"id":"b_3"}\n{"name":"x"}\nb_4\n', 'jobs.txt');
		expect(usage(() => readBatchesFile(path))).toBe(`--batches-file ${path} line 6: the JSON object has no "id" string (no id)`);
		const slash = tempFile('b_1\nb_2\nb_3\nb_4\nb_5\nb_6\nbad/id\n');
		expect(usage(() => readBatchesFile(slash))).toMatch(/line 7: "bad\/id" is not a batch id \(letters, digits, - _ \. : only\)$/);
	});

	it('is bounded: a line past 1 MB, more than 5,000 batches or 100,000 lines is a usage error naming the line', () => {
		const long = `b_1\n${'x'.repeat(MAX_LINE_BYTES + 1)}`;
		expect(usage(() => readBatchesFile(tempFile(long)))).toMatch(
			/line 2: longer than 1 MB without a line break \(one batch id, or a JSON object with an "id", per line\)$/,
		);
		expect(usage(() => parseBatches(Buffer.from(long), '-', true))).toMatch(/^--batches-file - line 2: longer than 1 MB/);
		const ids = Array.from({length: MAX_BATCHES + 1}, (_, i) => `b_${i}`).join('\n');
		expect(usage(() => readBatchesFile(tempFile(ids)))).toMatch(/line 5001: more than 5,000 batches: a job holds at most 5,000 \(watch them in parts\)$/);
		expect(readBatchesFile(tempFile(`${ids}\n`.replace(/\nb_5000\n$/, '\nb_1\n'))).ids).toHaveLength(MAX_BATCHES);
		expect(usage(() => readBatchesFile(tempFile('b_1\n'.repeat(100_001))))).toMatch(/line 100001: more than 100,000 lines$/);
	});

	it('reads a device without end (/dev/zero) only as far as its first line may go', () => {
		expect(usage(() => readBatchesFile('/dev/zero'))).toBe(
			`--batches-file /dev/zero line 1: longer than 1 MB without a line break (one batch id, or a JSON object with an "id", per line)`,
		);
	});

	it('a missing file or a directory is a usage error', () => {
		expect(usage(() => readBatchesFile('/nonexistent/jobs.txt'))).toBe('--batches-file /nonexistent/jobs.txt: cannot read it (no such file)');
		const dir = mkdtempSync(join(tmpdir(), 'rfw-batches-'));
		dirs.push(dir);
		expect(usage(() => readBatchesFile(dir))).toMatch(/a directory, not a file/);
	});
});

describe('watchBatchesFile', () => {
	function start(path: string, extra: {intervalMs?: number} = {}) {
		const read = readBatchesFile(path);
		const reported: string[][] = [];
		const errors: string[] = [];
		const watcher = watchBatchesFile(path, {
			known: read.ids,
			offset: read.offset,
			lines: read.lines,
			intervalMs: extra.intervalMs ?? 60_000,
			onIds: (ids) => reported.push(ids),
			onError: (message) => errors.push(message),
		});
		watchers.push(watcher);
		return {read, reported, errors, watcher};
	}

	it('reports only the ids appended since, reading the new bytes', async () => {
		const path = tempFile('b_1\nb_2\n');
		const {reported, watcher} = start(path);
		await watcher.poll();
		expect(reported).toEqual([]);
		appendFileSync(path, 'b_3\n{"id":"b_4","status_code":"queued"}\nb_1\n');
		await watcher.poll();
		expect(reported).toEqual([['b_3', 'b_4']]);
		await watcher.poll();
		expect(reported).toEqual([['b_3', 'b_4']]);
	});

	it('a line without its newline waits for it', async () => {
		const path = tempFile('b_1\n');
		const {reported, watcher} = start(path);
		appendFileSync(path, '{"id":"b_2", "items_to');
		await watcher.poll();
		expect(reported).toEqual([]);
		appendFileSync(path, 'tal":100}\nb_3');
		await watcher.poll();
		expect(reported).toEqual([['b_2']]);
		appendFileSync(path, '5\n');
		await watcher.poll();
		expect(reported).toEqual([['b_2'], ['b_35']]);
	});

	it('a malformed appended line is reported with its number and skipped; watching goes on', async () => {
		const path = tempFile('b_1\nb_2\n');
		const {reported, errors, watcher} = start(path);
		appendFileSync(path, '{"oops"\nb_3\n');
		await watcher.poll();
		expect(reported).toEqual([['b_3']]);
		expect(errors).toEqual([expect.stringMatching(/^--batches-file .*jobs\.txt line 3: not valid JSON: .*: skipped$/)]);
	});

	it('a file shrunk or replaced is read again whole; only new ids are reported', async () => {
		const path = tempFile('b_1\nb_2\nb_3\n');
		const {reported, watcher} = start(path);
		await watcher.poll();
		truncateSync(path, 0);
		writeFileSync(path, 'b_2\nb_9\n');
		await watcher.poll();
		expect(reported).toEqual([['b_9']]);
		const other = `${path}.new`;
		writeFileSync(other, 'b_1\nb_2\nb_3\nb_9\nb_10\nb_11\n');
		renameSync(other, path);
		await watcher.poll();
		expect(reported).toEqual([['b_9'], ['b_10', 'b_11']]);
	});

	it('a line appended past 1 MB is said once and skipped to its end; watching goes on', async () => {
		const path = tempFile('b_1\n');
		const {reported, errors, watcher} = start(path);
		appendFileSync(path, 'x'.repeat(3 * MAX_LINE_BYTES));
		await watcher.poll();
		appendFileSync(path, 'x'.repeat(5 * MAX_LINE_BYTES));
		await watcher.poll();
		appendFileSync(path, 'xx\nb_2\n');
		await watcher.poll();
		expect(reported).toEqual([['b_2']]);
		expect(errors).toEqual([expect.stringMatching(/jobs\.txt line 2: longer than 1 MB without a line break .*: skipped$/)]);
		appendFileSync(path, 'b_3\n');
		await watcher.poll();
		expect(reported).toEqual([['b_2'], ['b_3']]);
	});

	it('ids past 5,000 batches are said once and left out', async () => {
		const path = tempFile('b_1\n');
		const read = readBatchesFile(path);
		const reported: string[][] = [];
		const errors: string[] = [];
		const known = [...read.ids, ...Array.from({length: MAX_BATCHES - 2}, (_, i) => `arg_${i}`)];
		const watcher = watchBatchesFile(path, {
			known,
			offset: read.offset,
			lines: read.lines,
			intervalMs: 60_000,
			onIds: (ids) => reported.push(ids),
			onError: (message) => errors.push(message),
		});
		watchers.push(watcher);
		appendFileSync(path, 'b_2\nb_3\nb_4\nb_1\n');
		await watcher.poll();
		expect(reported).toEqual([['b_2']]);
		expect(errors).toEqual([expect.stringMatching(/line 3: more than 5,000 batches: .*: b_3 and the ids after it are left out$/)]);
	});

	it('looks by itself every intervalMs, and says once when the file went away', async () => {
		const path = tempFile('b_1\n');
		const {reported, errors} = start(path, {intervalMs: 50});
		appendFileSync(path, 'b_2\n');
		await waitFor(() => reported.length === 1);
		expect(reported).toEqual([['b_2']]);
		rmSync(path);
		await waitFor(() => errors.length === 1);
		expect(errors[0]).toMatch(/cannot read it any more \(ENOENT\)/);
		writeFileSync(path, 'b_1\nb_2\nb_5\n');
		await waitFor(() => reported.length === 2);
		expect(reported[1]).toEqual(['b_5']);
		expect(errors).toHaveLength(1);
	});
});
