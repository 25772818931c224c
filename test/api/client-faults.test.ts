// RunflowClient against the simulator's fault injection: what is retried, how each fault is
// reported, Retry-After, timeouts, resets and aborts.
import {describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {RunflowClient, type ClientOptions, type RetryInfo} from '../../source/api/client.js';
import {waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {rejection} from '../helpers/rejection.js';

closeSimulatorsAfterEach();

const ID = 'b_faults';

async function setup(options: Partial<ClientOptions> = {}) {
	const h = await controlledSim({batches: [batch(ID)]});
	const retries: RetryInfo[] = [];
	const c = new RunflowClient({
		baseUrl: h.sim.url,
		apiKey: h.sim.apiKey,
		retries: 2,
		maxRetryDelayMs: 20,
		timeoutMs: 2000,
		onRetry: (info) => retries.push(info),
		...options,
	});
	return {...h, c, retries};
}

const caught = async (promise: Promise<unknown>): Promise<ApiError> => rejection(promise, ApiError);

describe('retried faults', () => {
	for (const status of [500, 502, 503] as const) {
		it(`retries a ${status} once and succeeds`, async () => {
			const {sim, c, retries} = await setup();
			sim.faults.inject({kind: 'status', status});
			expect((await c.getBatch(ID)).id).toBe(ID);
			expect(sim.stats.requests).toBe(2);
			expect(retries).toHaveLength(1);
			expect(retries[0]).toMatchObject({attempt: 1, error: {kind: 'server', status}});
			expect(retries[0]!.message).toMatch(new RegExp(`^the server failed \\(${status}\\).*, retrying in 1 s$`));
			expect(retries[0]!.delayMs).toBeLessThanOrEqual(20);
		});
	}

	it('gives up on a 5xx after the retries, with kind server', async () => {
		const {sim, c, retries} = await setup();
		sim.faults.always({kind: 'status', status: 503});
		const error = await caught(c.getBatch(ID));
		expect(error).toMatchObject({kind: 'server', status: 503});
		expect(error.message).toMatch(/^the server failed \(503\)/);
		expect(error.retryable).toBe(true);
		expect(sim.stats.requests).toBe(3);
		expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
	});

	it('honours Retry-After on a 429', async () => {
		const {sim, c, retries} = await setup({maxRetryDelayMs: 3000});
		sim.faults.inject({kind: 'rate_limit', retryAfterSeconds: 1});
		const started = performance.now();
		expect((await c.getBatch(ID)).id).toBe(ID);
		expect(performance.now() - started).toBeGreaterThanOrEqual(900);
		expect(sim.stats.requests).toBe(2);
		expect(retries[0]).toMatchObject({delayMs: 1000, error: {kind: 'rate_limited', retryAfterMs: 1000}});
		expect(retries[0]!.message).toBe('rate limited (429): the server asked to wait 1 s, retrying in 1 s');
	});

	it('retries a 429 without Retry-After with its own backoff', async () => {
		const {sim, c, retries} = await setup();
		sim.faults.inject({kind: 'rate_limit'}, {count: 2});
		const started = performance.now();
		expect((await c.getBatch(ID)).id).toBe(ID);
		expect(performance.now() - started).toBeLessThan(800);
		expect(sim.stats.requests).toBe(3);
		expect(retries.map((r) => r.error.kind)).toEqual(['rate_limited', 'rate_limited']);
		expect(retries[0]!.error.retryAfterMs).toBeUndefined();
	});

	it('fails fast when Retry-After is longer than maxRetryDelayMs, with retryAfterMs set', async () => {
		const {sim, c, retries} = await setup({maxRetryDelayMs: 500, timeoutMs: 5000});
		sim.faults.inject({kind: 'rate_limit', retryAfterSeconds: 2});
		const started = performance.now();
		const error = await caught(c.getBatch(ID));
		expect(performance.now() - started).toBeLessThan(1000);
		expect(error).toMatchObject({kind: 'rate_limited', status: 429, retryAfterMs: 2000});
		expect(error.message).toBe('rate limited (429): the server asked to wait 2 s');
		expect(sim.stats.requests).toBe(1);
		expect(retries).toHaveLength(0);
	});

	it('retries a reset connection', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'reset'});
		expect((await c.getBatch(ID)).id).toBe(ID);
		expect(sim.stats.requests).toBe(2);
	});
});

