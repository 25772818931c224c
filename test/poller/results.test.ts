// Reading items with their input and output (item-reader.ts) and --results' reader
// (ResultsPoller) in-process against the simulator: every cursor style, a server that refuses
// `fields`, items by id; then the polite reading of a running batch: only finished items, each
// once, a page a step, nothing asked once every finished item is written.
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {ExportItem} from '../../source/api/export.js';
import {BATCH_COUNTER_FIELDS} from '../../source/api/fields.js';
import {ResultsFile} from '../../source/files/results-file.js';
import {isTerminal} from '../../source/lib/status.js';
import {readBatchItems, readItemsById, readJobItems, type ReadProgress} from '../../source/poller/item-reader.js';
import {ResultsPoller} from '../../source/poller/results.js';
import type {CursorStyle} from '../../source/sim/cursor.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, closeSimulatorsAfterEach, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ITEMS = 'GET /v1/batches/:id/items';
const client = (h: SimHarness) => new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
const itemReads = (h: SimHarness) => h.sim.stats.byRoute[ITEMS]?.requests ?? 0;

describe('reading items with their input and output', () => {
	for (const [style, legacy] of [
		['token', false],
		['path', false],
		['url', true],
	] as Array<[CursorStyle, boolean]>) {
		it(`pages a batch to its end (${style} cursors${legacy ? ', next_pq' : ''}), with progress`, async () => {
			const h = await controlledSim({batches: [batch('b_1', {items: 23})], cursorStyle: style, legacyCursorNames: legacy});
			h.setTime(60_000);
			const seen: ExportItem[] = [];
			const progress: ReadProgress[] = [];
			const kept = await readBatchItems(
				client(h),
				'b_1',
				(items) => {
					seen.push(...items);
				},
				{pageSize: 5, total: 23, onProgress: (p) => progress.push(p)},
			);
			expect(kept).toBe(23);
			expect(seen.map((item) => item.sequence_index)).toEqual(Array.from({length: 23}, (_, i) => i));
			expect(seen.every((item) => typeof item.input === 'object' && item.input !== null && item.batch_id === 'b_1')).toBe(true);
			expect(seen.filter((item) => item.status === 'succeeded').every((item) => item.output !== null && item.output !== undefined)).toBe(true);
			expect(progress.map((p) => p.read)).toEqual([5, 10, 15, 20, 23]);
			expect(progress.at(-1)).toMatchObject({total: 23, batchesDone: 1, batches: 1});
			expect(itemReads(h)).toBe(5);
			expect(h.sim.stats.urls.every((url) => !url.includes('/items') || url.includes('pq=') || url.includes('fields=id%2Cbatch_id'))).toBe(true);
		});
	}

	it('a page whose answer passes the 8 MB limit is asked for again at half the size, from the same cursor, until it passes', async () => {
		// 100 items of 120 KB input and 120 KB output: a page of 100 is about 24 MB, of 25 about 6 MB.
		const h = await controlledSim({batches: [batch('b_big', {items: 100, payloadBytes: 120_000})]});
		h.setTime(10 * 60_000);
		const seen: ExportItem[] = [];
		const kept = await readBatchItems(
			client(h),
			'b_big',
			(items) => {
				seen.push(...items);
			},
			{pageSize: 100},
		);
		expect(kept).toBe(100);
		expect(seen.map((item) => item.sequence_index)).toEqual(Array.from({length: 100}, (_, i) => i));
		// 100 and 50 refused, then 4 pages of 25.
		const limits = h.sim.stats.urls.filter((url) => url.includes('/items')).map((url) => new URL(url, 'http://x').searchParams.get('limit'));
		expect(limits).toEqual(['100', '50', '25', '25', '25', '25']);
	});

	it('a server that refuses `fields` gets the request again without it; the items keep their input and output', async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 8})], refuseFields: true});
		h.setTime(60_000);
		const seen: ExportItem[] = [];
		await readBatchItems(
			client(h),
			'b_1',
			(items) => {
				seen.push(...items);
			},
			{pageSize: 4},
		);
		expect(seen).toHaveLength(8);
		expect(seen.every((item) => item.input !== undefined)).toBe(true);
	});

	it('every batch of a job, and items by id, with a filter', async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 7, failureRate: 0.5}), batch('b_2', {items: 4, failureRate: 0.5})]});
		h.setTime(60_000);
		const kept: string[] = [];
		const count = await readJobItems(
			client(h),
			['b_1', 'b_2'],
			(items, batchId) => {
				kept.push(...items.map((item) => `${batchId}:${item.id}`));
			},
			{pageSize: 3, filter: (item) => item.status !== 'succeeded'},
		);
		expect(count).toBe(kept.length);
		const all = (await client(h).listExportItems('b_1', {limit: 500})).items;
		const ids = all.slice(0, 3).map((item) => item.id);
		const byId: ExportItem[] = [];
		expect(
			await readItemsById(client(h), 'b_1', [...ids, ids[0]!], (items) => {
				byId.push(...items);
			}),
		).toBe(3);
		expect(byId.map((item) => item.input)).toEqual(all.slice(0, 3).map((item) => item.input));
		expect(h.sim.stats.byRoute['GET /v1/batches/:id/items/:item_id']?.requests).toBe(3);
	});
});

