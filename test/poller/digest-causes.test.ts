// The digest's causes (lib/journal-entries.ts): what failed since the journal, grouped and said in
// words; and the TUI's reads of them (poller/digest-causes.ts): by id, with only what a cause
// needs, at most 20, done once the figures are whole, and none after a key took the digest away.
import {describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {BATCH_LEAN_FIELDS} from '../../source/api/fields.js';
import type {LeanItem} from '../../source/api/types.js';
import {groupCauses} from '../../source/lib/failures.js';
import {digestCausesOf, digestOf, digestText, failedSince, failedKeys, itemKey, NO_CAUSES} from '../../source/lib/journal-entries.js';
import {newJobEntry} from '../../source/lib/job-rows.js';
import {DigestCauseReader} from '../../source/poller/digest-causes.js';
import {loadedEntry} from '../../source/store/job.js';
import {createAppStore} from '../../source/store/store.js';
import {selectJournalAlert} from '../../source/ui/journal-selectors.js';
import {waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const lean = (id: string, status_code: string): LeanItem => ({id, sequence_index: Number(id.slice(1)), run_id: null, status_code, client_ref: null});

describe("the digest's causes, in words", () => {
	const base = {finished: 0, failed: 0, cost: 0n, batchesFinished: 0};
	const now = {finished: 340, failed: 12, cost: 4_120_000_000n, batchesFinished: 3};
	const since = Date.UTC(2026, 3, 1, 2, 14, 5);
	const causes = (list: string[], pending = false) => ({groups: groupCauses(list), read: list.length, pending});
	const text = (list: string[], pending = false) =>
		digestText(digestOf(base, now, since, true, causes(list, pending))).replace(/^since \d\d:\d\d:\d\d: /, '');

	it('the largest first, at most 3, then how many causes more; of how many when fewer were read than failed', () => {
		const twelve = [...Array(8).fill('OOM'), ...Array(3).fill('TIMEOUT'), 'INVALID_INPUT'];
		expect(text(twelve)).toBe('340 finished, 12 failed (OOM ×8, TIMEOUT ×3, INVALID_INPUT ×1), $4.1200, 3 batches finished');
		expect(text([...twelve.slice(0, 10), 'MODEL_ERROR', 'INVALID_INPUT'])).toContain('12 failed (OOM ×8, TIMEOUT ×2, INVALID_INPUT ×1, +1 more)');
		expect(text(['OOM', 'OOM', 'B', 'A', 'C'])).toContain('12 failed (of 5 read: OOM ×2, A ×1, B ×1, +1 more)');
	});

	it('none read: reading while reads may come, else not read; nothing failed: no word of causes', () => {
		expect(text([], true)).toContain('12 failed (reading causes)');
		expect(text([])).toContain('12 failed (causes not read)');
		expect(digestText(digestOf(base, {...now, failed: 0}, since, true, NO_CAUSES))).not.toContain('failed');
	});

	it("a cause is the server's text: made safe for the terminal", () => {
		expect(text(['\u001B]8;;https://evil\u0007OOM\u001B]8;;\u0007'])).not.toContain('\u001B');
	});

	it('the items failed since are those held now that the journal did not hold as failed; only their causes count', () => {
		const then = loadedEntry(
			newJobEntry('b'),
			{
				id: 'b',
				status_code: 'running',
				items_total: 4,
				items_succeeded: 0,
				items_failed: 1,
				items_cancelled: 0,
				cost: null,
				items: [lean('i1', 'failed'), lean('i2', 'running'), lean('i3', 'queued'), lean('i4', 'queued')],
			},
			0,
		);
		const later = loadedEntry(
			then,
			{...then.batch!, items_failed: 3, items: [lean('i1', 'failed'), lean('i2', 'failed'), lean('i3', 'errored'), lean('i4', 'running')]},
			1,
		);
		const before = failedKeys([then]);
		const found = failedSince([later], before);
		expect(found.map((item) => item.key)).toEqual([itemKey('b', 'i2'), itemKey('b', 'i3')]);
		expect(digestCausesOf(found, {[itemKey('b', 'i1')]: 'OLD', [itemKey('b', 'i2')]: 'OOM', [itemKey('b', 'i3')]: null}, false)).toEqual({
			groups: [{cause: 'OOM', count: 1}],
			read: 1,
			pending: false,
		});
	});
});

describe("the TUI's reads of the digest's causes", () => {
	async function restarted(maxReads?: number, ratePerSecond?: number) {
		const h = await controlledSim({batches: [batch('b_big', {items: 200, durationMs: 600_000, failureRate: 0.5, seed: 5})]});
		const client = new RunflowClient({
			baseUrl: h.sim.url,
			apiKey: h.sim.apiKey,
			retries: 0,
			...(ratePerSecond ? {budget: new RequestBudget({ratePerSecond})} : {}),
		});
		const store = createAppStore({batchId: 'b_big', pageSize: 50, jobIds: ['b_big', 'b_other']});
		h.setTime(60_000);
		// The journal: b_big as read then (b_other never read), written at 2000.
		store.getState().jobRestored([loadedEntry(newJobEntry('b_big'), await client.getBatch('b_big', {fields: BATCH_LEAN_FIELDS}), 1000)], 2000, true);
		h.setTime(500_000);
		h.sim.stats.reset();
		const reader = new DigestCauseReader({client, store, ...(maxReads === undefined ? {} : {maxReads})});
		// As cli/journal.ts does: poked whenever the store changed.
		store.subscribe(() => reader.poke());
		reader.start();
		const read = async () => store.getState().jobBatchLoaded(await client.getBatch('b_big', {fields: BATCH_LEAN_FIELDS}), 3000);
		const causeReads = () => h.sim.stats.urls.filter((url) => url.includes('/items/') && url.includes('fields=id%2Cstatus_code%2Cerror'));
		return {h, store, reader, read, causeReads};
	}

	it('at most 20, then no more (done, though the figures are not whole yet); the alert says of how many', async () => {
		const {store, reader, read, causeReads} = await restarted();
		await read();
		await waitFor(() => expect(reader.reads).toBe(20));
		await waitFor(() => expect(Object.keys(store.getState().job!.journal!.causes)).toHaveLength(20));
		// b_other was never read: the figures are not whole, more failures may come.
		expect(store.getState().job!.journal!.causesDone).toBe(true);
		expect(causeReads()).toHaveLength(20);
		expect(selectJournalAlert(store.getState())?.text).toMatch(/ failed \(of 20 read: [^)]+\).* · reading 1 more batch · any key goes on$/);
		reader.stop();
	});

	it('a key takes the digest away: the reads stop', async () => {
		// One read every 100 ms: the key comes while they go on.
		const {store, reader, read, causeReads} = await restarted(undefined, 10);
		await read();
		await waitFor(() => expect(Object.keys(store.getState().job!.journal!.causes).length).toBeGreaterThanOrEqual(2));
		store.getState().journalSeen();
		const made = reader.reads;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(reader.reads).toBe(made);
		expect(causeReads().length).toBeLessThanOrEqual(made);
		expect(made).toBeLessThan(20);
	});

	it('every item failed since read, once the figures are whole: done, and the words have every cause', async () => {
		const {store, reader, read} = await restarted(500);
		store.getState().jobBatchFailed('b_other', 'not found', true);
		expect(selectJournalAlert(store.getState())?.text).not.toContain('failed (');
		await read();
		expect(selectJournalAlert(store.getState())?.text).toMatch(/ failed \((reading causes|of \d+ read: )/);
		await waitFor(() => expect(store.getState().job!.journal!.causesDone).toBe(true), {timeout: 20_000});
		const mark = store.getState().job!.journal!;
		const since = failedSince([store.getState().job!.batches['b_big']!], mark.failedBefore);
		expect(reader.reads).toBe(since.length);
		expect(selectJournalAlert(store.getState())?.text).toMatch(new RegExp(` ${since.length} failed \\((?!of )`));
	}, 30_000);
});
