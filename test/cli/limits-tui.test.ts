// One batch in the TUI against a server that states its rate limit (X-RateLimit-*): its polls,
// which no --max-rps holds, still follow that limit (at most half of what is left, spread over
// the window), and the header says so. Before, a poll every 0.5 s (2 to 4 reads each) ran the
// organization's window dry in seconds.
import {describe, expect, it} from 'vitest';
import {runInPty} from '../helpers/pty.js';
import {VirtualScreen} from '../helpers/screen.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

/** The most arrivals within any `spanMs`. */
function busiest(arrivals: readonly number[], spanMs: number): number {
	let most = 0;
	for (let i = 0; i < arrivals.length; i++) {
		let j = i;
		while (j < arrivals.length && arrivals[j]! - arrivals[i]! < spanMs) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

describe('one batch under a server that states its limit', {timeout: 60_000}, () => {
	it('follows it: the header says the budget, and no window is run dry', async () => {
		const arrivals: number[] = [];
		// 20 requests a 10 s window, half of it the monitor's: about 1 a second.
		const sim = await realTimeSim({
			batches: [batch('b_lim', {items: 30, durationMs: 120_000})],
			rateLimit: {limit: 20, windowMs: 10_000},
			onRequest: () => arrivals.push(Date.now()),
		});
		const run = runInPty(['b_lim', '--interval', '0.5', '--base-url', sim.url], {env: {RUNFLOW_API_KEY: sim.apiKey}, columns: 140, rows: 30});
		const screen = new VirtualScreen(run, 140, 30);
		try {
			await screen.waitFor((lines) => /budget \d+(\.\d+)? rps: \d+ of 20 left until \d\d:\d\d:\d\d/.test(lines[0] ?? ''), 20_000);
			// Polled on as arrivals come; at the old pace 18 would come within 5 s, all but a few in one window.
			await screen.waitFor(() => arrivals.length >= 18, 40_000);
			expect(busiest(arrivals, 10_000), arrivals.map((at) => at - arrivals[0]!).join(' ')).toBeLessThanOrEqual(13);
			const lines = await screen.lines();
			expect(lines[0]).not.toContain('stale');
			run.send('q');
			expect((await run.exit).code).toBe(0);
		} finally {
			run.child.kill('SIGKILL');
		}
	});
});
