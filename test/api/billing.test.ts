// RunflowClient.getBalance (both documented shapes, a key that may not read it) and the
// rate-limit headers of every answer, against the simulator.
import {describe, expect, it} from 'vitest';
import {centsToDecimal, normalizeBalance} from '../../source/api/billing.js';
import {RunflowClient, type ClientOptions} from '../../source/api/client.js';
import {parseRateLimit, type RateLimit} from '../../source/api/ratelimit.js';
import {parseMoney} from '../../source/lib/money.js';
import type {SimOptions} from '../../source/sim/server.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

async function setup(sim: SimOptions = {}, client: Partial<ClientOptions> = {}) {
	const h = await controlledSim({batches: [batch('b_1', {items: 20, failureRate: 0.2})], ...sim});
	const c = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 2, maxRetryDelayMs: 20, timeoutMs: 2000, ...client});
	return {...h, c};
}

describe('getBalance', () => {
	it('reads {balance, low_balance_threshold, low_balance_notified_at}, exact, falling as items finish', async () => {
		const {c, setTime} = await setup({billing: {balance: '12.40', lowThreshold: '12.35'}});
		expect(await c.getBalance()).toEqual({balance: '12.40', lowThreshold: '12.35', lowNotifiedAt: null, currency: 'USD'});
		setTime(11_000);
		const spent = (await c.getBatch('b_1')).cost!;
		const now = await c.getBalance();
		expect(parseMoney(now!.balance)).toBe(parseMoney('12.40')! - parseMoney(spent)!);
		expect(now!.lowNotifiedAt).toMatch(/^2026-04-01T12:00:\d\d\.\d{3}Z$/);
	});

	it('reads {balance_cents, currency}', async () => {
		const {c} = await setup({billing: {balance: '12.40', shape: 'cents'}});
		expect(await c.getBalance()).toEqual({balance: '12.40', lowThreshold: null, lowNotifiedAt: null, currency: 'USD'});
	});

	it('is null where the key may not read it or there is no such route (401, 403, 404), and other reads go on', async () => {
		const none = await setup();
		expect(await none.c.getBalance()).toBeNull();
		for (const status of [401, 403, 404] as const) {
			const {c} = await setup({billing: {balance: '1.00'}, denied: {balance: status}});
			expect(await c.getBalance()).toBeNull();
			expect((await c.getBatch('b_1')).id).toBe('b_1');
		}
	});

	it('other failures are errors, as for any read', async () => {
		const {c, sim} = await setup({billing: {balance: '1.00'}});
		sim.faults.always({kind: 'status', status: 503});
		await expect(c.getBalance()).rejects.toMatchObject({kind: 'server', status: 503});
	});
});

describe('normalizeBalance', () => {
	it('accepts numbers, strings and both shapes; amounts stay exact', () => {
		expect(normalizeBalance({balance: 12.4, low_balance_threshold: '5', low_balance_notified_at: null})).toEqual({
			balance: '12.4',
			lowThreshold: '5',
			lowNotifiedAt: null,
			currency: 'USD',
		});
		expect(normalizeBalance({balance: '0.000000001', currency: 'eur'})).toMatchObject({balance: '0.000000001', currency: 'EUR'});
		expect(normalizeBalance({balance: null})).toMatchObject({balance: null});
		expect(normalizeBalance({balance_cents: -35, currency: 'USD'})).toMatchObject({balance: '-0.35'});
		expect(normalizeBalance({balance_cents: '1240'})).toMatchObject({balance: '12.40', currency: 'USD'});
		expect(normalizeBalance({balance_cents: 'lots'})).toMatchObject({balance: null});
		expect(() => normalizeBalance({amount: 3})).toThrow('the server sent the balance in an unexpected shape');
		expect(() => normalizeBalance([])).toThrow('unexpected shape');
	});

	it('turns cents into a decimal exactly', () => {
		expect([5, 0, 100, 1240, -35, -0, 123_456_789, '1240.5', 1e21].map(centsToDecimal)).toEqual([
			'0.05',
			'0.00',
			'1.00',
			'12.40',
			'-0.35',
			'0.00',
			'1234567.89',
			'12.405',
			null,
		]);
	});
});

describe('rate-limit headers', () => {
	it('are read from every answer into lastRateLimit and onRateLimit, a 429 included', async () => {
		const seen: RateLimit[] = [];
		const {c, sim, setTime} = await setup({rateLimit: {limit: 3, windowMs: 10_000}}, {onRateLimit: (limit) => seen.push(limit), retries: 0});
		expect(c.lastRateLimit).toBeNull();
		setTime(4000);
		const before = Date.now();
		await c.getBatch('b_1');
		expect(c.lastRateLimit).toMatchObject({limit: 3, remaining: 2});
		expect(c.lastRateLimit!.resetAt! - c.lastRateLimit!.seenAt).toBe(6000);
		expect(c.lastRateLimit!.seenAt).toBeGreaterThanOrEqual(before);
		await c.getBalance(); // a 404 carries them too
		await c.listItems('b_1');
		await expect(c.getBatch('b_1')).rejects.toMatchObject({kind: 'rate_limited', retryAfterMs: 6000});
		expect(seen.map((s) => s.remaining)).toEqual([2, 1, 0, 0]);
		expect(c.lastRateLimit).toBe(seen.at(-1));
		expect(sim.stats.requests).toBe(4);
	});

	it('leave lastRateLimit null when the server sends none', async () => {
		const {c} = await setup();
		await c.getBatch('b_1');
		expect(c.lastRateLimit).toBeNull();
	});

	it('parseRateLimit: seconds from now or an epoch time, the IETF draft form, partial headers', () => {
		const now = 1_775_000_000_000;
		expect(parseRateLimit({'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '38', 'x-ratelimit-reset': '42'}, now)).toEqual({
			limit: 600,
			remaining: 38,
			resetAt: now + 42_000,
			seenAt: now,
		});
		expect(parseRateLimit({'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '38', 'x-ratelimit-reset': '1775000060'}, now)!.resetAt).toBe(
			1_775_000_060_000,
		);
		expect(parseRateLimit({'x-ratelimit-limit': '600, 600;w=60', 'x-ratelimit-remaining': '7'}, now)).toEqual({
			limit: 600,
			remaining: 7,
			resetAt: null,
			seenAt: now,
		});
		expect(parseRateLimit({'x-ratelimit-limit': '600'}, now)).toBeNull();
		expect(parseRateLimit({'x-ratelimit-limit': 'many', 'x-ratelimit-remaining': '1'}, now)).toBeNull();
		expect(parseRateLimit({}, now)).toBeNull();
	});
});
