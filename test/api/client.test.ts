// RunflowClient against the real simulator over loopback: headers, routes, list parameters,
// cursors of every style. Faults and their error mapping are in client-faults.test.ts.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {RunflowClient} from '../../source/api/client.js';
import type {BatchItem} from '../../source/api/types.js';
import type {CursorStyle} from '../../source/sim/cursor.js';
import {BASE_TIME, batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {rejection} from '../helpers/rejection.js';

closeSimulatorsAfterEach();

const ID = 'b_client';

function client(url: string, apiKey: string, extra: Partial<ConstructorParameters<typeof RunflowClient>[0]> = {}): RunflowClient {
	return new RunflowClient({baseUrl: url, apiKey, retries: 0, maxRetryDelayMs: 20, timeoutMs: 2000, ...extra});
}

const caught = async (promise: Promise<unknown>): Promise<ApiError> => rejection(promise, ApiError);

describe('auth and organization', () => {
	it('sends the key as a Bearer token and maps a rejected key to unauthorized, without leaking it', async () => {
		const {sim} = await controlledSim({batches: [batch(ID)]});
		const good = await client(sim.url, sim.apiKey).getBatch(ID);
		expect(good.id).toBe(ID);

		const secret = 'rf_live_Sup3rS3cretWrongKey';
		const error = await caught(client(sim.url, secret).getBatch(ID));
		expect(error.kind).toBe('unauthorized');
		expect(error.status).toBe(401);
		expect(error.message).toMatch(/^the API key was rejected \(401\)/);
		expect(error.isAuth).toBe(true);
		for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? '']) {
			expect(text).not.toContain(secret);
		}
	});

	it('sends X-Organization-Id: the right org reads, another org is forbidden', async () => {
		const {sim} = await controlledSim({batches: [batch(ID)], orgId: 'org_right'});
		expect((await client(sim.url, sim.apiKey, {orgId: 'org_right'}).getBatch(ID)).id).toBe(ID);
		const error = await caught(client(sim.url, sim.apiKey, {orgId: 'org_other'}).getBatch(ID));
		expect(error.kind).toBe('forbidden');
		expect(error.status).toBe(403);
		expect(error.code).toBe('ORGANIZATION_MEMBERSHIP_REQUIRED');
		expect(error.message).toContain('batch b_client');
	});
});

