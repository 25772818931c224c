// RunflowClient.createBatch against the simulator's create route: the created batch, the
// Idempotency-Key (replays, 409, one batch after a lost answer), and every refusal in words.
import {describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient, type ClientOptions, type RetryInfo} from '../../source/api/client.js';
import {CreateBatchError, parseModelRef, type CreateBatchBody} from '../../source/api/writes.js';
import type {SimOptions} from '../../source/sim/server.js';
import {idempotencyKeyFor} from '../../source/lib/idempotency.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {rejection} from '../helpers/rejection.js';

closeSimulatorsAfterEach();

const MODEL = {owner: 'demo', slug: 'vision-large'};
const ROUTE = 'POST /v1/models/:owner/:slug/batches';

const body = (n: number, from = 0): CreateBatchBody => ({
	input: Array.from({length: n}, (_, i) => ({image: `https://x.example/${from + i}.pdf`, client_ref: `ref-${from + i}`})),
	metadata: {resubmitted_from: 'b_src'},
});

async function setup(sim: SimOptions = {}, client: Partial<ClientOptions> = {}) {
	const h = await controlledSim({batches: [batch('b_src')], ...sim});
	const retries: RetryInfo[] = [];
	const c = new RunflowClient({
		baseUrl: h.sim.url,
		apiKey: h.sim.apiKey,
		retries: 2,
		maxRetryDelayMs: 20,
		timeoutMs: 2000,
		onRetry: (r) => retries.push(r),
		...client,
	});
	const creates = () => h.sim.stats.byRoute[ROUTE]?.requests ?? 0;
	return {...h, c, retries, creates};
}

const failure = async (promise: Promise<unknown>): Promise<CreateBatchError> => rejection(promise, CreateBatchError);

