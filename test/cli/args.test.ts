import {describe, expect, it} from 'vitest';
import {parseArgs, parseDuration} from '../../source/cli/args.js';
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
		expect(config).toMatchObject({batchId: 'b_123', apiKey: 'rf_live_abc', baseUrl: 'https://api.runflow.io', intervalMs: 2000, pageSize: 50, ui: 'tui', demo: false, color: true});
	});

	it('reads the environment and the flags over it', () => {
		const {config} = parseArgs(['b_1', '--api-key', 'rf_svc_x', '-i', '0.5', '--page-size', '500', '--org', 'org-1', '--base-url', 'http://127.0.0.1:9999/'], {RUNFLOW_API_TOKEN: 'tok', RUNFLOW_ORG_ID: 'o2'}, 'v', true);
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
		expect(usage(['b', 'c'])).toMatch(/one batch id/);
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

describe('parseDuration', () => {
	it('reads seconds, units and compounds', () => {
		expect(parseDuration('90')).toBe(90_000);
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('30m')).toBe(1_800_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration('500ms')).toBe(500);
		expect(parseDuration('soon')).toBeNull();
		expect(parseDuration('5x')).toBeNull();
	});
});
