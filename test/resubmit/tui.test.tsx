// `R` in the TUI against the simulator: the confirmation's words, `y` and any other key, what the
// new batch carries (checked on the simulator), one batch becoming a job of two (its Esc then the
// job screen, the link `↻ from b_…`, the new batch read to its end), the replay of a second `R`,
// and every refusal said in words with nothing more sent.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {idempotencyKeyFor} from '../../source/lib/idempotency.js';
import {cleanup, waitFor} from '../helpers/app.js';
import {closeSimulatorsAfterEach} from '../helpers/sim.js';
import {KEY, lines} from '../ui/fixtures.js';
import {MODEL, start, stopAll} from './harness.js';

closeSimulatorsAfterEach();
afterEach(() => {
	cleanup();
	stopAll();
});

/** The batch screen, its failures counted (the lean list read). */
const ready = (frame: string) => frame.includes('finished') && frame.includes('failures:');

describe('R on the batch screen', {timeout: 30_000}, () => {
	it("says what it will send, sends nothing on another key, and y creates one batch of the failed items' inputs and client_refs", async () => {
		const t = await start();
		const failed = await t.failures('b_src');
		expect(failed.length).toBeGreaterThan(2);
		await t.app.waitForFrame(ready);
		const frame = await t.app.press('R', (f) => f.includes('1. '));
		expect(frame).toContain('resubmit the failed items of b_src as new batches');
		expect(frame).toContain(`resubmit ${failed.length} failed items of 1 batch as 1 new batch (at most 100 inputs each) to demo/vision-large:`);
		expect(frame).toMatch(/~\$\d+\.\d\d\s*estimated/);
		expect(frame).toContain('failed runs are not billed');
		expect(frame).toContain(`1. ${failed.length} items from b_src`);
		expect(frame).toContain(
			`Idempotency-Key ${idempotencyKeyFor(
				'b_src',
				failed.map((item) => item.id),
			)}`,
		);
		expect(frame).toContain('model  demo/vision-large (--model; m changes it)');
		expect(lines(frame).at(-1)).toContain('y send');
		expect(lines(frame).length).toBeLessThanOrEqual(29);
		// Any other key: nothing sent.
		await t.app.press('n', (f) => f.includes('resubmit cancelled: nothing was sent'));
		expect(t.creates()).toBe(0);
		await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('created 1 new batch'),
		);
		expect(t.sim.created).toHaveLength(1);
		const id = t.sim.created[0]!;
		const made = await t.reader.getBatch(id, {fields: 'id,metadata,items_total'});
		expect(made.metadata).toEqual({resubmitted_from: 'b_src'});
		const items = await t.items(id);
		expect(items.map((item) => item.input)).toEqual(failed.map((item) => item.input));
		expect(items.map((item) => item.client_ref)).toEqual(failed.map((item) => item.client_ref));
	});

	it('the new batch joins at once: one batch becomes a job of two, Esc goes to the job screen, the batch runs to its end there', async () => {
		const t = await start();
		await t.app.waitForFrame(ready);
		expect(t.store.getState().job).toBeNull();
		await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('created 1 new batch'),
		);
		const id = t.sim.created[0]!;
		expect(t.store.getState().job?.ids).toEqual(['b_src', id]);
		// The batch screen says Esc goes to the job now.
		await t.app.waitForFrame((f) => (lines(f).at(-1) ?? '').startsWith('esc job'));
		const job = await t.app.press(KEY.escape, (f) => f.includes('job · 2 batches'));
		const row = lines(job).find((line) => line.includes(id.slice(0, 10)))!;
		expect(row).toContain('↻ from b_src');
		expect(row).toMatch(/queued|running/);
		expect(t.jobs.jobPoller).toBeDefined();
		// Its items run (10 s on the simulator's clock): the job poller reads it to its end.
		t.setTime(t.time() + 30_000);
		const done = await t.app.waitForFrame((f) => (lines(f).find((line) => line.includes('↻ from b_src')) ?? '').includes('succeeded'));
		expect(lines(done).find((line) => line.includes('↻ from b_src'))).toMatch(/(\d+)\/\1/);
		// Every request of the job within its budget from then on: the client took it up.
		const granted = t.budget.granted;
		await t.app.press('r');
		await waitFor(() => t.budget.granted > granted);
	});

	it('R twice creates one batch: the same items give the same Idempotency-Key, and the second is said as given back', async () => {
		const t = await start();
		await t.app.waitForFrame(ready);
		await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('created 1 new batch'),
		);
		await t.app.press(
			'R',
			(f) => f.includes('created before as'),
			'y',
			(f) => f.includes('already held these items'),
		);
		expect(t.sim.created).toHaveLength(1);
		expect(t.creates()).toBe(2);
		expect(t.store.getState().job?.ids).toHaveLength(2);
	});

	it('a lost answer is tried again with the same key: one batch, and its id joins', async () => {
		const t = await start();
		await t.app.waitForFrame(ready);
		t.sim.faults.inject({kind: 'lost_answer'}, {route: '/models/'});
		await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('created 1 new batch'),
		);
		expect(t.creates()).toBe(2);
		expect(t.sim.created).toHaveLength(1);
		expect(t.store.getState().job?.ids).toEqual(['b_src', t.sim.created[0]]);
	});

	it('i narrows to the selected failed item, c to one cause; the plan says so', async () => {
		const t = await start();
		await t.app.waitForFrame(ready);
		// The first failure selected (f), then R.
		await t.app.press('f', (f) => /›\s+\d+ (✗|!)/.test(f));
		const seq = t.store.getState().list.selected + t.store.getState().list.trail.length * 10;
		let frame = await t.app.press('R', (f) => f.includes('1. '));
		expect(frame).toContain(`i: only #${seq}`);
		frame = await t.app.press('i', (f) => f.includes(`only #${seq} (i: every failure)`));
		expect(frame).toContain('resubmit 1 failed item of 1 batch as 1 new batch');
		frame = await t.app.press('i', 'c', (f) => f.includes('only the failures of cause'));
		const cause = /only the failures of cause (\S+)/.exec(frame)![1]!;
		expect(frame).toMatch(new RegExp(`causes: ${cause} ×\\d+\\s*$`, 'm'));
		await t.app.press('y', (f) => f.includes('created 1 new batch'));
		const failed = await t.failures('b_src');
		const made = await t.items(t.sim.created[0]!);
		expect(made.length).toBeLessThan(failed.length);
		expect(made.length).toBeGreaterThan(0);
	});

	it('without --model, the model is asked (a paste stays one text), checked, then kept for the session', async () => {
		const t = await start({model: null});
		await t.app.waitForFrame(ready);
		let frame = await t.app.press('R', (f) => f.includes('so it is asked'));
		expect(lines(frame).at(-1)).toContain('enter take it');
		// Typed letters are the model's, not the confirmation's keys (y, c, m).
		frame = await t.app.press('my model', KEY.enter, (f) => f.includes('not owner/slug'));
		expect(t.store.getState().resubmit.model).toBeNull();
		await t.app.press('\u0015', 'demo/vision-large', (f) => f.includes('model  demo/vision-large'));
		frame = await t.app.press(KEY.enter, (f) => f.includes('(typed; m changes it)'));
		expect(frame).toContain('to demo/vision-large:');
		await t.app.press('y', (f) => f.includes('created 1 new batch'));
		// Remembered: the next R asks no more.
		frame = await t.app.press('R', (f) => f.includes('1. '));
		expect(frame).toContain('(typed; m changes it)');
	});

	it('--batches-file gets the new id as a whole line, once', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'rfw-r-'));
		const file = join(dir, 'job.txt');
		writeFileSync(file, 'b_src\n');
		const t = await start({appendTo: file});
		await t.app.waitForFrame(ready);
		await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('created 1 new batch'),
		);
		await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('already held'),
		);
		expect(readFileSync(file, 'utf8')).toBe(`b_src\n${t.sim.created[0]}\n`);
	});
});