describe('faults that end the call', () => {
	it('maps an HTML error page to bad_response', async () => {
		const {sim, c} = await setup({retries: 0});
		sim.faults.inject({kind: 'html', status: 502});
		const error = await caught(c.getBatch(ID));
		expect(error).toMatchObject({kind: 'bad_response', status: 502, message: 'the server answered with an HTML page (502)'});
		expect(error.retryable).toBe(true);
	});

	it('maps an HTML page with status 200 to bad_response', async () => {
		const {sim, c} = await setup({retries: 0});
		sim.faults.inject({kind: 'html', status: 200});
		const error = await caught(c.listItems(ID));
		expect(error).toMatchObject({kind: 'bad_response', message: 'the server answered with an HTML page (200)'});
	});

	it('retries an HTML 502 and succeeds', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'html', status: 502});
		expect((await c.getBatch(ID)).id).toBe(ID);
		expect(sim.stats.requests).toBe(2);
	});

	it('maps truncated JSON to bad_response', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'invalid_json'});
		const error = await caught(c.listItems(ID));
		expect(error).toMatchObject({kind: 'bad_response', status: 200});
		expect(error.message).toBe('the server sent invalid JSON (200)');
	});

	it('maps a revoked key (401 fault) to unauthorized, not retried', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'unauthorized'});
		const error = await caught(c.getBatch(ID));
		expect(error.kind).toBe('unauthorized');
		expect(sim.stats.requests).toBe(1);
	});

	it('times out a hanging request', async () => {
		const {sim, c} = await setup({timeoutMs: 300, retries: 0});
		sim.faults.inject({kind: 'hang'});
		const started = performance.now();
		const error = await caught(c.getBatch(ID));
		expect(performance.now() - started).toBeLessThan(2000);
		expect(error.kind).toBe('timeout');
		expect(error.message).toMatch(/^no answer from 127\.0\.0\.1:\d+ within 1 s$/);
		expect(sim.stats.requests).toBe(1);
	});

	it('maps a reset connection to network when retries run out', async () => {
		const {sim, c} = await setup({retries: 0});
		sim.faults.inject({kind: 'reset'});
		const error = await caught(c.getBatch(ID));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/^cannot reach 127\.0\.0\.1:\d+ \(ECONNRESET\)$/);
	});

	it('maps a refused connection to network', async () => {
		const {sim, c} = await setup({retries: 0});
		await sim.close();
		const error = await caught(c.getBatch(ID));
		expect(error.kind).toBe('network');
		expect(error.message).toContain('ECONNREFUSED');
	});

	it('aborts through the AbortSignal', async () => {
		const {sim, c} = await setup({retries: 0});
		sim.faults.inject({kind: 'hang'});
		const controller = new AbortController();
		const pending = caught(c.getBatch(ID, {}, {signal: controller.signal}));
		setTimeout(() => controller.abort(), 50);
		const error = await pending;
		expect(error.kind).toBe('aborted');
		expect(error.retryable).toBe(false);
	});

	it('aborts during a retry wait', async () => {
		const {sim, c, retries} = await setup({maxRetryDelayMs: 5000});
		sim.faults.always({kind: 'rate_limit', retryAfterSeconds: 3});
		const controller = new AbortController();
		const pending = caught(c.getBatch(ID, {}, {signal: controller.signal}));
		// The 429 came back: the client now waits 3 s before its retry.
		await waitFor(() => retries.length === 1);
		const aborted = performance.now();
		controller.abort();
		const error = await pending;
		expect(error.kind).toBe('aborted');
		expect(performance.now() - aborted).toBeLessThan(1500);
		expect(retries).toHaveLength(1);
	});
});
