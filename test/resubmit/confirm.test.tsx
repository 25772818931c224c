// `R`'s confirmation drawn from the store alone (the fetching side recorded): what `R` takes, the
// reading progress, failed items without an input said as left out, the frame within the
// terminal however many new batches, `y` waiting for the inputs, any other key cancelling; and
// the job table's link column giving way on a narrow terminal.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {normalizeExportItem, type ExportItem} from '../../source/api/export.js';
import {resubmitScope} from '../../source/session/resubmit-commands.js';
import {Session, type Resubmitting} from '../../source/session/session.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {newJobEntry} from '../../source/lib/job-rows.js';
import {jobTableView} from '../../source/ui/job-columns.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {cleanup, controller, renderApp} from '../helpers/app.js';
import {batch, filledStore, items, KEY, lines, T0} from '../ui/fixtures.js';

afterEach(cleanup);

function failedItem(batchId: string, i: number, extra: Record<string, unknown> = {}): ExportItem {
	return normalizeExportItem(
		{
			id: `${batchId}-it${i}`,
			sequence_index: i,
			status_code: 'failed',
			client_ref: `ref-${i}`,
			input: {n: i},
			error: {code: i % 2 ? 'OOM' : 'TIMEOUT', message: 'x'},
			...extra,
		},
		batchId,
	);
}

function fake() {
	return {
		readOnly: false,
		read: vi.fn<Resubmitting['read']>(),
		send: vi.fn<Resubmitting['send']>(),
		cancel: vi.fn<Resubmitting['cancel']>(),
	} satisfies Resubmitting;
}

async function show(store: AppStore, size = {columns: 100, rows: 30}) {
	const resubmit = fake();
	const ctl = controller();
	store.getState().resubmitModelGiven({owner: 'acme', slug: 'ocr'}, 'flag');
	const app = await renderApp(store, {commands: new Session({store, fetcher: {...ctl, resubmit}, quit: ctl.quit, screens: SCREENS}), ...size});
	return {app, resubmit};
}

/** A batch of 50 items on screen, items 3, 7 and 9 failed (the selected row: 3). */
function batchStore(): AppStore {
	const store = filledStore(
		items(0, 50, (i) => ([3, 7, 9].includes(i) ? 'failed' : 'succeeded')),
		{items_failed: 3, status_code: 'partial_succeeded', items_total: 50, items_succeeded: 47},
	);
	store.getState().move(3);
	return store;
}

describe('R on the batch screen', () => {
	it("takes the batch's failures and the selected failed row; reads with progress; y waits for the inputs; any other key cancels", async () => {
		const store = batchStore();
		expect(resubmitScope(store.getState(), 'batch')).toEqual({scope: {kind: 'batch', batchIds: ['b-1'], selected: {id: 'item-3', seq: 3}}, expected: 3});
		const {app, resubmit} = await show(store);
		let frame = await app.press('R', (f) => f.includes('reading inputs 0/3…'));
		expect(resubmit.read).toHaveBeenCalledOnce();
		store.getState().resubmitProgress(2);
		frame = await app.waitForFrame((f) => f.includes('reading inputs 2/3… (nothing is sent before the plan is shown and y pressed)'));
		// y before the inputs are read: nothing.
		await app.press('y');
		expect(resubmit.send).not.toHaveBeenCalled();
		expect(store.getState().screens).toEqual(['list', 'resubmit']);
		// Any other key: cancelled, the reads stopped.
		frame = await app.press('j', (f) => f.includes('resubmit cancelled: nothing was sent'));
		expect(resubmit.cancel).toHaveBeenCalledOnce();
		expect(store.getState().screens).toEqual(['list']);
		expect(store.getState().resubmit.draft).toBeNull();
		// The j did not move the selection: it was the confirmation's.
		expect(store.getState().list.selected).toBe(3);
		expect(frame).not.toContain('reading inputs');
	});

	it('failed items without an input are left out and said so; y sends the plan to the model', async () => {
		const store = batchStore();
		const {app, resubmit} = await show(store);
		await app.press('R', (f) => f.includes('reading inputs'));
		store
			.getState()
			.resubmitRead([{batchId: 'b-1', items: [failedItem('b-1', 3), failedItem('b-1', 7, {input: null}), failedItem('b-1', 9)]}], 10_000_000n);
		const frame = await app.waitForFrame((f) => f.includes('1. '));
		// The plan's first line wrapped to the width, as `runflow-watch resubmit` says it.
		expect(frame).toContain(
			'resubmit 2 failed items of 1 batch as 1 new batch (at most 100 inputs each) to acme/ocr: ~$0.02\n' +
				'estimated ($0.0100 per succeeded item so far; failed runs are not billed)',
		);
		expect(frame).toContain("left out: 1 failed item with no input in the API's answer");
		expect(frame).toContain('every failure · i: only #3');
		await app.press('y');
		expect(resubmit.send).toHaveBeenCalledOnce();
		const [plan, model] = resubmit.send.mock.calls[0]!;
		expect(model).toEqual({owner: 'acme', slug: 'ocr'});
		expect(plan.chunks[0]!.body).toEqual({
			input: [
				{n: 3, client_ref: 'ref-3'},
				{n: 9, client_ref: 'ref-9'},
			],
			metadata: {resubmitted_from: 'b-1'},
		});
	});

	it('nothing failed: said, no confirmation', async () => {
		const store = filledStore(items(0, 50), {items_failed: 0});
		const {app, resubmit} = await show(store);
		await app.press('R', (f) => f.includes('no failed item to resubmit in this batch'));
		expect(resubmit.read).not.toHaveBeenCalled();
		expect(store.getState().screens).toEqual(['list']);
	});
});

