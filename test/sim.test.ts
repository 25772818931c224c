import {afterEach, describe, expect, it} from 'vitest';
import type {Batch, BatchItem, LogLine, NodeRun, Page, Run} from '../source/api/types.js';
import {DEMO_API_KEY, DEMO_BATCH_ID, demoBatchSpec} from '../source/sim/demo.js';
import {BIG_LOG_LINE_CHARS, HOSTILE_STRINGS} from '../source/sim/hostile.js';
import {startSimulator, type SimOptions, type Simulator} from '../source/sim/server.js';
import {waitFor} from './helpers/app.js';

const BASE = Date.UTC(2026, 3, 1, 12, 0, 0);
const open: Simulator[] = [];

afterEach(async () => {
	await Promise.all(open.splice(0).map(async (sim) => sim.close()));
});

interface Harness {
	sim: Simulator;
	setTime: (ms: number) => void;
	/** fetch with the API key (headers in init are added to it). */
	raw: (path: string, init?: RequestInit) => Promise<Response>;
	get: <T = any>(path: string, init?: RequestInit) => Promise<{status: number; body: T}>;
}

async function harness(options: SimOptions = {}): Promise<Harness> {
	let t = 0;
	const sim = await startSimulator({clock: () => BASE + t, ...options});
	open.push(sim);
	const raw = async (path: string, init: RequestInit = {}) =>
		fetch(path.startsWith('http') ? path : sim.url + path, {
			...init,
			headers: {authorization: `Bearer ${sim.apiKey}`, ...(init.headers as Record<string, string>)},
		});
	const get = async <T>(path: string, init?: RequestInit) => {
		const response = await raw(path, init);
		return {status: response.status, body: (await response.json()) as T};
	};

	return {
		sim,
		setTime: (ms) => {
			t = ms;
		},
		raw,
		get,
	};
}

const ITEMS = `/v1/batches/${DEMO_BATCH_ID}/items`;
const q = (text: string) => encodeURIComponent(text);
const TERMINAL = new Set(['succeeded', 'partial_succeeded', 'failed', 'errored', 'canceled', 'cancelled']);

async function allItems(h: Harness, extra = ''): Promise<BatchItem[]> {
	const {body} = await h.get<Page<BatchItem>>(`${ITEMS}?limit=500${extra}`);
	return body.items;
}

describe('auth and errors', () => {
	it('answers 401 without a key or with a wrong key', async () => {
		const h = await harness();
		const none = await fetch(`${h.sim.url}/v1/batches/${DEMO_BATCH_ID}`);
		expect(none.status).toBe(401);
		expect(none.headers.get('content-type')).toBe('application/json');
		expect(await none.json()).toMatchObject({code: 'UNAUTHORIZED', message: 'Invalid or missing API key'});
		const wrong = await h.raw(`/v1/batches/${DEMO_BATCH_ID}`, {headers: {authorization: 'Bearer rf_live_nope'}});
		expect(wrong.status).toBe(401);
		expect(h.sim.apiKey).toBe(DEMO_API_KEY);
		expect((await h.get(`/v1/batches/${DEMO_BATCH_ID}`)).status).toBe(200);
	});

	it('checks the organization, methods and unknown routes', async () => {
		const h = await harness({orgId: 'org-1'});
		const other = await h.get(`/v1/batches/${DEMO_BATCH_ID}`, {headers: {'x-organization-id': 'org-2'}});
		expect(other.status).toBe(403);
		expect(other.body.code).toBe('ORGANIZATION_MEMBERSHIP_REQUIRED');
		const same = await h.get(`/v1/batches/${DEMO_BATCH_ID}`, {headers: {'x-organization-id': 'org-1'}});
		expect(same.status).toBe(200);
		expect((await h.get(`/v1/batches/${DEMO_BATCH_ID}`, {method: 'POST'})).status).toBe(405);
		const missing = await h.get('/v1/batches/b_nope');
		expect(missing).toMatchObject({status: 404, body: {code: 'NOT_FOUND', message: 'Batch b_nope not found'}});
		expect((await h.get('/v1/nothing-here')).status).toBe(404);
		expect((await h.get(`${ITEMS}/bi_nope`)).status).toBe(404);
		expect((await h.get('/v1/runs/run_nope')).body.code).toBe('RUN_NOT_FOUND');
		const queuedRun = (await allItems(h))[0]!;
		expect(queuedRun.run_id).toBeNull();
	});

	it('writes errors in the nested and detail styles', async () => {
		const nested = await harness({errorStyle: 'nested'});
		expect((await nested.get('/v1/batches/x')).body).toEqual({error: {message: 'Batch x not found', code: 'NOT_FOUND'}});
		const detail = await harness({errorStyle: 'detail'});
		expect((await detail.get('/v1/batches/x')).body).toEqual({detail: 'Batch x not found'});
	});
});