async function resultsSetup(items: number, durationMs: number) {
	const h = await controlledSim({batches: [batch('b_run', {items, durationMs, failureRate: 0.2})]});
	const api = client(h);
	const store = createAppStore({batchId: 'b_run', pageSize: 50});
	const path = join(mkdtempSync(join(tmpdir(), 'rfw-results-')), 'out.jsonl');
	const file = await ResultsFile.open(path);
	const poller = new ResultsPoller({client: api, store, sink: file, intervalMs: 1000, pageSize: 10});
	/** What the watch's poll would bring: the batch's counters at the time. */
	const poll = async (ms: number) => {
		h.setTime(ms);
		store.getState().batchLoaded(await api.getBatch('b_run', {fields: BATCH_COUNTER_FIELDS}), ms);
	};

	return {h, api, store, path, file, poller, poll};
}

describe('--results: reading finished items as a batch runs', () => {
	it('writes finished items only, each once, a page a step, and asks nothing once every finished item is written', async () => {
		const {h, store, path, file, poller, poll} = await resultsSetup(60, 30_000);
		await poll(0);
		expect(poller.pending()).toEqual([]);
		expect(await poller.step()).toBe(false);
		expect(itemReads(h)).toBe(0);
		for (const at of [8000, 15_000, 22_000, 40_000]) {
			// eslint-disable-next-line no-await-in-loop
			await poll(at);
			const {items_succeeded: s, items_failed: f, items_cancelled: c} = store.getState().batch!;
			for (;;) {
				const before = itemReads(h);
				// eslint-disable-next-line no-await-in-loop
				const read = await poller.step();
				// One page a step at most.
				expect(itemReads(h) - before).toBe(read ? 1 : 0);
				if (!read) break;
			}

			expect(file.count('b_run')).toBe(s + f + c);
		}

		expect(store.getState().batch!.status_code).not.toBe('running');
		await file.close();
		const lines = readFileSync(path, 'utf8')
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line) as {id: string; status: string; output: unknown});
		expect(lines).toHaveLength(60);
		expect(new Set(lines.map((line) => line.id)).size).toBe(60);
		expect(lines.every((line) => isTerminal(line.status))).toBe(true);
		// At most one pass (6 pages of 10) per poll that brought finished items.
		expect(itemReads(h)).toBeLessThanOrEqual(4 * 6);
	});

	it('start(): a page per poll cycle; drain() reads the rest back to back, then nothing', async () => {
		const {h, file, poller, poll} = await resultsSetup(45, 10_000);
		await poll(60_000);
		const timers: Array<{fn: () => void; ms: number}> = [];
		const fake = new ResultsPoller({
			client: client(h),
			store: (poller as unknown as {options: {store: ReturnType<typeof createAppStore>}}).options.store,
			sink: file,
			intervalMs: 2000,
			pageSize: 10,
			clock: {now: () => 0, setTimeout: (fn, ms) => timers.push({fn, ms}), clearTimeout: () => {}},
		});
		fake.start();
		expect(timers.map((t) => t.ms)).toEqual([2000]);
		timers.shift()!.fn();
		await waitUntil(() => timers.length === 1);
		expect(itemReads(h)).toBe(1);
		expect(timers[0]!.ms).toBe(2000);
		expect(await fake.drain()).toBeNull();
		expect(file.count('b_run')).toBe(45);
		expect(itemReads(h)).toBe(5);
		expect(await fake.step()).toBe(false);
		expect(itemReads(h)).toBe(5);
	});
});

async function waitUntil(check: () => boolean): Promise<void> {
	const until = Date.now() + 10_000;
	while (!check()) {
		if (Date.now() > until) throw new Error('timed out');
		// eslint-disable-next-line no-await-in-loop
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