describe('R refused, said in words, nothing more sent', {timeout: 30_000}, () => {
	it('--read-only: R says why, reads and sends nothing', async () => {
		const t = await start({readOnly: true});
		await t.app.waitForFrame(ready);
		const before = t.sim.stats.requests;
		const frame = await t.app.press('R', (f) => f.includes('--read-only'));
		expect(frame).toContain('R resubmits failed items by creating batches, which --read-only forbids: nothing was read or sent');
		expect(t.store.getState().screens).toEqual(['list']);
		// No create, no read of an input.
		await t.app.press('j');
		expect(t.sim.stats.urls.slice(-(t.sim.stats.requests - before)).filter((url) => url.includes('/models/') || url.includes('input'))).toEqual([]);
		expect(t.creates()).toBe(0);
	});

	it('404: an unknown model is named, nothing created', async () => {
		const t = await start({model: {owner: 'acme', slug: 'nothing'}});
		await t.app.waitForFrame(ready);
		const frame = await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('nothing created'),
		);
		expect(frame).toContain('nothing created: model acme/nothing not found (404): nothing was created; check the model given as owner/slug');
		expect(t.sim.created).toHaveLength(0);
	});

	it('422: a model without batches is said, nothing created', async () => {
		const t = await start({model: {owner: 'demo', slug: 'no-batches'}});
		await t.app.waitForFrame(ready);
		const frame = await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('nothing created'),
		);
		expect(frame).toContain('the server refused the batch for demo/no-batches (422');
		expect(t.sim.created).toHaveLength(0);
	});

	it('402: a balance that cannot pay is said in words; R again sends only what is missing', async () => {
		// The balance ran out: the batch stopped with items queued, a few failed before.
		const t = await start({sim: {billing: {balance: '0.05'}}, columns: 220});
		await t.app.waitForFrame((f) => f.includes('failures:'));
		const frame = await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('nothing created'),
		);
		expect(frame).toContain("nothing created: the organization's balance cannot pay for new runs (402 INSUFFICIENT_CREDIT)");
		expect(frame).toContain('R again sends only what is missing');
		expect(t.sim.created).toHaveLength(0);
	});

	it('409: a key taken for another body is said plainly, not tried with another key', async () => {
		const t = await start();
		const failed = await t.failures('b_src');
		// Someone used this key for a different batch of these items.
		await t.reader.createBatch(
			MODEL,
			{input: [{other: true}]},
			{
				idempotencyKey: idempotencyKeyFor(
					'b_src',
					failed.map((item) => item.id),
				),
			},
		);
		await t.app.waitForFrame(ready);
		const frame = await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('nothing created'),
		);
		expect(frame).toContain('nothing created: the server already took this Idempotency-Key for a different batch (409 CONFLICT)');
		expect(t.creates()).toBe(2);
		expect(t.sim.created).toHaveLength(1);
	});

	it('403: a key that may not create batches is said', async () => {
		const t = await start({sim: {denied: {createBatch: 403}}});
		await t.app.waitForFrame(ready);
		const frame = await t.app.press(
			'R',
			(f) => f.includes('1. '),
			'y',
			(f) => f.includes('nothing created'),
		);
		expect(frame).toContain('the API key may not create batches for demo/vision-large (403');
	});
});