describe('pagination', () => {
	it('walks forward to the end and back with from_prev, each item once', async () => {
		const h = await harness();
		h.setTime(70_000);
		const forward: number[] = [];
		let cursor: string | null = null;
		let last = '';
		do {
			const path: string = `${ITEMS}?limit=7${cursor ? `&pq=${cursor}` : ''}`;
			const {body} = await h.get<Page<BatchItem>>(path);
			forward.push(...body.items.map((i) => i.sequence_index));
			if (cursor) {
				last = cursor;
			}

			cursor = body.next;
		} while (cursor);
		expect(forward).toEqual(Array.from({length: 120}, (_, i) => i));

		// Back from the last page's own cursor with from_prev, then following `previous`.
		const backward: number[] = [];
		const lastPage = await h.get<Page<BatchItem>>(`${ITEMS}?limit=7&pq=${last}`);
		backward.unshift(...lastPage.body.items.map((i) => i.sequence_index));
		let back: string | null = lastPage.body.previous;
		const viaOwnCursor = await h.get<Page<BatchItem>>(`${ITEMS}?limit=7&pq=${last}&from_prev=true`);
		expect(viaOwnCursor.body.items.map((i) => i.sequence_index)).toEqual([112, 113, 114, 115, 116, 117, 118]); // the last page is [119];
		while (back) {
			const {body}: {body: Page<BatchItem>} = await h.get(`${ITEMS}?limit=7&pq=${back}&from_prev=true`);
			backward.unshift(...body.items.map((i) => i.sequence_index));
			back = body.previous;
		}

		expect(backward).toEqual(forward);
		const firstPage = await h.get<Page<BatchItem>>(`${ITEMS}?limit=7`);
		expect(firstPage.body.previous).toBeNull();
		const plainPrevious = await h.get<Page<BatchItem>>(`${ITEMS}?limit=7&pq=${lastPage.body.previous!}`);
		expect(plainPrevious.body.items[0]!.sequence_index).toBe(112);
	});

	it('writes cursors as paths, URLs and legacy names', async () => {
		const path = await harness({cursorStyle: 'path'});
		const p1 = await path.get<Page<BatchItem>>(`${ITEMS}?limit=50`);
		expect(p1.body.next).toMatch(/^\/v1\/batches\/b_demo_4f1c9e2a\/items\?pq=[\w-]+&limit=50$/);
		const p2 = await path.get<Page<BatchItem>>(p1.body.next!);
		expect(p2.body.items[0]!.sequence_index).toBe(50);
		const p3 = await path.get<Page<BatchItem>>(p2.body.next!);
		expect(p3.body.items.map((i) => i.sequence_index)).toEqual(Array.from({length: 20}, (_, i) => 100 + i));
		expect(p3.body.next).toBeNull();

		const url = await harness({cursorStyle: 'url'});
		const u1 = await url.get<Page<BatchItem>>(`${ITEMS}?limit=60&fields=id,sequence_index`);
		expect(u1.body.next!.startsWith(`${url.sim.url}/v1/batches/`)).toBe(true);
		const u2 = await url.get<Page<BatchItem>>(u1.body.next!);
		expect(u2.body.items[0]).toEqual({id: expect.any(String), sequence_index: 60}); // fields kept by the cursor
		expect(u2.body.previous!.startsWith(url.sim.url)).toBe(true);
		// A whole cursor URL sent as pq also works.
		const u3 = await url.get<Page<BatchItem>>(`${ITEMS}?pq=${q(u1.body.next!)}&limit=60&fields=id,sequence_index`);
		expect(u3.body.items[0]!.sequence_index).toBe(60);

		const legacy = await harness({legacyCursorNames: true});
		const l1 = await legacy.get(`${ITEMS}?limit=100`);
		expect(Object.keys(l1.body).sort()).toEqual(['first', 'items', 'next_pq', 'prev_pq']);
		const l2 = await legacy.get(`${ITEMS}?limit=100&pq=${l1.body.next_pq}`);
		expect(l2.body.items).toHaveLength(20);
		expect(l2.body.next_pq).toBeNull();
		expect(typeof l2.body.prev_pq).toBe('string');
	});

	it('validates limit, pq and sort_by', async () => {
		const h = await harness();
		for (const limit of ['0', '501', 'abc', '-1', '2.5']) {
			const {status, body} = await h.get(`${ITEMS}?limit=${limit}`);
			expect(status).toBe(422);
			expect(body).toMatchObject({code: 'VALIDATION_ERROR', errors: [{field: 'limit'}]});
		}

		expect((await h.get(`${ITEMS}?limit=500`)).body.items).toHaveLength(120);
		expect((await h.get(`${ITEMS}`)).body.items).toHaveLength(50);
		expect((await h.get(`${ITEMS}?pq=garbage!!`)).body.errors[0].field).toBe('pq');
		expect((await h.get(`${ITEMS}?pq=eyJ4IjoxfQ`)).status).toBe(422);
		expect((await h.get(`${ITEMS}?sort_by=run_id:asc`)).body.errors[0].field).toBe('sort_by');
		const page = await h.get<Page<BatchItem>>(`${ITEMS}?limit=5`);
		expect((await h.get(`${ITEMS}?pq=${page.body.next!}&sort_by=status_code`)).status).toBe(422);
	});
});

