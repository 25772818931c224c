// JSON output stays bounded and safe whatever the server sends: a string of megabytes is cut
// (saying so and how long it was), and characters a terminal hides or acts on are escaped.
import {describe, expect, it} from 'vitest';
import {jobJsonReporter} from '../../source/modes/job-reporters.js';
import {jsonReporter, MAX_JSON_STRING, safeJson} from '../../source/modes/reporters.js';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const TEN_MB = 10 * 1024 * 1024;

describe('bounded strings', () => {
	it('a 10 MB client_ref and message make a line of kilobytes, cut with a marker and the original length', () => {
		const lines: string[] = [];
		const reporter = jsonReporter((line) => lines.push(line));
		const jobReporter = jobJsonReporter((line) => lines.push(line));
		const huge = 'r'.repeat(TEN_MB);
		for (let i = 0; i < 3; i++) {
			const failure = {id: `it_${i}`, sequence_index: i, client_ref: huge, status: 'failed', run_id: null, cause: 'E', message: huge, cause_read: true};
			reporter.failure(failure, 0);
			jobReporter.failure({...failure, batch_id: huge}, 0);
		}
		reporter.error({kind: 'network', scope: 'request', message: huge, attempt: 1, retry_in_ms: null}, 0);
		const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
		expect(bytes).toBeLessThan(lines.length * 4 * (MAX_JSON_STRING + 100));
		for (const line of lines) {
			const event = JSON.parse(line) as Record<string, unknown>;
			expect(event['message']).toBe(`${'r'.repeat(MAX_JSON_STRING)}… (cut: ${TEN_MB} characters)`);
		}
		const first = JSON.parse(lines[0]!) as Record<string, unknown>;
		expect(first['client_ref']).toMatch(/… \(cut: 10485760 characters\)$/);
	});

	it('never cuts a character in two, and counts characters, not UTF-16 units', () => {
		const text = `${'a'.repeat(MAX_JSON_STRING - 1)}${'😀'.repeat(10)}`;
		const out = JSON.parse(safeJson({text})) as {text: string};
		expect(out.text).toBe(`${'a'.repeat(MAX_JSON_STRING - 1)}… (cut: ${MAX_JSON_STRING + 9} characters)`);
		expect(safeJson({text: 'short'})).toBe('{"text":"short"}');
	});

	it('bounds the keys of an object too (a status from the server keys `counts`)', () => {
		const out = safeJson({counts: {['s'.repeat(TEN_MB)]: 3}});
		expect(out.length).toBeLessThan(MAX_JSON_STRING + 100);
	});
});

describe('invisible and bidirectional characters', () => {
	const nasty = [
		'\uFEFF',
		'\u200B',
		'\u200C',
		'\u200D',
		'\u2060',
		'\u2061',
		'\u00AD',
		'\u061C',
		'\u180E',
		'\u200E',
		'\u200F',
		'\u202A',
		'\u202E',
		'\u2066',
		'\u2069',
		'\u206F',
		'\u2028',
		'\u2029',
		'\u3164',
		'\u115F',
		'\uFFA0',
		'\uFFF9',
		'\u{E0041}',
		'\u{E007F}',
		'\u007F',
		'\u0085',
		'\u009B',
	];

	it('escapes each of them, and the data reads back the same', () => {
		for (const char of nasty) {
			const value = `a${char}b`;
			const line = safeJson({client_ref: value});
			expect(line, JSON.stringify(char)).toMatch(/^\{"client_ref":"a(\\u[0-9a-f]{4})+b"\}$/);
			expect((JSON.parse(line) as {client_ref: string}).client_ref).toBe(value);
		}
	});

	it('leaves ordinary text alone: accents, wide characters, emoji', () => {
		expect(safeJson({t: 'café 漢字 😀'})).toBe('{"t":"café 漢字 😀"}');
	});
});

describe('the bin in json mode', {timeout: 30_000}, () => {
	it('a failure message of a megabyte is cut in the failure event', async () => {
		const message = `OOM ${'x'.repeat(1_000_000)}`;
		const sim = await realTimeSim({
			batches: [
				batch('b_big', {items: 4, durationMs: 1200, failureBurst: {fromMs: 0, toMs: 60_000, failure: {code: 'OOM', message, stage: 'inference'}}}),
			],
		});
		const result = await runBin(['b_big', '-i', '0.5', '--ui', 'json'], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey}});
		expect(result.code).toBe(1);
		const lines = result.stdout.split('\n').filter(Boolean);
		for (const line of lines) expect(line.length).toBeLessThan(3 * MAX_JSON_STRING);
		const failures = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((event) => event['type'] === 'failure');
		expect(failures).toHaveLength(4);
		for (const event of failures) expect(event['message']).toMatch(/^OOM x+… \(cut: 1000004 characters\)$/);
	});
});
