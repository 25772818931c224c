// The results writer: JSON lines valid line by line, CSV per RFC 4180 (quotes, commas, line
// breaks inside a field), the API's strings as they are, a restart that skips what the file
// holds and cuts a torn last line, a file that is not ours refused, an export whole or not at all.
import {appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {normalizeExportItem, type ExportItem} from '../../source/api/export.js';
import {CsvRecordReader, csvRecord} from '../../source/files/csv.js';
import {ExportFile} from '../../source/files/export-file.js';
import {appendLines} from '../../source/files/lines.js';
import {RESULT_COLUMNS} from '../../source/files/records.js';
import {readExistingResults, ResultsFile} from '../../source/files/results-file.js';

const dir = () => mkdtempSync(join(tmpdir(), 'rfw-files-'));

const HOSTILE = 'a "quoted", comma\r\nnew line\n\u001B[31mred\u001B[0m \u202Eevil\u0085 ✓ 漢字';

function item(i: number, extra: Record<string, unknown> = {}): ExportItem {
	return normalizeExportItem(
		{
			id: `it_${i}`,
			batch_id: 'b_1',
			sequence_index: i,
			run_id: `run_${i}`,
			client_ref: `ref-${i}`,
			status_code: 'succeeded',
			cost: '0.0123',
			error: null,
			started_at: '2026-04-01T12:00:00Z',
			completed_at: '2026-04-01T12:00:05+00:00',
			input: {image: `https://x.example/${i}.pdf`, pages: i},
			output: {text: `answer ${i}`},
			...extra,
		},
		'b_1',
	);
}

/** A CSV file's records, by an RFC 4180 reading of its bytes. */
function csvRecords(bytes: Buffer): string[][] {
	const records: string[][] = [];
	const reader = new CsvRecordReader((fields) => records.push(fields));
	reader.feed(bytes);
	expect(reader.complete).toBe(bytes.length);
	return records;
}

describe('results file: JSON lines', () => {
	it('writes one valid JSON object per line, the API strings as they are, terminal controls escaped', async () => {
		const path = join(dir(), 'out.jsonl');
		const file = await ResultsFile.open(path);
		expect(await file.append(item(0, {client_ref: HOSTILE, error: {code: 'OOM', message: HOSTILE}, status_code: 'Canceled', cost: 0.5}))).toBe(true);
		expect(await file.append(item(1, {input: null, output: undefined}))).toBe(true);
		expect(await file.append(item(1))).toBe(false); // once
		await file.close();
		const text = readFileSync(path, 'utf8');
		expect(text.endsWith('\n')).toBe(true);
		// Nothing a terminal would act on is raw in the file.
		expect(text).not.toMatch(/[\u001B\u202E\u0085]/);
		const lines = text
			.split('\n')
			.slice(0, -1)
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(lines).toHaveLength(2);
		expect(Object.keys(lines[0]!)).toEqual([...RESULT_COLUMNS]);
		expect(lines[0]).toMatchObject({
			batch_id: 'b_1',
			id: 'it_0',
			sequence_index: 0,
			client_ref: HOSTILE,
			status: 'Canceled',
			cost: '0.5',
			error_code: 'OOM',
			error_message: HOSTILE,
			run_id: 'run_0',
			input: {image: 'https://x.example/0.pdf', pages: 0},
			output: {text: 'answer 0'},
		});
		expect(lines[1]).toMatchObject({input: null, output: null});
		expect(statSync(path).mode & 0o777).toBe(0o666 & ~process.umask());
	});

	it('on a restart skips the items in the file, and cuts a torn last line (saying so)', async () => {
		const path = join(dir(), 'out.jsonl');
		const first = await ResultsFile.open(path);
		for (let i = 0; i < 3; i++) await first.append(item(i));
		await first.close();
		const whole = readFileSync(path, 'utf8');
		// A run stopped in the middle of the fourth line.
		appendFileSync(path, JSON.stringify({batch_id: 'b_1', id: 'it_3'}).slice(0, 20));
		const notices: string[] = [];
		const again = await ResultsFile.open(path, {onNotice: (message) => notices.push(message)});
		expect(notices[0]).toMatch(/out\.jsonl: its last line was cut short .*removed it \(20 bytes\); that item is read again/);
		expect(notices[1]).toMatch(/holds 3 items already: they are not written again/);
		expect(readFileSync(path, 'utf8')).toBe(whole);
		expect(again.has('b_1', 'it_2')).toBe(true);
		expect(again.has('b_1', 'it_3')).toBe(false);
		expect(again.count('b_1')).toBe(3);
		expect(await again.append(item(2))).toBe(false);
		expect(await again.append(item(3))).toBe(true);
		await again.close();
		const ids = readFileSync(path, 'utf8')
			.trimEnd()
			.split('\n')
			.map((line) => (JSON.parse(line) as {id: string}).id);
		expect(ids).toEqual(['it_0', 'it_1', 'it_2', 'it_3']);
	});

	it('refuses a file that is not a results file, naming the line', async () => {
		const path = join(dir(), 'notes.txt');
		writeFileSync(path, '{"batch_id":"b_1","id":"x"}\nhello world\n');
		await expect(ResultsFile.open(path)).rejects.toThrow(/notes\.txt line 2 is not a results line \(not JSON\): name another file for --results/);
		expect(readFileSync(path, 'utf8')).toBe('{"batch_id":"b_1","id":"x"}\nhello world\n');
	});
});

describe('results file: CSV', () => {
	it('writes RFC 4180: a header, CRLF records, fields with quotes, commas and line breaks quoted', async () => {
		const path = join(dir(), 'out.CSV');
		const file = await ResultsFile.open(path);
		await file.append(item(0, {client_ref: HOSTILE, error: {code: 'E,1', message: 'say "hi"'}, input: {text: 'a\nb, "c"'}}));
		await file.append(item(1, {client_ref: null, cost: null}));
		await file.close();
		const bytes = readFileSync(path);
		const text = bytes.toString('utf8');
		expect(text.startsWith(`${RESULT_COLUMNS.join(',')}\r\n`)).toBe(true);
		expect(text).toContain('"say ""hi"""');
		expect(text).toContain('"E,1"');
		const records = csvRecords(bytes);
		expect(records).toHaveLength(3);
		const row = Object.fromEntries(RESULT_COLUMNS.map((column, i) => [column, records[1]![i]]));
		expect(row).toMatchObject({
			batch_id: 'b_1',
			id: 'it_0',
			sequence_index: '0',
			client_ref: HOSTILE,
			status: 'succeeded',
			cost: '0.0123',
			error_code: 'E,1',
			error_message: 'say "hi"',
		});
		expect(JSON.parse(row['input']!)).toEqual({text: 'a\nb, "c"'});
		expect(JSON.parse(records[2]![12]!)).toEqual({text: 'answer 1'});
		expect(records[2]![3]).toBe('');
		expect(records[2]![5]).toBe('');
	});

	it('on a restart reads records with line breaks inside, cuts a torn one, and goes on', async () => {
		const path = join(dir(), 'out.csv');
		const first = await ResultsFile.open(path);
		await first.append(item(0, {client_ref: 'two\r\nlines'}));
		await first.append(item(1, {input: {text: 'x\ny'}}));
		await first.close();
		const whole = readFileSync(path, 'utf8');
		appendFileSync(path, 'b_1,it_2,2,"ref\nstill open');
		const notices: string[] = [];
		const again = await ResultsFile.open(path, {onNotice: (message) => notices.push(message)});
		expect(notices[0]).toMatch(/last line was cut short/);
		expect(readFileSync(path, 'utf8')).toBe(whole);
		expect([again.has('b_1', 'it_0'), again.has('b_1', 'it_1'), again.has('b_1', 'it_2')]).toEqual([true, true, false]);
		await again.append(item(2));
		await again.close();
		expect(csvRecords(readFileSync(path)).map((record) => record[1])).toEqual(['id', 'it_0', 'it_1', 'it_2']);
	});

	it('refuses a CSV file with another header', async () => {
		const path = join(dir(), 'other.csv');
		writeFileSync(path, 'name,age\r\nx,1\r\n');
		await expect(ResultsFile.open(path)).rejects.toThrow(/other\.csv line 1 is not a results line/);
	});

	it('quotes exactly the fields that need it', () => {
		expect(csvRecord(['plain', 'a,b', 'say "x"', 'a\nb', '', 'cr\r'])).toBe('plain,"a,b","say ""x""","a\nb",,"cr\r"\r\n');
	});
});

describe('an export to a new file', () => {
	it('goes to a temporary file in the same folder, which takes the name only when committed', async () => {
		const folder = dir();
		const path = join(folder, 'failures.jsonl');
		const file = await ExportFile.create(path);
		await file.write(item(0));
		expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\.failures\.jsonl\.\d+-[\da-f]{8}\.tmp$/)]);
		await file.commit();
		expect(readdirSync(folder)).toEqual(['failures.jsonl']);
		expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({id: 'it_0'});
	});

	it('an aborted export leaves nothing; a taken name is refused unless told to overwrite', async () => {
		const folder = dir();
		const path = join(folder, 'x.csv');
		const aborted = await ExportFile.create(path);
		await aborted.write(item(0));
		await aborted.abort();
		expect(readdirSync(folder)).toEqual([]);
		writeFileSync(path, 'keep');
		await expect(ExportFile.create(path)).rejects.toThrow(/x\.csv already exists: choose another name/);
		const replacing = await ExportFile.create(path, {overwrite: true});
		await replacing.write(item(1));
		await replacing.commit();
		expect(csvRecords(readFileSync(path)).map((record) => record[1])).toEqual(['id', 'it_1']);
	});
});

describe('appending batch ids', () => {
	it('adds whole lines, completing a last line left without its line break', async () => {
		const path = join(dir(), 'jobs.txt');
		writeFileSync(path, 'b_1\nb_2');
		await appendLines(path, ['b_3', 'b_4']);
		expect(readFileSync(path, 'utf8')).toBe('b_1\nb_2\nb_3\nb_4\n');
		const fresh = join(dir(), 'new.txt');
		await appendLines(fresh, ['b_9']);
		expect(readFileSync(fresh, 'utf8')).toBe('b_9\n');
	});
});

describe('reading what a results file holds', () => {
	it('reads a big file in chunks: every id, by batch', async () => {
		const path = join(dir(), 'big.jsonl');
		const lines: string[] = [];
		for (let i = 0; i < 5000; i++) lines.push(JSON.stringify({batch_id: `b_${i % 3}`, id: `it_${i}`, output: {text: 'x'.repeat(50)}}));
		writeFileSync(path, `${lines.join('\n')}\n`);
		const found = await readExistingResults(path);
		expect(found.records).toBe(5000);
		expect(found.torn).toBe(0);
		expect([...found.ids.values()].map((set) => set.size)).toEqual([1667, 1667, 1666]);
	});
});
