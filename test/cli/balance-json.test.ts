// The balance in JSON and plain output, through the real bin: a `balance` field on the job's
// events, one warning when it will run out before the work does; nothing but a null field where
// the key may not read it.
import {describe, expect, it} from 'vitest';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, controlledSim} from '../helpers/sim.js';
import type {SimOptions} from '../../source/sim/server.js';

closeSimulatorsAfterAll();

type Event = Record<string, unknown> & {type: string};
const events = (stdout: string): Event[] =>
	stdout
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Event);

async function job(options: SimOptions) {
	const h = await controlledSim({batches: [batch('b_a', {items: 60, durationMs: 600_000}), batch('b_b', {items: 60, durationMs: 600_000})], ...options});
	h.setTime(120_000);
	return h;
}

describe('the balance in JSON and plain', () => {
	it('json: a balance field on job events, and one balance event when it will run out', async () => {
		const h = await job({billing: {balance: '1.00'}});
		const result = await runBin(['b_a', 'b_b', '--ui', 'json', '--max-rps', '20', '--interval', '0.5'], {
			env: {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey},
			onOutput: (stdout) => events(stdout).some((event) => event.type === 'balance'),
		});
		const seen = events(result.stdout);
		const warning = seen.filter((event) => event.type === 'balance');
		expect(warning).toHaveLength(1);
		expect(warning[0]).toMatchObject({currency: 'USD', refused: false});
		expect(String(warning[0]!['message'])).toMatch(/^balance \$0\.\d+ will run out in ~\d+ items: new runs will be refused$/);
		expect(warning[0]!['covers_items']).toBeLessThan(warning[0]!['items_left'] as number);
		expect(seen.filter((event) => event.type === 'job').some((event) => typeof event['balance'] === 'string')).toBe(true);
	});

	it('plain: the warning as one line', async () => {
		const h = await job({billing: {balance: '1.00'}});
		const result = await runBin(['b_a', 'b_b', '--ui', 'plain', '--max-rps', '20', '--interval', '0.5'], {
			env: {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey},
			onOutput: (stdout) => stdout.includes('will run out'),
		});
		expect(result.stdout.split('\n').filter((line) => line.includes('will run out'))).toHaveLength(1);
		expect(result.stdout).toMatch(/^\d\d:\d\d:\d\d ! balance \$0\.\d+ will run out in ~\d+ items: new runs will be refused$/m);
	});

	it('a key that may not read it: the field is null, no warning, the watch goes on', async () => {
		const h = await job({billing: {balance: '1.00'}, denied: {balance: 403}});
		const result = await runBin(['b_a', 'b_b', '--ui', 'json', '--max-rps', '20', '--interval', '0.5', '--timeout', '3s'], {
			env: {RUNFLOW_BASE_URL: h.sim.url, RUNFLOW_API_KEY: h.sim.apiKey},
		});
		const seen = events(result.stdout);
		expect(seen.filter((event) => event.type === 'balance')).toEqual([]);
		expect(seen.filter((event) => event.type === 'job').every((event) => event['balance'] === null)).toBe(true);
		expect(seen.at(-1)).toMatchObject({type: 'done', reason: 'timeout'});
	});
});
