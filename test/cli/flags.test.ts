// Flags at their edges, through the real bin: a floor under --max-rps, a negative or unitless
// --timeout said as such (not `unknown option -5`), --max-cost shown with its own precision.
import {describe, expect, it} from 'vitest';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const KEY = 'rf_live_Fl4gsT3stKeyNeverShown';
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe.concurrent('bad flags: one line, exit 2', {timeout: 30_000}, () => {
	const cases: [string[], RegExp][] = [
		[['--max-rps', '1e-9'], /^runflow-watch: --max-rps must be at least 0\.01 \(one request every 100 s\), not 1e-9$/],
		[['--max-rps', '0.001'], /--max-rps must be at least 0\.01/],
		[['--max-rps', '-1'], /--max-rps must be above 0 requests per second/],
		[['--timeout', '-5s'], /^runflow-watch: --timeout must be above 0 \(a duration like 90s, 30m or 2h\), not "-5s"$/],
		[['--timeout', '-5'], /^runflow-watch: --timeout must be above 0 \(a duration like 90s, 30m or 2h\), not "-5"$/],
		[['--timeout', '0s'], /--timeout must be above 0/],
		[['--timeout', '90'], /^runflow-watch: --timeout needs a unit: 90s, 90m or 90h, not "90"$/],
		[['--timeout', '1.5'], /--timeout needs a unit: 1\.5s, 1\.5m or 1\.5h/],
		[['--interval', '-1'], /^runflow-watch: --interval must be at least 0\.5 seconds, not -1$/],
		[['--heartbeat', '-5'], /^runflow-watch: --heartbeat must be at least 1 second, not -5$/],
		[['--page-size', '-5'], /^runflow-watch: --page-size must be a whole number from 1 to 500, not -5$/],
		[['--max-cost', '-5'], /^runflow-watch: --max-cost takes an amount in USD above 0, like 5 or 12\.50, not "-5"$/],
	];
	for (const [args, pattern] of cases) {
		it(args.join(' '), async () => {
			const result = await runBin(['b_1', ...args], {env: {RUNFLOW_API_KEY: KEY}});
			expect(result.code).toBe(2);
			expect(lines(result.stderr), result.stderr).toHaveLength(1);
			expect(result.stderr.trimEnd()).toMatch(pattern);
			expect(result.stderr).not.toMatch(/unknown option/);
			expect(result.stdout).toBe('');
		});
	}
});

describe.concurrent('flags taken', {timeout: 30_000}, () => {
	it('--max-rps 0.01 and --timeout 1h30m are taken', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_ok', {items: 2, durationMs: 300})]});
		const result = await runBin(['b_ok', '--ui', 'plain', '-i', '0.5', '--max-rps', '0.01', '--timeout', '1h30m'], {
			env: {RUNFLOW_API_KEY: KEY, RUNFLOW_BASE_URL: sim.url},
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
	});

	it('--max-cost 0.000001: the budget line shows it as given, plain and json', async () => {
		const sim = await realTimeSim({apiKey: KEY, batches: [batch('b_cost', {items: 4, durationMs: 600})]});
		const env = {RUNFLOW_API_KEY: KEY, RUNFLOW_BASE_URL: sim.url};
		const plain = await runBin(['b_cost', '--ui', 'plain', '-i', '0.5', '--max-cost', '0.000001'], {env});
		const over = lines(plain.stdout).filter((line) => line.includes('over budget'));
		expect(over, plain.stdout).toHaveLength(1);
		expect(over[0]).toMatch(/passes --max-cost \$0\.000001$/);
		const json = await runBin(['b_cost', '--ui', 'json', '-i', '0.5', '--max-cost', '$0.000001'], {env});
		const budgets = lines(json.stdout)
			.map((line) => JSON.parse(line) as Record<string, unknown>)
			.filter((event) => event['type'] === 'budget');
		expect(budgets, json.stdout).toHaveLength(1);
		expect(budgets[0]!['max_cost']).toBe('0.000001');
	});
});