describe('queries', () => {
	it('sorts, projects and embeds', async () => {
		const h = await harness();
		h.setTime(90_000);
		const all = await allItems(h);
		const byStatus = await allItems(h, '&sort_by=status_code:desc,sequence_index:asc');
		const expected = [...all].sort((a, b) =>
			a.status_code === b.status_code ? a.sequence_index - b.sequence_index : a.status_code < b.status_code ? 1 : -1,
		);
		expect(byStatus.map((i) => i.id)).toEqual(expected.map((i) => i.id));
		const desc = await allItems(h, '&sort_by=sequence_index:desc');
		expect(desc.map((i) => i.sequence_index)).toEqual(all.map((i) => i.sequence_index).reverse());
		const byCompletion = await allItems(h, '&sort_by=completed_at:asc');
		const times = byCompletion.filter((i) => i.completed_at).map((i) => Date.parse(i.completed_at!));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(byCompletion.at(-1)!.completed_at).toBeNull(); // nulls last

		const projected = await h.get<Page<BatchItem>>(`${ITEMS}?limit=3&fields=id,status_code`);
		expect(projected.body.items.map((i) => Object.keys(i))).toEqual([
			['id', 'status_code'],
			['id', 'status_code'],
			['id', 'status_code'],
		]);

		const embedded = await allItems(h, '&embed=run');
		for (const item of embedded) {
			expect(item.run === null).toBe(item.status_code === 'queued');
			if (item.run) {
				expect(item.run).toMatchObject({id: item.run_id, status_code: item.status_code, has_node_runs: true});
				expect(item.run.nodes_total).toBeGreaterThanOrEqual(2);
				expect(item.run.nodes_total).toBeLessThanOrEqual(4);
			}
		}

		const single = await h.get<BatchItem>(`${ITEMS}/${all[5]!.id}?embed=run`);
		expect(single.body).toMatchObject({id: all[5]!.id, sequence_index: 5});
		expect('run' in single.body).toBe(true);
	});

	it('filters with q', async () => {
		const h = await harness();
		h.setTime(150_000);
		const all = await allItems(h);
		const check = async (expr: string, want: (i: BatchItem) => boolean) => {
			const got = await allItems(h, `&q=${q(expr)}`);
			expect(got.map((i) => i.id)).toEqual(all.filter((i) => want(i)).map((i) => i.id));
			return got.length;
		};

		expect(await check('status_code:failed', (i) => i.status_code === 'failed')).toBeGreaterThan(0);
		expect(await check('status_code=failed', (i) => i.status_code === 'failed')).toBeGreaterThan(0);
		expect(await check('status_code:failed OR status_code:errored', (i) => ['failed', 'errored'].includes(i.status_code))).toBeGreaterThan(0);
		expect(await check('NOT status_code:succeeded', (i) => i.status_code !== 'succeeded')).toBeGreaterThan(0);
		expect(await check("client_ref.EQ:'invoice-0042.pdf'", (i) => i.client_ref === 'invoice-0042.pdf')).toBe(1);
		await check(
			'sequence_index>=100 AND (status_code:succeeded OR status_code:partial_succeeded)',
			(i) => i.sequence_index >= 100 && i.status_code.endsWith('succeeded'),
		);
		for (const bad of ['status_code', 'nope:1', 'status_code:failed OR', '(status_code:x', 'sequence_index>abc', "client_ref.EQ:'open"]) {
			const {status, body} = await h.get(`${ITEMS}?q=${q(bad)}`);
			expect(status, bad).toBe(422);
			expect(body.errors[0].field).toBe('q');
		}

		// Paging a filtered list keeps the filter in the cursor.
		const failed = all.filter((i) => i.status_code !== 'succeeded');
		const p1 = await h.get<Page<BatchItem>>(`${ITEMS}?limit=4&q=${q('NOT status_code:succeeded')}`);
		const p2 = await h.get<Page<BatchItem>>(`${ITEMS}?limit=4&pq=${p1.body.next!}`);
		expect(p2.body.items.map((i) => i.id)).toEqual(failed.slice(4, 8).map((i) => i.id));
	});
});

