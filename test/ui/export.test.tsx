// `x` on the batch and job screens, the whole way: the simulator, a client within a request
// budget, the pollers, the exporter (poller/export.ts), the store and the Ink app, driven by keys;
// then the file itself: valid JSON lines or CSV, every item in view once, nothing else.
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import type {ExportItem} from '../../source/api/export.js';
import {jobSession, pollerSession} from '../../source/cli/controller.js';
import {RESULT_COLUMNS} from '../../source/files/records.js';
import {isFailure} from '../../source/lib/status.js';
import {Exporter} from '../../source/poller/export.js';
import {readBatchItems} from '../../source/poller/item-reader.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {createAppStore} from '../../source/store/store.js';
import {cleanup, renderApp, waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim, type SimHarness} from '../helpers/sim.js';
import {KEY, selectedLine} from './fixtures.js';

closeSimulatorsAfterEach();
const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	cleanup();
	for (const stop of stops.splice(0)) await stop(); // eslint-disable-line no-await-in-loop
});

const folder = () => mkdtempSync(join(tmpdir(), 'rfw-export-'));
const exportReads = (urls: string[]) => urls.filter((url) => url.includes('/items') && url.includes('output')).length;

interface Options {
	rps?: number;
	pageSize?: number;
	refuseParams?: string[];
	onRequest?: (url: string) => void;
	columns?: number;
}

/** Every item of a batch as the server holds it (no budget, no filter). */
async function truth(h: SimHarness, id: string): Promise<ExportItem[]> {
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const all: ExportItem[] = [];
	await readBatchItems(
		client,
		id,
		(items) => {
			all.push(...items);
		},
		{pageSize: 500},
	);
	return all;
}

async function oneBatch(spec: BatchSpec, options: Options = {}) {
	const h = await controlledSim({
		batches: [spec],
		...(options.refuseParams ? {refuseParams: options.refuseParams} : {}),
		...(options.onRequest ? {onRequest: options.onRequest} : {}),
	});
	h.setTime(120_000);
	const dir = folder();
	const store = createAppStore({batchId: spec.id, pageSize: 10});
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const exportClient = new RunflowClient({
		baseUrl: h.sim.url,
		apiKey: h.sim.apiKey,
		retries: 0,
		budget: new RequestBudget({ratePerSecond: options.rps ?? 100}),
	});
	const poller = new Poller({client, store, intervalMs: 60_000});
	const exporter = new Exporter({store, client: exportClient, cwd: dir, ...(options.pageSize ? {pageSize: options.pageSize} : {})});
	stops.push(
		() => poller.stop(),
		async () => exporter.close(),
	);
	poller.start();
	const app = await renderApp(store, {commands: pollerSession(store, poller, () => {}, exporter), columns: options.columns ?? 120, rows: 30});
	await app.waitForFrame((frame) => frame.includes('#0') && frame.includes(`of ${spec.items}`));
	return {...h, dir, store, poller, exporter, app};
}

const jsonLines = (path: string) =>
	readFileSync(path, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);

