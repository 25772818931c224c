import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseArgs} from '../../source/cli/args.js';
import {DEFAULT_MAX_RPS, isLoopbackHost, parseDuration} from '../../source/cli/flag-parsers.js';
import {parseBatches} from '../../source/cli/batches-file.js';
import {ExitError} from '../../source/modes/exit-codes.js';

const env = {RUNFLOW_API_KEY: 'rf_live_abc'};

function usage(argv: string[], environment: Record<string, string | undefined> = env, tty = true): string {
	try {
		parseArgs(argv, environment, '1.0.0', tty);
	} catch (error) {
		expect(error).toBeInstanceOf(ExitError);
		expect((error as ExitError).code).toBe(2);
		const message = (error as ExitError).message;
		expect(message).not.toContain('\n');
		return message;
	}
	throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
	it('takes the defaults', () => {
		const {config} = parseArgs(['b_123'], env, '1.0.0', true);
		expect(config).toMatchObject({
			batchId: 'b_123',
			apiKey: 'rf_live_abc',
			baseUrl: 'https://api.runflow.io',
			intervalMs: 2000,
			pageSize: 50,
			ui: 'tui',
			demo: false,
			color: true,
		});
	});

	it('reads the environment and the flags over it', () => {
		const {config} = parseArgs(
			['b_1', '--api-key', 'rf_svc_x', '-i', '0.5', '--page-size', '500', '--org', 'org-1', '--base-url', 'http://127.0.0.1:9999/'],
			{RUNFLOW_API_TOKEN: 'tok', RUNFLOW_ORG_ID: 'o2'},
			'v',
			true,
		);
		expect(config).toMatchObject({apiKey: 'rf_svc_x', intervalMs: 500, pageSize: 500, orgId: 'org-1', baseUrl: 'http://127.0.0.1:9999'});
		expect(parseArgs(['b_1'], {RUNFLOW_API_TOKEN: 'tok'}, 'v', true).config?.apiKey).toBe('tok');
	});

	it('picks plain without a terminal, in CI or with TERM=dumb', () => {
		expect(parseArgs(['b'], env, 'v', false).config?.ui).toBe('plain');
		expect(parseArgs(['b'], {...env, CI: 'true'}, 'v', true).config?.ui).toBe('plain');
		expect(parseArgs(['b'], {...env, TERM: 'dumb'}, 'v', true).config?.ui).toBe('plain');
		expect(parseArgs(['b', '--ui', 'json'], env, 'v', true).config?.ui).toBe('json');
	});

	it('turns colour off for --no-color and NO_COLOR', () => {
		expect(parseArgs(['b', '--no-color'], env, 'v', true).config?.color).toBe(false);
		expect(parseArgs(['b'], {...env, NO_COLOR: '1'}, 'v', true).config?.color).toBe(false);
	});

	it('prints help and version', () => {
		expect(parseArgs(['--help'], {}, '1.2.3', true).print).toContain('Usage');
		expect(parseArgs(['--version'], {}, '1.2.3', true).print).toBe('1.2.3');
	});

	it('needs no key nor batch id for --demo', () => {
		expect(parseArgs(['--demo'], {}, 'v', true).config?.demo).toBe(true);
	});

	it('gives one line and code 2 for bad input', () => {
		expect(usage([])).toMatch(/missing batch id/);
		expect(usage(['b'], {})).toMatch(/RUNFLOW_API_KEY/);
		expect(usage(['b', '--interval', 'abc'])).toMatch(/--interval/);
		expect(usage(['b', '--interval', '0.1'])).toMatch(/at least 0.5/);
		expect(usage(['b', '--page-size', '501'])).toMatch(/1 to 500/);
		expect(usage(['b', '--page-size', '2.5'])).toMatch(/whole number/);
		expect(usage(['b', '--bogus'])).toMatch(/unknown option --bogus/);
		expect(usage(['b', '--ui', 'fancy'])).toMatch(/--ui/);
		expect(usage(['b', '--ui', 'tui'], env, false)).toMatch(/needs a terminal/);
		expect(usage(['b', '--timeout', 'soon'])).toMatch(/--timeout/);
		expect(usage(['b', '--base-url', 'http://example.com'])).toMatch(/plain http/);
		expect(usage(['b', '--base-url', 'not a url'])).toMatch(/not a URL/);
		expect(usage(['--demo', 'b'])).toMatch(/leave out the batch id/);
		expect(usage(['b/../x'])).toMatch(/not a batch id/);
	});

	it('never echoes the key in an error', () => {
		const message = usage(['b', '--api-key', 'rf_live secret']);
		expect(message).not.toContain('secret');
	});
});

