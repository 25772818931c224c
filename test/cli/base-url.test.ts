// The base URL through the real bin: plain http only to loopback (an IPv4 literal in
// 127.0.0.0/8, [::1], exactly `localhost`), never to a DNS name that only looks like it, and a
// URL given with the API's `/v1` taken without it. The bin runs with a hook that fails and tells
// of every DNS lookup (dns.lookup), so "nothing was looked up" is seen, and no test sends a
// query anywhere, whatever the code under test does.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runBin, type BinResult} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const KEY = 'rf_live_BaseUrlT3stKeyNeverShown';

const NO_DNS = join(mkdtempSync(join(tmpdir(), 'rfw-no-dns-')), 'no-dns.mjs');
writeFileSync(
	NO_DNS,
	`import dns from 'node:dns';
dns.lookup = (host, ...rest) => {
	process.stderr.write('LOOKUP ' + host + '\\n');
	const callback = rest.at(-1);
	process.nextTick(() => callback(Object.assign(new Error('lookup blocked by the test'), {code: 'EBLOCKED'})));
};
`,
);

/** The bin with that hook; ended (SIGINT) as soon as it looks a name up. */
async function run(args: string[], baseUrl: string): Promise<BinResult> {
	return runBin(args, {
		env: {RUNFLOW_API_KEY: KEY, RUNFLOW_BASE_URL: baseUrl, NODE_OPTIONS: `--import=${NO_DNS}`},
		killAfterMs: 15_000,
		onOutput: (_stdout, stderr) => stderr.includes('LOOKUP '),
	});
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe.concurrent('plain http: only to loopback', {timeout: 30_000}, () => {
	const lookalikes = [
		'http://127.0.0.1.nip.io',
		'http://127.0.0.1.nip.io:8080/',
		'http://127.evil.example',
		'http://127-0-0-1.nip.io',
		'http://127.0.0.1%2e.evil.com',
		'http://127.0.0.1\t.evil.com',
		'http://localhost.evil.com',
		'http://LOCALHOST.evil.com',
		'http://localhost.',
		'http://evil.localhost',
		'http://127.0.0.1@evil.com',
		'http://evil.com\\@127.0.0.1',
		'http://0.0.0.0',
		'http://10.0.0.1',
		'http://[::ffff:127.0.0.1]',
		'http://[::2]',
		'http://api.runflow.io',
	];
	for (const url of lookalikes) {
		it(`refuses ${JSON.stringify(url)}: exit 2, one line, nothing looked up`, async () => {
			const result = await run(['b_1', '--ui', 'plain'], url);
			expect(result.stderr).not.toContain('LOOKUP');
			expect(result.code).toBe(2);
			const errors = lines(result.stderr);
			expect(errors, result.stderr).toHaveLength(1);
			expect(errors[0]).toMatch(
				/^runflow-watch: refusing to send the API key over plain http to "[^"]+": use https \(plain http only to 127\.0\.0\.1, \[::1\] or localhost\)$/,
			);
			expect(result.stdout).toBe('');
			expect(result.stderr).not.toContain(KEY);
		});
	}

	it('--base-url is checked the same way as RUNFLOW_BASE_URL', async () => {
		const result = await run(['b_1', '--ui', 'plain', '--base-url', 'http://127.0.0.1.nip.io'], 'https://api.runflow.io');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^runflow-watch: refusing to send the API key over plain http to "127\.0\.0\.1\.nip\.io"/);
	});

	// The URL parser turns these into 127.0.0.1, the address connected to: loopback, no name looked up.
	const spellings = ['127.0.0.1', '127.1', '2130706433', '0x7f.1', '0x7f000001', '0177.0.0.1'];
	for (const host of spellings) {
		it(`takes http://${host}: the loopback address it spells, read without a lookup`, async () => {
			const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_spelled', {items: 2, durationMs: 300})]});
			const result = await run(['b_spelled', '--ui', 'plain', '-i', '0.5'], `http://${host}:${sim.port}`);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(lines(result.stdout).at(-1)).toMatch(/done: succeeded 2\/2/);
		});
	}
});

describe.concurrent('a base URL given with /v1', {timeout: 30_000}, () => {
	for (const suffix of ['/v1', '/v1/', '/V1']) {
		it(`${suffix}: taken without it (the routes add it), the batch read`, async () => {
			const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_v1', {items: 2, durationMs: 300})]});
			const result = await run(['b_v1', '--ui', 'plain', '-i', '0.5'], `${sim.url}${suffix}`);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(sim.stats.urls.every((url) => url.startsWith('/v1/batches/b_v1') || url === '/v1/billing/balance')).toBe(true);
		});
	}
});