describe('a server without q or sort_by, forced statuses, the request log', () => {
	it('refuses the listed parameters with 422, forces final statuses, and logs each request', async () => {
		const h = await harness({
			batches: [{id: 'b_f', items: 40, durationMs: 1000, failureRate: 0, cancelRate: 0, finals: {1: 'failed', 38: 'partial_succeeded'}}],
			refuseParams: ['q', 'sort_by'],
		});
		h.setTime(5000);
		const items = '/v1/batches/b_f/items';
		expect((await h.get(`${items}?q=${q('sequence_index>=10')}`)).status).toBe(422);
		expect((await h.get(`${items}?sort_by=${q('sequence_index:desc')}`)).status).toBe(422);
		const {status, body} = await h.get<Page<BatchItem>>(`${items}?limit=40`);
		expect(status).toBe(200);
		expect([body.items[1]!.status_code, body.items[38]!.status_code]).toEqual(['failed', 'partial_succeeded']);
		expect(body.items.filter((i) => i.status_code === 'failed' || i.status_code === 'errored')).toHaveLength(1);
		expect(body.items[38]!.error).toEqual({code: 'PARTIAL_OUTPUT', message: 'Only 3 of 4 pages could be processed'});
		expect(h.sim.stats.urls).toEqual([`${items}?q=${q('sequence_index>=10')}`, `${items}?sort_by=${q('sequence_index:desc')}`, `${items}?limit=40`]);
		h.sim.stats.reset();
		expect(h.sim.stats.urls).toEqual([]);
	});
});