describe('createBatch', () => {
	it('gives the created batch, normalized as getBatch gives it', async () => {
		const {c, sim} = await setup();
		const created = await c.createBatch(MODEL, body(3), {idempotencyKey: 'k1'});
		expect(created).toMatchObject({status_code: 'queued', items_total: 3, items_succeeded: 0, cost: null, metadata: {resubmitted_from: 'b_src'}});
		expect(created.target_id).toMatch(/^mdl_/);
		expect(created.items?.map((i) => [i.client_ref, i.status_code])).toEqual([
			['ref-0', 'queued'],
			['ref-1', 'queued'],
			['ref-2', 'queued'],
		]);
		expect(sim.created).toEqual([created.id]);
		expect(await c.getBatch(created.id)).toEqual(created);
	});

	it('the same key and body again: the same batch, created once; another body with that key: 409 in words', async () => {
		const {c, sim} = await setup();
		const key = idempotencyKeyFor('b_src', ['bi_2', 'bi_1']);
		const first = await c.createBatch(MODEL, body(2), {idempotencyKey: key});
		const again = await c.createBatch(MODEL, body(2), {idempotencyKey: idempotencyKeyFor('b_src', ['bi_1', 'bi_2'])});
		expect(again.id).toBe(first.id);
		expect(sim.created).toHaveLength(1);
		const conflict = await failure(c.createBatch(MODEL, body(3), {idempotencyKey: key}));
		expect(conflict).toMatchObject({failure: 'conflict', mayHaveCreated: false, status: 409, code: 'CONFLICT'});
		expect(conflict.message).toBe(
			'the server already took this Idempotency-Key for a different batch (409 CONFLICT): nothing new was created; ' +
				'these items may have been resubmitted before',
		);
		expect(sim.created).toHaveLength(1);
	});

	it('a lost answer is tried again with the same key: one batch, and its id', async () => {
		const {c, sim, retries, creates} = await setup();
		sim.faults.inject({kind: 'lost_answer'}, {route: '/batches'});
		const created = await c.createBatch(MODEL, body(2), {idempotencyKey: 'lost-1'});
		expect(creates()).toBe(2);
		expect(retries).toHaveLength(1);
		expect(retries[0]!.error.kind).toBe('network');
		expect(sim.created).toEqual([created.id]);
	});

	it("reads are still retried after a create (the create's retry rule is its own)", async () => {
		const {c, sim} = await setup();
		await c.createBatch(MODEL, body(1), {idempotencyKey: 'k'});
		sim.faults.inject({kind: 'status', status: 503});
		expect((await c.getBatch('b_src')).id).toBe('b_src');
		sim.faults.inject({kind: 'status', status: 503}, {route: '/batches'});
		expect((await c.createBatch(MODEL, body(1), {idempotencyKey: 'k2'})).id).toBe(sim.created[1]);
	});

	it('a 503 and a 429 are tried again within the budget; every attempt waits its turn', async () => {
		const budget = new RequestBudget({ratePerSecond: 50});
		const {c, sim, creates} = await setup({}, {budget});
		sim.faults.inject({kind: 'status', status: 503}, {route: '/batches'});
		sim.faults.inject({kind: 'rate_limit'}, {route: '/batches'});
		const created = await c.createBatch(MODEL, body(1), {idempotencyKey: 'k'});
		expect(creates()).toBe(3);
		expect(budget.granted).toBe(3);
		expect(sim.created).toEqual([created.id]);
	});

	it('answers lost every time: a failure that says the batch may exist, and the same key then gives it back', async () => {
		const {c, sim, creates} = await setup();
		sim.faults.always({kind: 'lost_answer'}, {route: '/batches'});
		const error = await failure(c.createBatch(MODEL, body(2), {idempotencyKey: 'k'}));
		expect(error).toMatchObject({failure: 'unknown_outcome', mayHaveCreated: true, kind: 'network'});
		expect(error.message).toMatch(
			/^the create for demo\/vision-large got no usable answer \(cannot reach 127\.0\.0\.1:\d+ \(ECONNRESET\)\): it may have been created; trying again with the same key cannot create it twice$/,
		);
		expect(creates()).toBe(3);
		expect(sim.created).toHaveLength(1);
		sim.faults.clear();
		expect((await c.createBatch(MODEL, body(2), {idempotencyKey: 'k'})).id).toBe(sim.created[0]);
		expect(sim.created).toHaveLength(1);
	});

	it('402, 404 and 422 say what happened, and are not tried again', async () => {
		const models = [MODEL, {owner: 'demo', slug: 'chat', batches: false}];
		const broke = await setup({billing: {balance: '0'}, models});
		const credit = await failure(broke.c.createBatch(MODEL, body(1), {idempotencyKey: 'k'}));
		expect(credit).toMatchObject({failure: 'insufficient_credit', mayHaveCreated: false, status: 402});
		expect(credit.message).toBe(
			"the organization's balance cannot pay for new runs (402 INSUFFICIENT_CREDIT): nothing was created; add credit, then try again",
		);
		expect(broke.creates()).toBe(1);

		const {c, sim, creates} = await setup({models});
		const unknown = await failure(c.createBatch({owner: 'acme', slug: 'nope'}, body(1), {idempotencyKey: 'k'}));
		expect(unknown).toMatchObject({failure: 'unknown_model', status: 404, mayHaveCreated: false});
		expect(unknown.message).toBe('model acme/nope not found (404): nothing was created; check the model given as owner/slug');
		const tooMany = await failure(c.createBatch(MODEL, body(101), {idempotencyKey: 'k'}));
		expect(tooMany).toMatchObject({failure: 'rejected', status: 422, field: 'input', mayHaveCreated: false});
		expect(tooMany.message).toBe('the server refused the batch for demo/vision-large (422: input must hold 1 to 100 items, not 101): nothing was created');
		const unsupported = await failure(c.createBatch({owner: 'demo', slug: 'chat'}, body(1), {idempotencyKey: 'k'}));
		expect(unsupported.message).toBe('the server refused the batch for demo/chat (422: Model demo/chat does not support batches): nothing was created');
		expect(creates()).toBe(3);
		expect(sim.created).toHaveLength(0);
	});

	for (const status of [401, 403] as const) {
		it(`a key without the right (${status}) is said so, nothing created`, async () => {
			const {c, sim} = await setup({denied: {createBatch: status}});
			const error = await failure(c.createBatch(MODEL, body(1), {idempotencyKey: 'k'}));
			expect(error).toMatchObject({failure: status === 401 ? 'unauthorized' : 'forbidden', status, mayHaveCreated: false});
			expect(error.message).toBe(
				status === 401
					? 'the API key was rejected (401): nothing was created; check RUNFLOW_API_KEY or --api-key'
					: "the API key may not create batches for demo/vision-large (403 PERMISSION_DENIED): nothing was created; check the key's rights and --org",
			);
			expect(error.message).not.toContain(sim.apiKey);
			expect(sim.created).toHaveLength(0);
		});
	}

	it('refuses a model that is not owner/slug and an empty key before sending anything', async () => {
		const {c, creates} = await setup();
		await expect(c.createBatch({owner: 'a/b', slug: 'c'}, body(1), {idempotencyKey: 'k'})).rejects.toMatchObject({
			failure: 'rejected',
			mayHaveCreated: false,
		});
		await expect(c.createBatch(MODEL, body(1), {idempotencyKey: ' '})).rejects.toMatchObject({failure: 'rejected', mayHaveCreated: false});
		expect(creates()).toBe(0);
	});

	it('an abort says the batch may exist', async () => {
		const {c, sim} = await setup();
		sim.faults.inject({kind: 'hang'}, {route: '/batches'});
		const controller = new AbortController();
		const pending = failure(c.createBatch(MODEL, body(1), {idempotencyKey: 'k', signal: controller.signal}));
		controller.abort();
		expect(await pending).toMatchObject({failure: 'aborted', mayHaveCreated: true});
	});
});

describe('parseModelRef', () => {
	it('reads owner/slug and nothing else', () => {
		expect(parseModelRef('demo/vision-large')).toEqual(MODEL);
		expect(parseModelRef(' acme.ai/v2_large ')).toEqual({owner: 'acme.ai', slug: 'v2_large'});
		for (const bad of ['', 'demo', 'demo/', '/x', 'a/b/c', 'a b/c', 'a/\u001B[31m']) expect(parseModelRef(bad)).toBeNull();
	});
});