describe('R on the job screen', () => {
	const ids = Array.from({length: 30}, (_, i) => `b_${String(i).padStart(2, '0')}`);
	function jobStore(): AppStore {
		const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids});
		for (const id of ids)
			store.getState().jobBatchLoaded(batch({id, status_code: 'partial_succeeded', items_total: 10, items_succeeded: 8, items_failed: 2, items: []}), T0);
		return store;
	}

	it('every batch with failures; a plan of 30 new batches keeps within a 80×24 terminal, the rest counted', async () => {
		const store = jobStore();
		expect(resubmitScope(store.getState(), 'job')?.expected).toBe(60);
		const {app} = await show(store, {columns: 80, rows: 24});
		await app.press('R', (f) => f.includes('reading inputs 0/60…'));
		store.getState().resubmitRead(
			ids.map((id) => ({batchId: id, items: [failedItem(id, 1), failedItem(id, 2)], running: false})),
			null,
		);
		const frame = await app.waitForFrame((f) => f.includes('1. '));
		expect(frame).toContain('resubmit 60 failed items of 30 batches as 30 new batches');
		expect(frame).toMatch(/ {2}… \d+ more lines/);
		expect(lines(frame).length).toBeLessThanOrEqual(23);
		expect(lines(frame).at(-1)).toContain('y send');
		// The smallest window too.
		app.stdout.resize(60, 12);
		const small = await app.waitForFrame((f) => lines(f).length <= 11 && f.includes('y send'));
		expect(small).toContain('resubmit the failed items of the whole job');
		await app.press(KEY.escape, (f) => f.includes('resubmit cancelled'));
	});
});

describe("the job table's link column", () => {
	const entries = {
		b_demo_job_04: {...newJobEntry('b_demo_job_04'), batch: batch({id: 'b_demo_job_04'})},
		b_new: {...newJobEntry('b_new'), batch: batch({id: 'b_new'}), from: 'b_demo_job_04'},
	};
	const view = (columns: number, ids = ['b_demo_job_04', 'b_new']) => jobTableView(ids, entries, 'b_new', columns, 5, null, '');
	it("shows `↻ from` once a row on screen has one, and gives way (after the status words' long forms) before the ids shrink", () => {
		expect(view(120).heading).toContain('resubmitted');
		expect(
			view(120)
				.rows[1]!.cells.map((cell) => cell.text)
				.join(''),
		).toContain('↻ from b_demo_job_04');
		expect(
			view(120)
				.rows[0]!.cells.map((cell) => cell.text)
				.join(''),
		).not.toContain('↻');
		expect(view(120, ['b_demo_job_04']).heading).not.toContain('resubmitted');
		expect(view(100).heading).not.toContain('resubmitted');
		expect(view(100).heading).toContain('started');
	});
});

describe('the model typed', () => {
	it('is drawn safe whatever a paste carries, and taken only as owner/slug', async () => {
		const store = batchStore();
		const ctl = controller();
		const resubmit = fake();
		const app = await renderApp(store, {
			commands: new Session({store, fetcher: {...ctl, resubmit}, quit: ctl.quit, screens: SCREENS}),
			columns: 100,
			rows: 30,
		});
		await app.press('R', (f) => f.includes('so it is asked'));
		const frame = await app.press('acme\u202E/ocr\u0007', (f) => f.includes('model  acme'));
		expect(app.raw()).not.toContain('\u202E');
		expect(app.raw()).not.toContain('\u0007');
		expect(frame).toContain('model  acme');
		await app.press(KEY.enter, (f) => f.includes('not owner/slug'));
		expect(store.getState().resubmit.model).toBeNull();
	});
});