describe('batch model', () => {
	it('runs the lifecycle as a function of the clock', async () => {
		const h = await harness();
		const batchAt = async (t: number) => {
			h.setTime(t);
			return (await h.get<Batch>(`/v1/batches/${DEMO_BATCH_ID}`)).body;
		};

		let batch = await batchAt(0);
		expect(batch.items!.every((i) => i.status_code === 'queued' && i.run_id === null)).toBe(true);
		expect(batch).toMatchObject({status_code: 'running', items_total: 120, items_succeeded: 0, cost: '0.00'});

		batch = await batchAt(75_000);
		const statuses = new Set(batch.items!.map((i) => i.status_code));
		expect(statuses.has('running')).toBe(true);
		expect(statuses.has('queued')).toBe(true);
		expect(batch.status_code).toBe('running');
		expect(batch.completed_at).toBeNull();

		batch = await batchAt(150_000);
		const items = await allItems(h);
		expect(items.every((i) => TERMINAL.has(i.status_code))).toBe(true);
		const count = (...s: string[]) => items.filter((i) => s.includes(i.status_code)).length;
		expect(batch.items_succeeded).toBe(count('succeeded', 'partial_succeeded'));
		expect(batch.items_failed).toBe(count('failed', 'errored'));
		expect(batch.items_cancelled).toBe(count('canceled', 'cancelled'));
		expect(batch.items_succeeded + batch.items_failed + batch.items_cancelled).toBe(120);
		expect(batch.status_code).toBe('partial_succeeded');
		expect(batch.completed_at).not.toBeNull();
		const micros = items.reduce((sum, i) => {
			const [whole, fraction = ''] = i.cost!.split('.');
			expect(i.cost).toMatch(/^\d+\.\d{2,6}$/);
			return sum + Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
		}, 0);
		const [whole, fraction = ''] = batch.cost!.split('.');
		expect(Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'))).toBe(micros);

		// The demo shows every kind of outcome.
		for (const s of ['succeeded', 'partial_succeeded', 'failed', 'errored', 'canceled', 'cancelled']) {
			expect(count(s), s).toBeGreaterThan(0);
		}

		const errors = items.filter((i) => i.status_code === 'failed').map((i) => i.error!);
		expect(errors.some((e) => e.code === 'OOM' && e.message === 'CUDA out of memory. Tried to allocate 2.00 GiB')).toBe(true);
		expect(errors.some((e) => e.code === 'MODEL_ERROR' && e.message!.includes('\n'))).toBe(true);
		expect(errors.some((e) => !('code' in e))).toBe(true);
		expect(items.some((i) => i.completed_at!.endsWith('Z'))).toBe(true);
		expect(items.some((i) => i.completed_at!.endsWith('+00:00'))).toBe(true);
		expect(items.filter((i) => i.status_code === 'succeeded').every((i) => i.output && !i.error)).toBe(true);
	});

	it('handles start delays, empty batches, never-finishing batches and determinism', async () => {
		const specs = [
			{id: 'b_empty', items: 0, durationMs: 1000},
			{id: 'b_one', items: 1, durationMs: 1000, startDelayMs: 500},
			{id: 'b_never', items: 10, durationMs: 1000, neverFinishes: true},
		];
		const h = await harness({batches: specs});
		expect((await h.get<Batch>('/v1/batches/b_one')).body).toMatchObject({status_code: 'queued', started_at: null, cost: null});
		expect((await h.get<Batch>('/v1/batches/b_empty')).body).toMatchObject({status_code: 'succeeded', items_total: 0, items: []});
		h.setTime(1_000_000);
		expect((await h.get<Batch>('/v1/batches/b_one')).body.items_total).toBe(1);
		expect(TERMINAL.has((await h.get<Batch>('/v1/batches/b_one')).body.status_code)).toBe(true);
		const never = (await h.get<Batch>('/v1/batches/b_never')).body;
		expect(never.status_code).toBe('running');
		expect(never.items!.every((i) => i.status_code === 'running')).toBe(true);

		const again = await harness({batches: [demoBatchSpec({seed: 9})]});
		const other = await harness({batches: [demoBatchSpec({seed: 9})]});
		again.setTime(80_000);
		other.setTime(80_000);
		expect(await allItems(again, '&embed=run')).toEqual(await allItems(other, '&embed=run'));
		const seed10 = await harness({batches: [demoBatchSpec({seed: 10})]});
		seed10.setTime(80_000);
		expect((await allItems(again)).map((i) => i.status_code)).not.toEqual((await allItems(seed10)).map((i) => i.status_code));
	});

	it('grows logs over time and a cursor follower sees each line once', async () => {
		const h = await harness({batches: [demoBatchSpec({hostile: false})]});
		const item = (await allItems(h)).find((i) => i.sequence_index === 10)!;
		h.setTime(150_000);
		const done = (await h.get<BatchItem>(`${ITEMS}/${item.id}?embed=run`)).body;
		const runId = done.run_id!;
		const started = Date.parse(done.run!.started_at!) - BASE;
		const ended = Date.parse(done.run!.completed_at!) - BASE;
		const all = (await h.get<Page<LogLine>>(`/v1/runs/${runId}/logs?limit=500`)).body.items;
		expect(all).toHaveLength(30);

		const seen: string[] = [];
		const collect = (lines: LogLine[]) => seen.push(...lines.map((l) => l.id).filter((id) => !seen.includes(id)));
		let cursor: string | null = null;
		const sizes: number[] = [];
		for (let t = started - 1000; t <= ended + 1000; t += Math.max(1, Math.floor((ended - started) / 13))) {
			h.setTime(t);
			for (;;) {
				const {status, body}: {status: number; body: Page<LogLine>} = await h.get(`/v1/runs/${runId}/logs?limit=4${cursor ? `&pq=${cursor}` : ''}`);
				if (status === 404) {
					expect(t).toBeLessThan(started); // no run while queued
					break;
				}

				collect(body.items);
				if (!body.next) {
					break;
				}

				cursor = body.next;
			}

			sizes.push(seen.length);
		}

		h.setTime(ended + 1000);
		collect((await h.get<Page<LogLine>>(`/v1/runs/${runId}/logs?limit=4${cursor ? `&pq=${cursor}` : ''}`)).body.items);

		expect(seen).toEqual(all.map((l) => l.id));
		expect(new Set(sizes).size).toBeGreaterThan(5); // appeared progressively
		expect([...seen].sort()).toEqual(seen); // ids increase
		expect(new Set(all.map((l) => l.level_code)).has('info')).toBe(true);
		const desc = (await h.get<Page<LogLine>>(`/v1/runs/${runId}/logs?limit=500&sort_by=timestamp:desc`)).body.items;
		expect(desc.map((l) => l.id)).toEqual(all.map((l) => l.id).reverse());

		const run = (await h.get<Run>(`/v1/runs/${runId}`)).body;
		expect(run.logs).toHaveLength(30);
		expect(run.node_runs!.length).toBe(run.nodes_total);
		const nodes = (await h.get<Page<NodeRun>>(`/v1/runs/${runId}/node-runs`)).body.items;
		expect(nodes).toEqual(run.node_runs);
	});

	it('ends failed runs with error lines and a failing node', async () => {
		const h = await harness();
		h.setTime(150_000);
		const failed = (await allItems(h, `&q=${q('status_code:failed')}&embed=run`))[0]!;
		const logs = (await h.get<Page<LogLine>>(`/v1/runs/${failed.run_id!}/logs?limit=500`)).body.items;
		expect(logs.at(-1)!.level_code).toBe('error');
		expect(failed.run!.failure_message).toBe(failed.error!.message);
		const nodes = (await h.get<Page<NodeRun>>(`/v1/runs/${failed.run_id!}/node-runs`)).body.items;
		expect(nodes.find((n) => n.state_code === 'failed')!.error_message).toBe(failed.error!.message);
	});
});

describe('faults', () => {
	const BATCH = `/v1/batches/${DEMO_BATCH_ID}`;

	it('answers 5xx, 429, html, revoked keys and invalid JSON', async () => {
		const h = await harness();
		h.sim.faults.inject({kind: 'status', status: 503}, {count: 2, route: '/items'});
		h.sim.faults.inject({kind: 'rate_limit', retryAfterSeconds: 3});
		expect((await h.get(BATCH)).status).toBe(429);
		expect((await h.get(ITEMS)).body).toMatchObject({code: 'SERVICE_UNAVAILABLE'});
		expect((await h.get(ITEMS)).status).toBe(503);
		expect((await h.get(ITEMS)).status).toBe(200);

		h.sim.faults.inject({kind: 'rate_limit', retryAfterSeconds: 3});
		h.sim.faults.inject({kind: 'rate_limit'});
		const limited = await h.raw(BATCH);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(await limited.json()).toMatchObject({code: 'RATE_LIMITED'});
		const bare = await h.raw(BATCH);
		expect(bare.status).toBe(429);
		expect(bare.headers.get('retry-after')).toBeNull();
		await bare.text();

		h.sim.faults.inject({kind: 'html', status: 502});
		const html = await h.raw(BATCH);
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toBe('text/html');
		expect(await html.text()).toContain('<h1>502 Bad Gateway</h1>');

		h.sim.faults.inject({kind: 'unauthorized'});
		expect((await h.get(BATCH)).body.code).toBe('UNAUTHORIZED');

		h.sim.faults.inject({kind: 'invalid_json'});
		const broken = await h.raw(BATCH);
		expect(broken.status).toBe(200);
		await expect(broken.json()).rejects.toThrow();

		h.sim.faults.always({kind: 'status', status: 500}, {route: /\/runs\//});
		expect((await h.get('/v1/runs/x')).status).toBe(500);
		expect((await h.get('/v1/runs/x')).status).toBe(500);
		expect((await h.get(BATCH)).status).toBe(200);
		h.sim.faults.clear();
		expect((await h.get('/v1/runs/x')).status).toBe(404);
	});

	it('hangs until aborted and resets sockets', async () => {
		const h = await harness();
		h.sim.faults.inject({kind: 'hang'});
		await expect(h.get(BATCH, {signal: AbortSignal.timeout(150)})).rejects.toThrow(/abort|timeout/i);
		h.sim.faults.inject({kind: 'reset'});
		await expect(h.get(BATCH)).rejects.toThrow();
		expect((await h.get(BATCH)).status).toBe(200);

		// close() resolves quickly even with a hung request in flight.
		h.sim.faults.always({kind: 'hang'});
		const asked = h.sim.stats.requests;
		const pending = h.get(BATCH).catch(() => 'closed');
		await waitFor(() => h.sim.stats.requests > asked); // the request is in, and hangs
		const before = Date.now();
		await h.sim.close();
		expect(Date.now() - before).toBeLessThan(1000);
		expect(await pending).toBe('closed');
	});

	it('counts requests and bytes per route', async () => {
		const h = await harness();
		await h.get(BATCH);
		await h.get(`${ITEMS}?limit=2`);
		await h.get(`${ITEMS}?limit=3`);
		expect(h.sim.stats.requests).toBe(3);
		expect(h.sim.stats.byRoute['GET /v1/batches/:id/items']!.requests).toBe(2);
		expect(h.sim.stats.byRoute['GET /v1/batches/:id']!.bytesOut).toBeGreaterThan(1000);
		expect(h.sim.stats.bytesOut).toBe(Object.values(h.sim.stats.byRoute).reduce((s, r) => s + r.bytesOut, 0));
		h.sim.stats.reset();
		expect(h.sim.stats).toMatchObject({requests: 0, bytesOut: 0, byRoute: {}});
	});
});

describe('hostile text and scale', () => {
	it('carries hostile strings in client_refs and logs when hostile is on', async () => {
		const h = await harness();
		h.setTime(150_000);
		const items = await allItems(h);
		const refs = items.map((i) => i.client_ref ?? '');
		expect(refs.some((r) => r.includes('\u001B[31m'))).toBe(true);
		expect(refs.some((r) => r.includes('\u202E'))).toBe(true);
		expect(items.some((i) => i.client_ref === null)).toBe(true);
		const messages: string[] = [];
		for (const item of items.slice(0, 40)) {
			messages.push(...(await h.get<Page<LogLine>>(`/v1/runs/${item.run_id!}/logs?limit=500`)).body.items.map((l) => l.message));
		}

		const text = [...refs, ...messages];
		for (const hostile of HOSTILE_STRINGS) {
			expect(
				text.some((m) => m.includes(hostile)),
				JSON.stringify(hostile),
			).toBe(true);
		}

		expect(messages.some((m) => m.length === BIG_LOG_LINE_CHARS)).toBe(true);

		const tame = await harness({batches: [demoBatchSpec({hostile: false})]});
		tame.setTime(150_000);
		const tameRefs = (await allItems(tame)).map((i) => i.client_ref ?? '');
		expect(tameRefs.every((r) => /^[\w./-]*$/.test(r))).toBe(true);
	});

	it('serves a first page of a 100 000 item batch', async () => {
		const h = await harness({batches: [{id: 'b_big', items: 100_000, durationMs: 3_600_000}]});
		h.setTime(1_800_000);
		const {status, body} = await h.get<Page<BatchItem>>('/v1/batches/b_big/items?limit=100&embed=run');
		expect(status).toBe(200);
		expect(body.items.map((i) => i.sequence_index)).toEqual(Array.from({length: 100}, (_, i) => i));
		const last = await h.get<Page<BatchItem>>('/v1/batches/b_big/items?limit=10&sort_by=sequence_index:desc');
		expect(last.body.items[0]!.sequence_index).toBe(99_999);
		const one = await h.get<BatchItem>(`/v1/batches/b_big/items/${last.body.items[0]!.id}`);
		expect(one.body.sequence_index).toBe(99_999);
	});
});