describe('routes', () => {
	it('getBatch normalizes the batch and its lean items', async () => {
		const h = await controlledSim({batches: [batch(ID, {items: 12, durationMs: 10_000})]});
		const c = client(h.sim.url, h.sim.apiKey);
		const queued = await c.getBatch(ID);
		expect(queued).toMatchObject({id: ID, status_code: 'running', items_total: 12, items_succeeded: 0, cost: '0.00'});
		expect(queued.items).toHaveLength(12);
		expect(queued.items?.every((i) => i.status_code === 'queued' && i.run_id === null)).toBe(true);
		h.setTime(20_000);
		const done = await c.getBatch(ID);
		expect(done.status_code).toBe('succeeded');
		expect(done.items_succeeded).toBe(12);
		expect(done.cost).toMatch(/^\d+\.\d+$/);
		expect(done.items?.every((i) => i.run_id !== null)).toBe(true);
	});

	it('keeps no input, output or embedded log lines of an item: they are never shown and may be huge', async () => {
		const big = 'x'.repeat(200_000);
		const row = (i: number) => ({
			id: `bi_${i}`,
			sequence_index: i,
			run_id: `r_${i}`,
			status_code: 'succeeded',
			client_ref: `ref-${i}`,
			cost: '0.01',
			input: {prompt: big},
			output: {text: big},
			run: {
				id: `r_${i}`,
				status_code: 'succeeded',
				has_logs: true,
				logs: [{id: 'l1', run_id: `r_${i}`, level_code: 'info', message: big, timestamp: '2026-11-28T09:00:00Z'}],
			},
		});
		const server = createServer((request, response) => {
			response.setHeader('content-type', 'application/json');
			response.end(request.url?.includes('/items/') ? JSON.stringify(row(7)) : JSON.stringify({items: [row(0), row(1)], next: null, previous: null}));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const {port} = server.address() as AddressInfo;
			const c = client(`http://127.0.0.1:${port}`, 'rf_test');
			const page = await c.listItems(ID, {embed: 'run'});
			const one = await c.getItem(ID, 'bi_7', {embed: 'run'});
			for (const item of [...page.items, one]) {
				expect(item).toMatchObject({status_code: 'succeeded', client_ref: expect.stringMatching(/^ref-/), run: {has_logs: true}});
				expect(item.input).toBeUndefined();
				expect(item.output).toBeUndefined();
				expect(item.run?.logs).toBeUndefined();
				expect(JSON.stringify(item).length).toBeLessThan(1000);
			}
		} finally {
			server.close();
		}
	});

	it('listItems passes limit, sort_by, fields, embed and q through', async () => {
		const h = await controlledSim({batches: [batch(ID, {items: 30, failureRate: 0.4, seed: 3})]});
		h.setTime(20_000);
		const c = client(h.sim.url, h.sim.apiKey);

		const limited = await c.listItems(ID, {limit: 7});
		expect(limited.items.map((i) => i.sequence_index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(limited.next).not.toBeNull();
		expect(limited.items[0]?.run).toBeNull();

		const desc = await c.listItems(ID, {limit: 3, sort_by: 'sequence_index:desc'});
		expect(desc.items.map((i) => i.sequence_index)).toEqual([29, 28, 27]);

		const projected = await c.listItems(ID, {limit: 2, fields: 'id,status_code'});
		expect(projected.items[0]?.id).toMatch(/^bi_/);
		expect(projected.items[0]?.client_ref).toBeNull();
		expect(projected.items[0]?.status_code).toBeTruthy();

		const embedded = await c.listItems(ID, {limit: 2, embed: 'run'});
		expect(embedded.items[0]?.run).toMatchObject({id: embedded.items[0]?.run_id, has_logs: true});

		const failed = await c.listItems(ID, {limit: 500, q: 'status_code:failed OR status_code:errored'});
		expect(failed.items.length).toBeGreaterThan(0);
		expect(failed.items.every((i) => ['failed', 'errored'].includes(i.status_code))).toBe(true);
		const all = await c.getBatch(ID);
		expect(failed.items.length).toBe(all.items_failed);
	});

	it('getItem, getRun, listRunLogs and listNodeRuns read one run', async () => {
		const h = await controlledSim({batches: [batch(ID)]});
		h.setTime(20_000);
		const c = client(h.sim.url, h.sim.apiKey);
		const [first] = (await c.listItems(ID, {limit: 1})).items;
		const item = await c.getItem(ID, first!.id, {embed: 'run'});
		expect(item.run?.id).toBe(first!.run_id);
		const run = await c.getRun(first!.run_id!);
		expect(run.id).toBe(first!.run_id);
		const logs = await c.listRunLogs(run.id, {limit: 4});
		expect(logs.items).toHaveLength(4);
		expect(logs.items[0]).toMatchObject({run_id: run.id, level_code: 'info'});
		const nodes = await c.listNodeRuns(run.id);
		expect(nodes.items.length).toBeGreaterThanOrEqual(2);
	});

	it('maps a missing batch to not_found and a bad limit to invalid_request, without retrying', async () => {
		const {sim} = await controlledSim({batches: [batch(ID)]});
		const c = client(sim.url, sim.apiKey, {retries: 3});
		const missing = await caught(c.getBatch('b_nope'));
		expect(missing.kind).toBe('not_found');
		expect(missing.message).toMatch(/^batch b_nope not found/);
		expect(sim.stats.requests).toBe(1);

		sim.stats.reset();
		const invalid = await caught(c.listItems(ID, {limit: 501}));
		expect(invalid.kind).toBe('invalid_request');
		expect(invalid.status).toBe(422);
		expect(invalid.message).toContain('limit');
		expect(invalid.retryable).toBe(false);
		expect(sim.stats.requests).toBe(1);
	});
});

describe('error bodies', () => {
	for (const errorStyle of ['standard', 'nested', 'detail'] as const) {
		it(`reads the server's message from a ${errorStyle} error body, once`, async () => {
			const {sim} = await controlledSim({batches: [batch(ID)], errorStyle});
			const c = client(sim.url, sim.apiKey);
			const invalid = await caught(c.listItems(ID, {limit: 0}));
			expect(invalid.message).toBe('the server refused the request (422): limit must be an integer between 1 and 500');
			expect(invalid.code).toBe(errorStyle === 'detail' ? undefined : 'VALIDATION_ERROR');
			const cursor = await caught(c.listItems(ID, {pq: 'garbage!!'}));
			expect(cursor.message).toBe('the server refused the request (422): Malformed cursor');
			expect((await caught(c.getBatch('b_other'))).message).toBe('batch b_other not found (404): check the id');
		});
	}
});

type Walk = {style: CursorStyle; legacy: boolean};
const WALKS: Walk[] = [
	{style: 'token', legacy: false},
	{style: 'path', legacy: false},
	{style: 'url', legacy: false},
	{style: 'token', legacy: true},
	{style: 'url', legacy: true},
];

describe('cursors', () => {
	for (const {style, legacy} of WALKS) {
		it(`pages forward with next and back with previous (${style}${legacy ? ', next_pq/prev_pq' : ''})`, async () => {
			const h = await controlledSim({batches: [batch(ID, {items: 23})], cursorStyle: style, legacyCursorNames: legacy});
			h.setTime(20_000);
			const c = client(h.sim.url, h.sim.apiKey);
			const ids = (items: BatchItem[]) => items.map((i) => i.sequence_index);
			const everything = Array.from({length: 23}, (_, i) => i);

			const forward: number[] = [];
			const starts: (string | null)[] = [null];
			let page = await c.listItems(ID, {limit: 5, fields: 'id,sequence_index,status_code'});
			expect(page.previous).toBeNull();
			forward.push(...ids(page.items));
			while (page.next) {
				if (style !== 'token') expect(page.next).toMatch(style === 'url' ? /^http:\/\/127\.0\.0\.1:/ : /^\/v1\//);
				starts.push(page.next);
				page = await c.listItems(ID, {limit: 5, pq: page.next});
				forward.push(...ids(page.items));
			}
			expect(forward).toEqual(everything);
			expect(starts).toHaveLength(5);

			// Back from the last page with `previous`.
			const backward: number[] = [...ids(page.items)];
			let back = page;
			while (back.previous) {
				back = await c.listItems(ID, {limit: 5, pq: back.previous});
				backward.unshift(...ids(back.items));
			}
			expect(backward).toEqual(everything);

			// With from_prev, the cursor that starts a page gives the page before it.
			const viaFromPrev: number[] = [...ids(page.items)];
			for (const start of starts.slice(1).reverse()) {
				back = await c.listItems(ID, {limit: 5, pq: start, from_prev: true});
				viaFromPrev.unshift(...ids(back.items));
			}
			expect(viaFromPrev).toEqual(everything);
		});
	}

	it('refuses a cursor for another host without sending a request', async () => {
		const {sim} = await controlledSim({batches: [batch(ID)], cursorStyle: 'url'});
		const c = client(sim.url, sim.apiKey);
		const first = await c.listItems(ID, {limit: 5});
		sim.stats.reset();
		const elsewhere = [
			first.next!.replace('127.0.0.1', 'evil.example'),
			first.next!.replace(`:${sim.port}`, `:${sim.port + 1}`),
			`//evil.example/v1/batches/${ID}/items?pq=x`,
			`http://127.0.0.1:${sim.port}@evil.example/v1/batches/${ID}/items`,
		];
		for (const pq of elsewhere) {
			const error = await caught(c.listItems(ID, {pq}));
			expect(error.kind).toBe('bad_response');
			expect(error.message).toContain('another host');
			expect(error.message).not.toContain(sim.apiKey);
		}
		expect(sim.stats.requests).toBe(0);
	});
});

describe("the server's clock", () => {
	it('is read from the Date header of its answers, whatever the local clock says', async () => {
		const h = await controlledSim({batches: [batch(ID)]});
		h.setTime(90_500); // the simulator's clock: BASE_TIME + 90.5 s, far from the local one
		const c = client(h.sim.url, h.sim.apiKey);
		expect(c.serverNow()).toBeNull();
		await c.getBatch(ID);
		await c.getBatch(ID);
		// Within the header's 1 s resolution.
		expect(Math.abs(c.serverNow()! - (BASE_TIME + 90_500))).toBeLessThan(1000);
	});
});
