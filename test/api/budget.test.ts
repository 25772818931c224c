// The request budget: a fake clock for the spacing rules, and the real simulator for the
// requests a client actually sends under it (retries included).
import {describe, expect, it} from 'vitest';
import {RequestBudget, type BudgetClock} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {waitFor} from '../helpers/app.js';
import {FakeClock, settle} from '../helpers/budget-clock.js';
import {batch, closeSimulatorsAfterEach, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

/** Starts `count` takes and records the clock time each one is granted (settled before the clock moves on). */
async function takeMany(budget: RequestBudget, clock: FakeClock, count: number, signal?: AbortSignal): Promise<{times: number[]}> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		void budget.take(signal).then(() => times.push(clock.now()));
	}

	await settle();
	return {times};
}

/** The most grants in any window [t, t + 1000) of the given times. */
function mostInOneSecond(times: number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0; i < sorted.length; i++) {
		let j = i;
		while (j < sorted.length && sorted[j]! < sorted[i]! + 1000) j++;
		most = Math.max(most, j - i);
	}

	return most;
}

describe('RequestBudget on a fake clock', () => {
	it('spaces requests 1/rate apart, first come first served', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 4, clock});
		const {times} = await takeMany(budget, clock, 10);
		expect(times).toEqual([0]);
		await clock.advance(10_000);
		expect(times).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250]);
		expect(mostInOneSecond(times)).toBe(4);
		expect(budget.granted).toBe(10);
	});

	it('takes decimals: 0.5 per second is one every 2 s', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 0.5, clock});
		const {times} = await takeMany(budget, clock, 3);
		await clock.advance(10_000);
		expect(times).toEqual([0, 2000, 4000]);
	});

	it('lets a burst of at most `burst` go after a quiet spell, and never more than rate+burst-1 in a second', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 2, burst: 2, clock});
		await clock.advance(60_000);
		const {times} = await takeMany(budget, clock, 8);
		await clock.advance(10_000);
		expect(times.slice(0, 3)).toEqual([60_000, 60_000, 60_500]);
		expect(mostInOneSecond(times)).toBeLessThanOrEqual(3);
	});

	it('a request made after a quiet spell goes at once, one made too soon waits', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 1, clock});
		await budget.take();
		await clock.advance(5000);
		await budget.take(); // no wait: granted synchronously on the clock
		const later = await takeMany(budget, clock, 1);
		await settle();
		expect(later.times).toEqual([]);
		await clock.advance(999);
		expect(later.times).toEqual([]);
		await clock.advance(1);
		expect(later.times).toEqual([6000]);
	});

	it('an abort while waiting rejects that take and gives its turn to the next', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 1, clock});
		await budget.take();
		const controller = new AbortController();
		const aborted = budget.take(controller.signal);
		const next = await takeMany(budget, clock, 1);
		await clock.advance(300);
		controller.abort();
		await expect(aborted).rejects.toMatchObject({name: 'AbortError'});
		expect(budget.waiting).toBe(1);
		await clock.advance(700);
		expect(next.times).toEqual([1000]);
		await expect(budget.take(controller.signal)).rejects.toMatchObject({name: 'AbortError'});
	});

	it('refuses a rate that is not above 0', () => {
		expect(() => new RequestBudget({ratePerSecond: 0})).toThrow(RangeError);
		expect(() => new RequestBudget({ratePerSecond: Number.NaN})).toThrow(RangeError);
	});
});

describe('RequestBudget in RunflowClient, against the simulator', () => {
	it('several clients sharing one budget never pass it in any one-second window, retries included', async () => {
		const arrivals: number[] = [];
		const sim = await realTimeSim({
			batches: [batch('b_a'), batch('b_b'), batch('b_c')],
			onRequest: () => arrivals.push(performance.now()),
		});
		const budget = new RequestBudget({ratePerSecond: 5});
		const clients = ['b_a', 'b_b', 'b_c'].map(
			() => new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 2, maxRetryDelayMs: 1, timeoutMs: 5000, budget}),
		);
		// Two 503s: the client that meets them retries, and its retries wait their turn too.
		sim.faults.inject({kind: 'status', status: 503}, {count: 2});
		const started = performance.now();
		const calls = clients.flatMap((client, i) => Array.from({length: 4}, async () => client.getBatch(['b_a', 'b_b', 'b_c'][i]!)));
		await Promise.all(calls);
		const elapsed = performance.now() - started;
		expect(arrivals.length).toBe(14); // 12 calls + 2 retries
		expect(budget.granted).toBe(14);
		// 14 requests at 5 a second, the first at once: they leave over at least 13 × 200 ms.
		expect(elapsed).toBeGreaterThanOrEqual(2600);
		// They arrive with the loopback's delays (long on a busy machine): one request held up
		// on its way may land in the next second's window, never more than that.
		expect(mostInOneSecond(arrivals)).toBeLessThanOrEqual(6);
	});

	it('a call aborted while it waits for its turn fails as cancelled and sends nothing', async () => {
		const sim = await realTimeSim({batches: [batch('b_a')]});
		const budget = new RequestBudget({ratePerSecond: 0.2});
		const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, budget});
		await client.getBatch('b_a');
		const controller = new AbortController();
		const waiting = client.getBatch('b_a', {}, {signal: controller.signal});
		await waitFor(() => budget.waiting === 1);
		controller.abort();
		const error = await waiting.then(
			() => null,
			(error_: unknown) => error_,
		);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).kind).toBe('aborted');
		expect(sim.stats.requests).toBe(1);
		expect(budget.waiting).toBe(0);
	});
});