describe('a job: several batch ids, --batches-file, --max-rps', () => {
	const dir = mkdtempSync(join(tmpdir(), 'rfw-args-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const file = (name: string, text: string): string => {
		const path = join(dir, name);
		writeFileSync(path, text);
		return path;
	};

	it('one id is as before: batchId, and batchIds of one, no file, the default --max-rps', () => {
		const {config} = parseArgs(['b_123'], env, 'v', true);
		expect(config).toMatchObject({batchId: 'b_123', batchIds: ['b_123'], batchesFile: null, maxRps: DEFAULT_MAX_RPS});
	});

	it('takes several ids; batchId is the first, duplicates merged', () => {
		const {config} = parseArgs(['b_1', 'b_2', 'b_1', 'b_3'], env, 'v', true);
		expect(config).toMatchObject({batchId: 'b_1', batchIds: ['b_1', 'b_2', 'b_3']});
	});

	it('adds the ids of --batches-file after the arguments, and says where a watcher goes on', () => {
		const text = '# job\nb_2\n{"id":"b_9","status_code":"queued"}\n';
		const path = file('jobs.txt', text);
		const {config} = parseArgs(['b_1', 'b_2', '--batches-file', path], env, 'v', true);
		expect(config).toMatchObject({
			batchId: 'b_1',
			batchIds: ['b_1', 'b_2', 'b_9'],
			batchesFile: {path, regular: true, offset: Buffer.byteLength(text), lines: 3},
		});
		expect(parseArgs([`--batches-file=${path}`], env, 'v', true).config?.batchId).toBe('b_2');
	});

	it('--batches-file - reads standard input (not from a terminal)', () => {
		const readBatches = (path: string) => ({path, regular: false, ...parseBatches(Buffer.from('b_7\nb_8'), path, true)});
		const {config} = parseArgs(['--batches-file', '-', '--ui', 'plain'], env, 'v', false, {readBatches});
		expect(config).toMatchObject({batchId: 'b_7', batchIds: ['b_7', 'b_8'], batchesFile: {path: '-', regular: false}});
		expect(usage(['--batches-file', '-'], env, true)).toMatch(/standard input, which is a terminal: pipe them in/);
	});

	it('--max-rps takes a positive number, decimals too', () => {
		expect(parseArgs(['b', '--max-rps', '0.5'], env, 'v', true).config?.maxRps).toBe(0.5);
		expect(parseArgs(['b', '--max-rps', '4'], env, 'v', true).config?.maxRps).toBe(4);
	});

	it('bad values: one line, code 2, saying what to do', () => {
		expect(usage(['b', '--max-rps', '0'])).toMatch(/--max-rps must be above 0 .*e\.g\. 0\.5/);
		expect(usage(['b', '--max-rps', '-1'])).toMatch(/--max-rps must be above 0/);
		expect(usage(['b', '--max-rps', 'fast'])).toMatch(/--max-rps takes requests per second, e\.g\. 1 or 0\.5, not "fast"/);
		expect(usage(['b', '--max-rps', '1000'])).toMatch(/at most 100/);
		expect(usage(['b', '--max-rps'])).toMatch(/--max-rps needs a value/);
		expect(usage(['b_1', 'bad/id'])).toMatch(/"bad\/id" is not a batch id/);
		expect(usage(['--batches-file', join(dir, 'missing.txt')])).toMatch(/missing\.txt: cannot read it \(no such file\)/);
		expect(usage(['--batches-file', file('bad.txt', 'b_1\nb_2\n{"id": 3}\n')])).toMatch(
			/^--batches-file .*bad\.txt line 3: the JSON object has no "id" string/,
		);
		expect(usage(['--batches-file', file('empty.txt', '# nothing yet\n')])).toMatch(/holds no batch id yet/);
		expect(usage(['--demo', '--batches-file', file('one.txt', 'b_1\n')])).toMatch(/--demo watches its own batches/);
		expect(usage([])).toMatch(/missing batch id: .*--batches-file/);
	});
});

describe('parseDuration', () => {
	it('reads units and compounds; a bare number is no duration (--timeout asks for its unit)', () => {
		expect(parseDuration('90')).toBeNull();
		expect(usage(['b', '--timeout', '90'])).toBe('--timeout needs a unit: 90s, 90m or 90h, not "90"');
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('30m')).toBe(1_800_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration('500ms')).toBe(500);
		expect(parseDuration('soon')).toBeNull();
		expect(parseDuration('5x')).toBeNull();
	});
});

describe('the base URL', () => {
	it('takes plain http to loopback only: 127.0.0.0/8 literals, [::1], exactly localhost', () => {
		for (const host of ['127.0.0.1', '127.255.0.9', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
		for (const host of [
			'127.0.0.1.nip.io',
			'127.evil.example',
			'localhost.',
			'localhost.evil.com',
			'evil.localhost',
			'0.0.0.0',
			'128.0.0.1',
			'[::ffff:7f00:1]',
			'127',
		])
			expect(isLoopbackHost(host)).toBe(false);
		const base = (url: string) => parseArgs(['b', '--base-url', url], env, 'v', true).config?.baseUrl;
		expect(base('http://LOCALHOST:8080')).toBe('http://localhost:8080');
		expect(base('http://[0:0:0:0:0:0:0:1]:9')).toBe('http://[::1]:9');
		expect(base('http://2130706433:9')).toBe('http://127.0.0.1:9');
		expect(usage(['b', '--base-url', 'http://127.0.0.1.nip.io'])).toMatch(/refusing to send the API key over plain http to "127\.0\.0\.1\.nip\.io"/);
	});

	it('takes a URL given with the API prefix /v1 without it', () => {
		const base = (url: string) => parseArgs(['b', '--base-url', url], env, 'v', true).config?.baseUrl;
		expect(base('https://api.runflow.io/v1')).toBe('https://api.runflow.io');
		expect(base('https://api.runflow.io/v1/')).toBe('https://api.runflow.io');
		expect(base('https://proxy.example/runflow/v1')).toBe('https://proxy.example/runflow');
		expect(base('https://proxy.example/v10')).toBe('https://proxy.example/v10');
	});
});
