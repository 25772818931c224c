// The simulator's write and money routes over HTTP: creating a batch (idempotency, refusals, a
// lost answer), the balance in both shapes and credit running out, and the rate-limit headers.
import {describe, expect, it} from 'vitest';
import type {SimOptions} from '../source/sim/server.js';
import {batch, closeSimulatorsAfterEach, controlledSim, type SimHarness} from './helpers/sim.js';

closeSimulatorsAfterEach();

const CREATE = '/v1/models/demo/vision-large/batches';
const TERMINAL = new Set(['succeeded', 'partial_succeeded', 'failed', 'errored', 'canceled', 'cancelled']);

interface Answer<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

async function call<T = any>(h: SimHarness, path: string, init: RequestInit = {}): Promise<Answer<T>> {
	const response = await fetch(h.sim.url + path, {
		...init,
		headers: {authorization: `Bearer ${h.sim.apiKey}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>)},
	});
	const text = await response.text();
	return {status: response.status, body: (text === '' ? null : JSON.parse(text)) as T, headers: response.headers};
}

const post = async (h: SimHarness, body: unknown, key?: string, path = CREATE) =>
	call(h, path, {method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: key ? {'idempotency-key': key} : {}});

const inputs = (n: number, from = 0) =>
	Array.from({length: n}, (_, i) => ({image: `https://x.example/${from + i}.pdf`, pages: i % 3, client_ref: `ref-${from + i}`}));

async function sim(options: SimOptions = {}): Promise<SimHarness> {
	return controlledSim({batches: [batch('b_seed', {items: 10, durationMs: 10_000, failureRate: 0.3})], ...options});
}

describe('POST /v1/models/{owner}/{slug}/batches', () => {
	it('creates a queued batch of the inputs, which then runs to its end with those inputs', async () => {
		const h = await sim({models: [{owner: 'demo', slug: 'vision-large', run: {durationMs: 20_000, startDelayMs: 1000}}]});
		h.setTime(5000);
		const created = await post(h, {input: inputs(3), metadata: {resubmitted_from: 'b_seed'}, callback_url: 'https://hooks.example/done'}, 'k1');
		expect(created.status).toBe(201);
		const id = created.body.id as string;
		expect(created.headers.get('location')).toBe(`/v1/batches/${id}`);
		expect(created.body).toMatchObject({
			status_code: 'queued',
			items_total: 3,
			items_succeeded: 0,
			items_failed: 0,
			items_cancelled: 0,
			cost: null,
			metadata: {resubmitted_from: 'b_seed'},
			target_type: 'model',
			callback_url: 'https://hooks.example/done',
		});
		expect(created.body.target_id).toMatch(/^mdl_/);
		expect(created.body.items.map((i: any) => [i.sequence_index, i.client_ref, i.status_code, i.run_id])).toEqual([
			[0, 'ref-0', 'queued', null],
			[1, 'ref-1', 'queued', null],
			[2, 'ref-2', 'queued', null],
		]);
		expect(h.sim.created).toEqual([id]);
		// The same batch as GET /v1/batches/{id} shows it, and every route knows it.
		const got = await call(h, `/v1/batches/${id}`);
		expect(got.body).toEqual(created.body);
		const stripped = inputs(3).map(({client_ref: _, ...rest}) => rest);
		const list = await call(h, `/v1/batches/${id}/items?fields=id,client_ref,input`);
		expect(list.body.items.map((i: any) => i.input)).toEqual(stripped);
		expect(list.body.items.map((i: any) => Object.keys(i).sort())).toEqual(Array.from({length: 3}, () => ['client_ref', 'id', 'input']));
		const one = await call(h, `/v1/batches/${id}/items/${list.body.items[1].id as string}?fields=input,client_ref`);
		expect(one.body).toEqual({input: stripped[1], client_ref: 'ref-1'});
		h.setTime(5000 + 21_000);
		const done = await call(h, `/v1/batches/${id}`);
		expect(TERMINAL.has(done.body.status_code as string)).toBe(true);
		const runs = await call(h, `/v1/batches/${id}/items?embed=run`);
		expect(runs.body.items.every((i: any) => i.run_id && TERMINAL.has(i.run.status_code as string))).toBe(true);
		expect((await call(h, `/v1/runs/${runs.body.items[0].run_id as string}/logs`)).status).toBe(200);
		expect(h.sim.stats.byRoute['POST /v1/models/:owner/:slug/batches']?.requests).toBe(1);
	});

	it('replays the first 201 for the same key and body, 409 for another body; other keys create', async () => {
		const h = await sim();
		const first = await post(h, {input: inputs(2)}, 'same-key');
		h.setTime(3000); // the replay is the first answer, not the batch as it is now
		const again = await post(h, JSON.stringify({input: inputs(2)}, null, 2), 'same-key');
		expect(again.status).toBe(201);
		expect(again.body).toEqual(first.body);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(h.sim.created).toHaveLength(1);
		const conflict = await post(h, {input: inputs(3)}, 'same-key');
		expect(conflict).toMatchObject({status: 409, body: {code: 'CONFLICT'}});
		expect(h.sim.created).toHaveLength(1);
		expect((await post(h, {input: inputs(2)}, 'another-key')).status).toBe(201);
		expect((await post(h, {input: inputs(2)})).status).toBe(201);
		expect((await post(h, {input: inputs(2)})).status).toBe(201);
		expect(new Set(h.sim.created).size).toBe(4);
	});

	it('refuses bad bodies with 422, an unknown model with 404, other methods with 405', async () => {
		const h = await sim({
			models: [
				{owner: 'demo', slug: 'vision-large'},
				{owner: 'demo', slug: 'chat', batches: false},
			],
		});
		const refusals: Array<[unknown, string]> = [
			[{input: inputs(101)}, 'input'],
			[{input: []}, 'input'],
			[{inputs: inputs(1)}, 'input'],
			[{input: [1]}, 'input[0]'],
			[{input: [{a: 1}, {client_ref: 'x'.repeat(256)}]}, 'input[1].client_ref'],
			[{input: inputs(1), metadata: 'x'}, 'metadata'],
			[{input: inputs(1), callback_url: 'x'.repeat(2049)}, 'callback_url'],
			['{"input": [', 'body'],
			[[], 'body'],
		];
		for (const [body, field] of refusals) {
			const answer = await post(h, body, `k-${field}`);
			expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(422);
			expect(answer.body.errors[0].field).toBe(field);
		}

		expect((await post(h, {input: inputs(100)})).status).toBe(201);
		const unsupported = await post(h, {input: inputs(1)}, undefined, '/v1/models/demo/chat/batches');
		expect(unsupported).toMatchObject({status: 422, body: {code: 'BATCH_NOT_SUPPORTED'}});
		const unknown = await post(h, {input: inputs(1)}, undefined, '/v1/models/acme/nope/batches');
		expect(unknown).toMatchObject({status: 404, body: {code: 'MODEL_NOT_FOUND', message: 'Model acme/nope not found'}});
		const get = await call(h, CREATE);
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
		expect(h.sim.created).toHaveLength(1);
	});

	for (const status of [401, 403] as const) {
		it(`answers ${status} to a key that may not create batches, and reads still work`, async () => {
			const h = await sim({denied: {createBatch: status}});
			const answer = await post(h, {input: inputs(1)}, 'k');
			expect(answer).toMatchObject({status, body: {code: status === 401 ? 'UNAUTHORIZED' : 'PERMISSION_DENIED'}});
			expect((await call(h, '/v1/batches/b_seed')).status).toBe(200);
			expect(h.sim.created).toHaveLength(0);
		});
	}

	it('a lost answer: the batch is created, the connection dropped; the same key then replays it', async () => {
		const h = await sim();
		h.sim.faults.inject({kind: 'lost_answer'}, {route: '/batches'});
		await expect(post(h, {input: inputs(2)}, 'lost')).rejects.toThrow();
		expect(h.sim.created).toHaveLength(1);
		const retry = await post(h, {input: inputs(2)}, 'lost');
		expect(retry.status).toBe(201);
		expect(retry.body.id).toBe(h.sim.created[0]);
		expect(h.sim.created).toHaveLength(1);
	});
});

describe('GET /v1/billing/balance', () => {
	const seedCost = async (h: SimHarness): Promise<number> => {
		const {body} = await call(h, '/v1/batches/b_seed/items?fields=cost');
		return body.items.reduce((sum: number, i: any) => sum + (i.cost === null ? 0 : Math.round(Number(i.cost) * 1e6)), 0);
	};

	it('answers {balance, low_balance_threshold, low_balance_notified_at}, falling as items finish', async () => {
		const h = await sim({billing: {balance: '12.40', lowThreshold: '12.39'}});
		expect((await call(h, '/v1/billing/balance')).body).toEqual({balance: '12.40', low_balance_threshold: '12.39', low_balance_notified_at: null});
		for (const t of [4000, 7000, 11_000]) {
			h.setTime(t);
			const spent = await seedCost(h);
			expect(spent).toBeGreaterThan(0);
			const {body} = await call(h, '/v1/billing/balance');
			expect(Math.round(Number(body.balance) * 1e6)).toBe(12_400_000 - spent);
			expect(body.low_balance_notified_at).toMatch(/^2026-04-01T12:00:\d\d\.\d{3}Z$/);
		}

		expect(h.sim.stats.byRoute['GET /v1/billing/balance']?.requests).toBe(4);
	});

	it('answers {balance_cents, currency} when so configured', async () => {
		const h = await sim({billing: {balance: '12.40', shape: 'cents'}});
		expect((await call(h, '/v1/billing/balance')).body).toEqual({balance_cents: 1240, currency: 'usd'});
		h.setTime(11_000);
		expect((await call(h, '/v1/billing/balance')).body.balance_cents).toBe(Math.round((12_400_000 - (await seedCost(h))) / 10_000));
	});

	it('when credit runs out, queued items stay queued, running ones finish, and a create answers 402', async () => {
		const h = await sim({billing: {balance: '0.10'}});
		h.setTime(60_000);
		const {body} = await call(h, '/v1/batches/b_seed/items?embed=run');
		const statuses = body.items.map((i: any) => i.status_code as string);
		expect(statuses).toContain('queued');
		expect(statuses.some((s: string) => TERMINAL.has(s))).toBe(true);
		expect(statuses.every((s: string) => s === 'queued' || TERMINAL.has(s))).toBe(true); // in-flight ones finished
		const balance = Number((await call(h, '/v1/billing/balance')).body.balance);
		expect(balance).toBeLessThanOrEqual(0);
		expect(Math.round(balance * 1e6)).toBe(100_000 - (await seedCost(h)));
		const seed = (await call(h, '/v1/batches/b_seed')).body;
		expect(seed.status_code).toBe('running');
		h.setTime(600_000);
		expect((await call(h, '/v1/batches/b_seed')).body).toEqual({...seed, duration_ms: 600_000});
		expect(await post(h, {input: inputs(1)}, 'k')).toMatchObject({status: 402, body: {code: 'INSUFFICIENT_CREDIT'}});
		expect(h.sim.created).toHaveLength(0);
	});

	it('a created batch is billed, and stops when credit runs out', async () => {
		const h = await sim({billing: {balance: '0.05'}, batches: [], models: [{owner: 'demo', slug: 'vision-large', run: {durationMs: 30_000}}]});
		const created = await post(h, {input: inputs(40)}, 'k');
		expect(created.status).toBe(201);
		h.setTime(120_000);
		const id = created.body.id as string;
		const batchNow = (await call(h, `/v1/batches/${id}`)).body;
		expect(batchNow.status_code).toBe('running');
		expect(batchNow.items.filter((i: any) => i.status_code === 'queued').length).toBeGreaterThan(0);
		expect(Math.round(Number((await call(h, '/v1/billing/balance')).body.balance) * 1e6)).toBe(50_000 - Math.round(Number(batchNow.cost) * 1e6));
	});

	it('is 404 without billing; 401, 403 or 404 for a key that may not read it', async () => {
		expect(await call(await sim(), '/v1/billing/balance')).toMatchObject({status: 404, body: {code: 'NOT_FOUND'}});
		for (const status of [401, 403, 404] as const) {
			const h = await sim({billing: {balance: '1.00'}, denied: {balance: status}});
			expect((await call(h, '/v1/billing/balance')).status).toBe(status);
			expect((await call(h, '/v1/batches/b_seed')).status).toBe(200);
		}
	});
});

describe('rate-limit headers', () => {
	it('are off by default', async () => {
		const h = await sim();
		expect((await call(h, '/v1/batches/b_seed')).headers.get('x-ratelimit-limit')).toBeNull();
	});

	it('count requests per window, on every answer, and 429 with Retry-After past the limit', async () => {
		const h = await sim({rateLimit: {limit: 3, windowMs: 10_000}});
		h.setTime(2500);
		const seen: Array<[number, string | null, string | null, string | null]> = [];
		for (const path of ['/v1/batches/b_seed', '/v1/billing/balance', '/v1/batches/b_seed/items', '/v1/batches/b_seed']) {
			const {status, headers} = await call(h, path);
			seen.push([status, headers.get('x-ratelimit-limit'), headers.get('x-ratelimit-remaining'), headers.get('x-ratelimit-reset')]);
		}

		expect(seen).toEqual([
			[200, '3', '2', '8'],
			[404, '3', '1', '8'],
			[200, '3', '0', '8'],
			[429, '3', '0', '8'],
		]);
		const refused = await call(h, '/v1/batches/b_seed');
		expect(refused).toMatchObject({status: 429, body: {code: 'RATE_LIMITED'}});
		expect(refused.headers.get('retry-after')).toBe('8');
		h.setTime(10_000);
		const next = await call(h, '/v1/batches/b_seed');
		expect([next.status, next.headers.get('x-ratelimit-remaining'), next.headers.get('x-ratelimit-reset')]).toEqual([200, '2', '10']);
	});

	it('can limit without sending the headers', async () => {
		const h = await sim({rateLimit: {limit: 1, headers: false}});
		expect((await call(h, '/v1/batches/b_seed')).headers.get('x-ratelimit-remaining')).toBeNull();
		const refused = await call(h, '/v1/batches/b_seed');
		expect(refused.status).toBe(429);
		expect(refused.headers.get('x-ratelimit-remaining')).toBeNull();
		expect(refused.headers.get('retry-after')).toBe('60');
	});
});