/** RFC 4180, as the files layer writes it: records of fields, CRLF between them. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') {
				quoted = false;
			} else {
				field += c;
			}
		} else if (c === '"') {
			quoted = true;
		} else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			i++;
		} else {
			field += c;
		}
	}

	expect(field).toBe('');
	expect(record).toEqual([]);
	return records;
}

describe('x on the batch screen', {timeout: 30_000}, () => {
	it('offers a name for what is in view; Esc cancels and writes nothing', async () => {
		const t = await oneBatch(batch('b_1', {items: 40}));
		const frame = await t.app.press('x', (f) => f.includes('export 40 items to runflow-b_1-all.jsonl'));
		expect(frame).toContain('enter write · esc cancel');
		// The page below is still drawn.
		expect(frame).toContain('#0');
		await t.app.press(KEY.escape, (f) => f.includes('x export') && !f.includes('export 40 items'));
		expect(readdirSync(t.dir)).toEqual([]);
		expect(exportReads(t.sim.stats.urls)).toBe(0);
	});

	it('s (failed) then x: the failures only, each once, with every field, as the API sent them', async () => {
		const t = await oneBatch(batch('b_1', {items: 60, failureRate: 0.3, seed: 11}));
		const failed = (await truth(t, 'b_1')).filter((item) => isFailure(item.status));
		expect(failed.length).toBeGreaterThan(3);
		t.sim.stats.reset();
		await t.app.press('s', (f) => f.includes('failed'));
		await t.app.press('x', (f) => f.includes(`export ${failed.length} items to runflow-b_1-failed.jsonl`));
		await t.app.press(KEY.enter, (f) => f.includes(`wrote ${failed.length} items to runflow-b_1-failed.jsonl`));
		const lines = jsonLines(join(t.dir, 'runflow-b_1-failed.jsonl'));
		expect(lines.map((line) => line['id'])).toEqual(failed.map((item) => item.id));
		for (const line of lines) {
			expect(Object.keys(line)).toEqual([...RESULT_COLUMNS]);
			expect(['failed', 'errored']).toContain(line['status']);
			expect(line['batch_id']).toBe('b_1');
			expect(typeof line['input']).toBe('object');
			expect(line['error_code'] ?? line['error_message']).not.toBeNull();
		}

		// The server listed the failures itself (its `q`): one page, not the whole batch.
		expect(exportReads(t.sim.stats.urls)).toBe(1);
		expect(t.sim.stats.urls.find((url) => url.includes('output'))).toContain('q=');
	});

	it('the / text filter too, as CSV when .csv is typed over the name offered', async () => {
		const t = await oneBatch(batch('b_1', {items: 50}));
		const all = await truth(t, 'b_1');
		const wanted = all.filter((item) => item.client_ref?.includes('receipt'));
		await t.app.press('/', 'receipt', KEY.enter, (f) => f.includes(`of ${wanted.length}`) || f.includes('receipt_0003'));
		await t.app.press('x', (f) => f.includes('runflow-b_1-all-receipt.jsonl'));
		// `.` first: only the extension changes.
		await t.app.press('.', (f) => f.includes('runflow-b_1-all-receipt.'));
		await t.app.press('csv', (f) => f.includes('runflow-b_1-all-receipt.csv'));
		await t.app.press(KEY.enter, (f) => f.includes(`wrote ${wanted.length} items to runflow-b_1-all-receipt.csv`));
		const records = parseCsv(readFileSync(join(t.dir, 'runflow-b_1-all-receipt.csv'), 'utf8'));
		expect(records[0]).toEqual([...RESULT_COLUMNS]);
		expect(records.slice(1).map((record) => record[1])).toEqual(wanted.map((item) => item.id));
		for (const record of records.slice(1)) {
			expect(record).toHaveLength(RESULT_COLUMNS.length);
			expect(record[3]).toContain('receipt');
			expect(JSON.parse(record[11]!)).toEqual(wanted.find((item) => item.id === record[1])!.input);
		}
	});

	it('typing over the name offered replaces it; progress shows while it reads, keys work meanwhile; then where it went', async () => {
		// 40 items, 4 a page, 5 requests a second: about 2 s of reading.
		const t = await oneBatch(batch('b_1', {items: 40}), {rps: 5, pageSize: 4});
		await t.app.press('x', (f) => f.includes('runflow-b_1-all.jsonl'));
		await t.app.press('out.jsonl', (f) => f.includes('to out.jsonl') && !f.includes('runflow-b_1'));
		await t.app.press(KEY.enter, (f) => /exporting \d+\/40 items…/.test(f));
		// The frame answers keys while it exports: the selection moves.
		const before = t.store.getState().list.selected;
		await t.app.press('j', 'j');
		await waitFor(() => t.store.getState().list.selected === before + 2);
		expect(selectedLine(t.app.frame())).toBeDefined();
		expect(t.store.getState().files.export.running).not.toBeNull();
		await t.app.waitForFrame((f) => f.includes('wrote 40 items to out.jsonl'));
		expect(jsonLines(join(t.dir, 'out.jsonl'))).toHaveLength(40);
		// The done line stays until a key.
		await t.app.press('k', (f) => !f.includes('wrote 40 items'));
	});

	it('a file of that name: the prompt says so and a second Enter replaces it; typing asks again', async () => {
		const t = await oneBatch(batch('b_1', {items: 12}));
		const path = join(t.dir, 'runflow-b_1-all.jsonl');
		writeFileSync(path, 'kept\n');
		await t.app.press('x', KEY.enter, (f) => f.includes('a file has this name: enter again replaces it, esc cancels'));
		expect(readFileSync(path, 'utf8')).toBe('kept\n');
		// An edit: the warning goes; Enter on the name again warns again.
		await t.app.press('\u007F', (f) => !f.includes('a file has this name'));
		await t.app.press('l', KEY.enter, (f) => f.includes('a file has this name'));
		await t.app.press(KEY.enter, (f) => f.includes('wrote 12 items to runflow-b_1-all.jsonl'));
		expect(jsonLines(path)).toHaveLength(12);
		expect(readdirSync(t.dir)).toEqual(['runflow-b_1-all.jsonl']);
	});

	it('a name that cannot be written: one line says why, the prompt stays open to change it', async () => {
		const t = await oneBatch(batch('b_1', {items: 12}));
		await t.app.press(
			'x',
			'\u0015',
			'no/such/folder/out.jsonl',
			KEY.enter,
			(f) => f.includes('cannot write') && f.includes('no such file or folder (ENOENT)'),
		);
		await t.app.press('\u0015', t.dir, KEY.enter, (f) => f.includes('is a folder: name a file in it'));
		await t.app.press('\u0015', 'new/', KEY.enter, (f) => f.includes('new/ names a folder: name a file in it'));
		expect(t.store.getState().screens.at(-1)).toBe('export');
		await t.app.press(KEY.escape, (f) => f.includes('x export'));
		expect(exportReads(t.sim.stats.urls)).toBe(0);
	});

	it('x during an export says x again cancels it; the second x does: nothing written, no temporary file', async () => {
		const t = await oneBatch(batch('b_1', {items: 40}), {rps: 2, pageSize: 4});
		await t.app.press('x', KEY.enter, (f) => /exporting \d+\/40 items…/.test(f));
		await t.app.press('x', (f) => f.includes('x again cancels it'));
		expect(t.store.getState().screens.at(-1)).toBe('list');
		await t.app.press('x', (f) => f.includes('export cancelled: nothing written to runflow-b_1-all.jsonl'));
		expect(readdirSync(t.dir)).toEqual([]);
	});

	it('quitting mid-export leaves no file and no temporary file', async () => {
		const t = await oneBatch(batch('b_1', {items: 40}), {rps: 2, pageSize: 4});
		await t.app.press('x', KEY.enter, (f) => /exporting \d+\/40 items…/.test(f));
		expect(readdirSync(t.dir).some((name) => name.endsWith('.tmp'))).toBe(true);
		await t.exporter.close();
		expect(readdirSync(t.dir)).toEqual([]);
	});

	it("a server that refuses the filter's q: the failures read otherwise, still the failures only", async () => {
		const t = await oneBatch(batch('b_1', {items: 60, failureRate: 0.3, seed: 11}), {refuseParams: ['q']});
		const failed = (await truth(t, 'b_1')).filter((item) => isFailure(item.status));
		await t.app.press('s', 'x', (f) => f.includes(`export ${failed.length} items to runflow-b_1-failed.jsonl`));
		await t.app.press(KEY.enter, (f) => f.includes(`wrote ${failed.length} items`));
		expect(jsonLines(join(t.dir, 'runflow-b_1-failed.jsonl')).map((line) => line['id'])).toEqual(failed.map((item) => item.id));
	});

	it('x with nothing in view says so', async () => {
		const t = await oneBatch(batch('b_1', {items: 12}));
		// Every item succeeded: the `failed` filter shows none.
		await t.app.press('s', 'x', (f) => f.includes('nothing to export: no items in view'));
		expect(t.store.getState().screens.at(-1)).toBe('list');
	});
});

describe('x on the job screen', {timeout: 30_000}, () => {
	it('every item of the batches in view under its filter, batch after batch, within the budget', async () => {
		const arrivals: number[] = [];
		const h = await controlledSim({
			batches: [batch('b_one', {items: 12}), batch('b_bad', {items: 20, failureRate: 0.5, seed: 5}), batch('b_two', {items: 30})],
			onRequest: (url) => {
				if (url.includes('output')) arrivals.push(performance.now());
			},
		});
		h.setTime(60_000);
		const dir = folder();
		const ids = ['b_one', 'b_bad', 'b_two'];
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, budget: new RequestBudget({ratePerSecond: 4})});
		const store = createAppStore({batchId: 'b_one', pageSize: 10, jobIds: ids});
		const poller = new Poller({client, store, intervalMs: 60_000});
		const jobPoller = new JobPoller({client, store, intervalMs: 60_000, yieldTo: () => poller.busy});
		const exporter = new Exporter({store, client, cwd: dir, pageSize: 10});
		stops.push(
			() => poller.stop(),
			() => jobPoller.stop(),
			async () => exporter.close(),
		);
		jobPoller.start();
		const app = await renderApp(store, {commands: jobSession(store, poller, jobPoller, () => {}, exporter), columns: 120, rows: 24});
		await app.waitForFrame((frame) => frame.includes('62/62'));
		// `s` to the batches with failures: b_bad alone.
		await app.press('s', 's', 's', (f) => f.includes('with failures'));
		await app.press('x', (f) => f.includes('export 20 items of 1 batch to runflow-job-with-failures.jsonl'));
		await app.press(KEY.enter, (f) => f.includes('wrote 20 items to runflow-job-with-failures.jsonl'));
		const lines = jsonLines(join(dir, 'runflow-job-with-failures.jsonl'));
		expect(new Set(lines.map((line) => line['batch_id']))).toEqual(new Set(['b_bad']));
		expect(new Set(lines.map((line) => line['id'])).size).toBe(20);
		// Back to all: every batch, in the job's order.
		await app.press('s', 's', (f) => !f.includes('filter:'));
		await app.press('x', (f) => f.includes('export 62 items of 3 batches to runflow-job-all.jsonl'));
		await app.press(KEY.enter, (f) => f.includes('wrote 62 items to runflow-job-all.jsonl'));
		const all = jsonLines(join(dir, 'runflow-job-all.jsonl'));
		expect(all.map((line) => line['batch_id'])).toEqual(ids.flatMap((id) => Array.from({length: {b_one: 12, b_bad: 20, b_two: 30}[id]!}, () => id)));
		// The job's budget, 4 a second, shared with its polling: never more in any second.
		for (let i = 4; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 4]!).toBeGreaterThanOrEqual(950);
		expect(existsSync(join(dir, 'runflow-job-all.jsonl'))).toBe(true);
	});
});

describe('x on a 20,000-item batch', {timeout: 60_000}, () => {
	it('every item once, in order, a page of 500 at a time, never more requests than the pace in any second', async () => {
		const arrivals: number[] = [];
		const t = await oneBatch(batch('b_big', {items: 20_000, durationMs: 20_000, failureRate: 0.02}), {
			rps: 20,
			onRequest: (url) => {
				if (url.includes('output')) arrivals.push(performance.now());
			},
		});
		await t.app.press('x', KEY.enter, (f) => /exporting [\d,]+\/20,000 items…/.test(f));
		await t.app.waitForFrame((f) => f.includes('wrote 20,000 items to runflow-b_big-all.jsonl'), {timeout: 40_000});
		const lines = jsonLines(join(t.dir, 'runflow-b_big-all.jsonl'));
		expect(lines.map((line) => line['sequence_index'])).toEqual(Array.from({length: 20_000}, (_, i) => i));
		expect(new Set(lines.map((line) => line['id'])).size).toBe(20_000);
		expect(arrivals).toHaveLength(40);
		// 20 a second: the 21st request after any one comes a second later (less the network's jitter), at least.
		for (let i = 20; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 20]!).toBeGreaterThanOrEqual(950);
	});
});
