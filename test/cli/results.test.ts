// --results FILE through the real bin against the simulator: a 20,000-item batch written whole,
// each item once, in JSON lines; CSV of hostile text read back as the API's own strings; a job;
// a restart with the same file skipping what is in it and cutting a torn last line; a file that
// cannot be used ends it before it starts (exit 2).
import {appendFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {CsvRecordReader} from '../../source/files/csv.js';
import {RESULT_COLUMNS} from '../../source/files/records.js';
import {runBin, type BinResult} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const ITEMS = 'GET /v1/batches/:id/items';
const folder = () => mkdtempSync(join(tmpdir(), 'rfw-results-bin-'));

async function watch(h: SimHarness, args: string[]): Promise<BinResult> {
	return runBin([...args, '--base-url', h.sim.url], {env: {RUNFLOW_API_KEY: h.sim.apiKey}, killAfterMs: 60_000});
}

function jsonLines(path: string): Array<Record<string, any>> {
	const text = readFileSync(path, 'utf8');
	expect(text.endsWith('\n')).toBe(true);
	return text
		.slice(0, -1)
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, any>);
}

describe.concurrent('--results through the bin', {timeout: 90_000}, () => {
	it('a finished 20,000-item batch: every item once, valid JSON lines, a page of 500 read once each', async () => {
		const h = await controlledSim({batches: [batch('b_big', {items: 20_000, durationMs: 20_000, failureRate: 0.02})]});
		h.setTime(3_600_000);
		const path = join(folder(), 'out.jsonl');
		const result = await watch(h, ['b_big', '--ui', 'plain', '--results', path, '--page-size', '500', '--max-rps', '100']);
		expect(result.code, result.stderr).toBe(1); // some items failed
		expect(result.stderr).toContain(`runflow-watch: --results ${path}: 20000 items written`);
		const lines = jsonLines(path);
		expect(lines).toHaveLength(20_000);
		expect(new Set(lines.map((line) => line['id'])).size).toBe(20_000);
		expect(lines.every((line) => line['batch_id'] === 'b_big' && Object.keys(line).join(',') === RESULT_COLUMNS.join(','))).toBe(true);
		expect(lines.filter((line) => line['status'] === 'succeeded').every((line) => typeof line['output']?.url === 'string')).toBe(true);
		expect(lines.every((line) => typeof line['input']?.image === 'string')).toBe(true);
		expect(h.sim.stats.byRoute[ITEMS]?.requests).toBe(40);
		expect(result.stdout + result.stderr + readFileSync(path, 'utf8')).not.toContain(h.sim.apiKey);
	});

	it('a restart with the same file skips what is in it and cuts a torn last line', async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 700, durationMs: 10_000, failureRate: 0.1})]});
		h.setTime(600_000);
		const path = join(folder(), 'out.jsonl');
		const first = await watch(h, ['b_1', '--ui', 'json', '--results', path, '--page-size', '100', '--max-rps', '100']);
		expect(first.code, first.stderr).toBe(1);
		const whole = readFileSync(path, 'utf8');
		// As if the first run had stopped while writing line 301.
		const kept = whole.split('\n').slice(0, 300).join('\n');
		writeFileSync(path, `${kept}\n`);
		appendFileSync(path, whole.split('\n')[300]!.slice(0, 40));
		const second = await watch(h, ['b_1', '--ui', 'json', '--results', path, '--page-size', '100', '--max-rps', '100']);
		expect(second.code, second.stderr).toBe(1);
		expect(second.stderr).toContain('its last line was cut short (a run stopped while writing it): removed it (40 bytes); that item is read again');
		expect(second.stderr).toContain('holds 300 items already: they are not written again');
		expect(second.stderr).toContain('400 items written (300 were there before)');
		const lines = jsonLines(path);
		expect(lines).toHaveLength(700);
		expect(new Set(lines.map((line) => line['id'])).size).toBe(700);
		// stdout stays the json events alone.
		expect(
			second.stdout
				.trim()
				.split('\n')
				.every((line) => JSON.parse(line) !== null),
		).toBe(true);
	});

	it("CSV of hostile text: RFC 4180, the API's own strings (not the terminal's sanitized ones)", async () => {
		const h = await controlledSim({batches: [batch('b_h', {items: 40, durationMs: 5000, failureRate: 0.3, hostile: true})]});
		h.setTime(600_000);
		const path = join(folder(), 'out.csv');
		const result = await watch(h, ['b_h', '--ui', 'plain', '--results', path, '--max-rps', '100']);
		expect(result.code, result.stderr).toBe(1);
		const records: string[][] = [];
		const reader = new CsvRecordReader((fields) => records.push(fields));
		const bytes = readFileSync(path);
		reader.feed(bytes);
		expect(reader.complete).toBe(bytes.length);
		expect(records[0]).toEqual([...RESULT_COLUMNS]);
		expect(records).toHaveLength(41);
		const api = await new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0}).listExportItems('b_h', {limit: 500});
		const byId = new Map(records.slice(1).map((record) => [record[1], record]));
		for (const item of api.items) {
			const record = byId.get(item.id)!;
			expect(record[3]).toBe(item.client_ref ?? '');
			expect(record[7]).toBe(item.error_message ?? '');
			expect(JSON.parse(record[11]!)).toEqual(item.input);
		}

		expect(api.items.some((item) => /[\u001B\u202E]/.test(item.client_ref ?? ''))).toBe(true);
	});

	it('a job: every item of every batch once', async () => {
		const h = await controlledSim({batches: [batch('b_a', {items: 120, durationMs: 5000}), batch('b_b', {items: 30, durationMs: 5000, failureRate: 0.2})]});
		h.setTime(600_000);
		const path = join(folder(), 'job.jsonl');
		const result = await watch(h, ['b_a', 'b_b', '--ui', 'json', '--results', path, '--page-size', '50', '--max-rps', '100', '-i', '0.5']);
		expect(result.code, result.stderr).toBe(1);
		const lines = jsonLines(path);
		expect(lines.filter((line) => line['batch_id'] === 'b_a')).toHaveLength(120);
		expect(lines.filter((line) => line['batch_id'] === 'b_b')).toHaveLength(30);
		expect(new Set(lines.map((line) => line['id'])).size).toBe(150);
	});

	it('a file that is not a results file, or a folder, ends it at once (exit 2), untouched', async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 5})]});
		const path = join(folder(), 'notes.txt');
		writeFileSync(path, 'my notes\n');
		const result = await watch(h, ['b_1', '--ui', 'plain', '--results', path]);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`runflow-watch: ${path} line 1 is not a results line (not JSON): name another file for --results\n`);
		expect(readFileSync(path, 'utf8')).toBe('my notes\n');
		const dir = folder();
		const again = await watch(h, ['b_1', '--ui', 'plain', '--results', dir]);
		expect(again.code).toBe(2);
		expect(again.stderr).toMatch(/^runflow-watch: --results .* is not a regular file\n$/);
		expect(h.sim.stats.requests).toBe(0);
	});
});
