// The request budget follows the server's own limit (X-RateLimit-*): slower as what is left in
// the window falls (half of it kept for the user's own work), never faster than --max-rps, held
// by a 429's Retry-After and never answering it with a burst; the balance's reads wait behind the
// others. A fake clock for the rules, the simulator's `rateLimit` for the headers a client meets.
import {describe, expect, it} from 'vitest';
import {RequestBudget, type BudgetClock, type BudgetView} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import type {RateLimit} from '../../source/api/ratelimit.js';
import {FakeClock, settle} from '../helpers/budget-clock.js';
import {batch, closeSimulatorsAfterEach, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

/** Headers as an answer at `now` (budget clock = epoch here) would carry them: `resetIn` seconds left in the window. */
const limit = (now: number, remaining: number, resetInS: number | null, max = 600): RateLimit => ({
	limit: max,
	remaining,
	resetAt: resetInS === null ? null : now + resetInS * 1000,
	seenAt: now,
});

/** A caller that takes one turn after another, as the job poller does; records when each was granted. */
async function steadyCaller(budget: RequestBudget, clock: FakeClock, onGrant?: (at: number) => void): Promise<{times: number[]; stop(): void}> {
	const times: number[] = [];
	let stopped = false;
	const loop = async () => {
		while (!stopped) {
			await budget.take();
			times.push(clock.now());
			onGrant?.(clock.now());
		}
	};

	void loop();
	await settle();
	return {
		times,
		stop: () => {
			stopped = true;
		},
	};
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('the budget follows X-RateLimit-* headers', () => {
	it('without headers nothing changes: --max-rps, evenly', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 1, clock});
		const caller = await steadyCaller(budget, clock);
		await clock.advance(10_000);
		caller.stop();
		expect(gaps(caller.times).every((gap) => gap === 1000)).toBe(true);
		expect(budget.view()).toBeNull();
		expect(budget.currentRate).toBe(1);
	});

	it('plenty left: still --max-rps, never faster', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 2, clock});
		budget.follow(limit(0, 600, 60));
		let used = 0;
		const caller = await steadyCaller(budget, clock, (at) => budget.follow(limit(at, 600 - ++used, 60 - at / 1000)));
		await clock.advance(20_000);
		caller.stop();
		expect(Math.min(...gaps(caller.times))).toBeGreaterThanOrEqual(500);
		expect(caller.times.length).toBe(41);
	});

	it('slows as Remaining falls, keeping at least half of what is left for the user', async () => {
		const clock = new FakeClock();
		const views: BudgetView[] = [];
		const budget = new RequestBudget({ratePerSecond: 5, clock, onFollow: (view) => views.push(view)});
		// A window of 60 s with 300 left; the user's own work takes 3 a second of it, the monitor what the budget lets through.
		let remaining = 300;
		const said: Array<{at: number; remaining: number}> = [];
		const tell = (at: number) => {
			said.push({at, remaining});
			budget.follow(limit(at, remaining, Math.max(0, 60 - at / 1000), 300));
		};

		tell(0);
		const caller = await steadyCaller(budget, clock, (at) => {
			remaining = Math.max(0, remaining - 1);
			tell(at);
		});
		for (let s = 1; s <= 59; s++) {
			await clock.advance(1000);
			remaining = Math.max(0, remaining - 3);
			tell(clock.now());
		}

		caller.stop();
		// Whenever the server said what was left, the monitor's requests in the rest of the window stayed within half of it.
		for (const {at, remaining: left} of said) {
			const after = caller.times.filter((t) => t > at && t < 60_000).length;
			expect(after, `after ${at} ms, with ${left} left`).toBeLessThanOrEqual(Math.ceil(left / 2));
		}

		// Slower as what is left falls: later gaps are longer than the first ones, and none shorter than 1/--max-rps.
		const spaced = gaps(caller.times.filter((t) => t < 60_000));
		expect(Math.min(...spaced)).toBeGreaterThanOrEqual(200);
		expect(spaced.at(-1)!).toBeGreaterThan(spaced[0]! * 2);
		// The rate said falls with it, and never passes --max-rps.
		expect(views.every((view) => view.rate <= 5)).toBe(true);
		expect(views.at(-1)!.rate).toBeLessThan(views[0]!.rate);
	});

	it('nothing left for the monitor: it waits for the window to end, then goes on at --max-rps', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 1, clock});
		await budget.take();
		budget.follow(limit(clock.now(), 1, 30));
		expect(budget.view()).toMatchObject({remaining: 1, rate: 0});
		const caller = await steadyCaller(budget, clock);
		await clock.advance(29_999);
		expect(caller.times).toEqual([]);
		await clock.advance(5000);
		caller.stop();
		expect(caller.times[0]).toBe(30_000);
		expect(gaps(caller.times).every((gap) => gap === 1000)).toBe(true);
		expect(budget.view()).toBeNull();
	});

	it("a 429's Retry-After holds every request; after it they go one at a time, not in a burst", async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 4, clock});
		await budget.take();
		budget.hold(10_000);
		const times: number[] = [];
		for (let i = 0; i < 6; i++) void budget.take().then(() => times.push(clock.now()));
		await clock.advance(9_999);
		expect(times).toEqual([]);
		await clock.advance(10_000);
		expect(times).toEqual([10_000, 10_250, 10_500, 10_750, 11_000, 11_250]);
	});

	it('a low-priority request goes only when nothing else waits, or once it has waited long enough', async () => {
		const clock = new FakeClock();
		const budget = new RequestBudget({ratePerSecond: 1, clock, lowPatienceMs: 5000});
		let low: number | null = null;
		await budget.take();
		void budget.take(undefined, 'low').then(() => {
			low = clock.now();
		});
		// Others keep asking: each goes first, until the low one has waited 5 s.
		const caller = await steadyCaller(budget, clock);
		await clock.advance(4500);
		expect(low).toBeNull();
		expect(caller.times).toEqual([1000, 2000, 3000, 4000]);
		await clock.advance(2000);
		caller.stop();
		expect(low).toBe(5000);
		expect(caller.times).toEqual([1000, 2000, 3000, 4000, 6000]);
		// Alone, it goes at once.
		await clock.advance(10_000);
		const at = clock.now();
		await budget.take(undefined, 'low');
		expect(clock.now()).toBe(at);
	});
});