describe('R on the job screen', {timeout: 30_000}, () => {
	it('reads the inputs within the budget with progress, plans one new batch per source batch, and they join the job', async () => {
		const t = await start({ids: ['b_src', 'b_two'], rps: 4});
		await t.app.waitForFrame((f) => f.includes('job · 2 batches') && /b_two\s+\S+ \S+/.test(f) && !f.includes('reading'));
		const [src, two] = [await t.failures('b_src'), await t.failures('b_two')];
		const before = t.sim.stats.requests;
		// Progress while the inputs are read, one request at a time within --max-rps.
		await t.app.press('R', (f) => /reading inputs [1-9]\d*\/\d+…/.test(f));
		const frame = await t.app.waitForFrame((f) => f.includes('2. '));
		expect(frame).toContain(`resubmit ${src.length + two.length} failed items of 2 batches as 2 new batches`);
		expect(frame).toContain('the whole job (2 of its batches have failures)');
		// A page of each batch (fewer requests than their failures by id).
		expect(t.sim.stats.urls.slice(-(t.sim.stats.requests - before)).filter((url) => url.includes('input'))).toHaveLength(2);
		await t.app.press('y', (f) => f.includes('created 2 new batches'));
		expect(t.store.getState().job?.ids).toEqual(['b_src', 'b_two', ...t.sim.created]);
		const links = await t.app.waitForFrame((f) => f.includes('↻ from b_two'));
		expect(links).toContain('↻ from b_src');
	});
});