describe('the budget and the simulator’s rate limit', () => {
	it('a client under a budget follows the headers: slower than --max-rps, never a 429, the view says what is left', async () => {
		const sim = await realTimeSim({batches: [batch('b_a')], rateLimit: {limit: 40, windowMs: 10_000}});
		const views: BudgetView[] = [];
		const budget = new RequestBudget({ratePerSecond: 20, onFollow: (view) => views.push(view)});
		const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, budget});
		const arrivals: number[] = [];
		const started = performance.now();
		for (let i = 0; i < 6; i++) {
			await client.getBatch('b_a');
			arrivals.push(performance.now() - started);
		}

		// 40 in 10 s, half kept for the user: about 20 over the 10 s, one every ~0.5 s, not 20 a second.
		expect(arrivals.at(-1)!).toBeGreaterThan(5 * 350);
		expect(sim.stats.byRoute['GET /v1/batches/:id']?.requests ?? sim.stats.requests).toBe(6);
		expect(views.at(-1)).toMatchObject({limit: 40, remaining: 34});
		expect(views.at(-1)!.rate).toBeLessThan(5);
		expect(client.lastRateLimit?.remaining).toBe(34);
	});

	it('a 429 holds the whole budget for its Retry-After (headers or not): the others wait, then go one at a time', async () => {
		const arrivals: number[] = [];
		const sim = await realTimeSim({
			batches: [batch('b_a')],
			rateLimit: {limit: 2, windowMs: 2000, headers: false},
			onRequest: () => arrivals.push(performance.now()),
		});
		// One every 250 ms: two requests going out together would arrive within a few ms, well under that.
		const budget = new RequestBudget({ratePerSecond: 4});
		const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, budget});
		await client.getBatch('b_a');
		await client.getBatch('b_a');
		const refused = await client.getBatch('b_a').then(
			() => null,
			(error: unknown) => error,
		);
		expect(refused).toMatchObject({kind: 'rate_limited'});
		const at = performance.now();
		await Promise.all([client.getBatch('b_a'), client.getBatch('b_a')]);
		// Nothing went out before the window's end the 429 named (Retry-After, at least 1 s), and then not together.
		expect(arrivals.length).toBe(5);
		expect(arrivals[3]! - at).toBeGreaterThanOrEqual(900);
		expect(arrivals[4]! - arrivals[3]!).toBeGreaterThanOrEqual(125);
	});
});
