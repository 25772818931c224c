// A job's reads (issue 18.1): a batch found finished on a read is never read again (until `r`):
// a job of N finished batches costs N reads, then nothing. Counted by the simulator (its requests
// per route), on a virtual clock that the simulator, the poller and the request budget share.
import {afterEach, describe, expect, it} from 'vitest';
import {RequestBudget, type BudgetClock} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import type {Batch} from '../../source/api/types.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {startSimulator, type Simulator} from '../../source/sim/server.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {selectHeader} from '../../source/ui/selectors.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {batch} from '../helpers/sim.js';

const BATCH = 'GET /v1/batches/:id';
const open: Array<{poller: JobPoller; sim: Simulator}> = [];
afterEach(async () => {
	for (const {poller, sim} of open.splice(0)) {
		poller.stop();
		await sim.close();
	}
});

/** A job of `count` batches, all finished an hour before the monitor starts; --max-rps 1, --interval 2. */
async function finishedJob(count: number) {
	const clock = new VirtualClock();
	// The simulator's batches start with it, and run 10 s; an hour passes before the monitor starts.
	let ahead = 0;
	const sim = await startSimulator({
		clock: () => clock.now() + ahead,
		batches: Array.from({length: count}, (_, i) => batch(`b_done_${i}`, {items: 5, failureRate: 0.2, seed: i})),
	});
	ahead = 3_600_000;
	const budgetClock: BudgetClock = {
		now: clock.now,
		setTimeout(fn, ms) {
			const handle = clock.setTimeout(fn, ms);
			return () => clock.clearTimeout(handle);
		},
	};
	const budget = new RequestBudget({ratePerSecond: 1, clock: budgetClock});
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, budget});
	const ids = Array.from({length: count}, (_, i) => `b_done_${i}`);
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids, intervalMs: 2000});
	const poller = new JobPoller({client, store, intervalMs: 2000, clock});
	open.push({poller, sim});
	const start = clock.now();
	return {
		clock,
		sim,
		store,
		poller,
		start,
		reads: () => sim.stats.byRoute[BATCH]?.requests ?? 0,
		run: async (ms: number) => clock.runUntil(clock.now() + ms, () => poller.busy && budget.waiting === 0),
	};
}

const header = (store: AppStore) => {
	const view = selectHeader(store.getState(), 200);
	return `${view.subject} · ${view.status ?? ''} · ${view.connection}`;
};

describe('a job of finished batches', () => {
	it('reads each batch once, then nothing: 200 reads for 200 batches, and the header says not polling', async () => {
		const t = await finishedJob(200);
		// The read that showed the last batch: when every batch is read once, the job is all there.
		let allShownAt: number | null = null;
		let readsWhenShown = 0;
		const unsubscribe = t.store.subscribe((state) => {
			if (allShownAt === null && state.job!.ids.every((id) => state.job!.batches[id]!.refreshedAt !== null)) {
				allShownAt = t.clock.now();
				readsWhenShown = t.reads();
			}
		});
		t.poller.start();
		await t.run(10 * 60_000);
		unsubscribe();
		expect(readsWhenShown).toBe(200);
		// Nothing after the job showed whole (the confirming pass read every batch again: 400 in all).
		expect(t.reads()).toBe(200);
		expect(allShownAt! - t.start).toBeLessThanOrEqual(201_000);
		expect(header(t.store)).toContain('finished · not polling');
		// Another ten minutes: still nothing.
		await t.run(10 * 60_000);
		expect(t.reads()).toBe(200);
	}, 60_000);

	it('r reads every batch once more, then nothing again', async () => {
		const t = await finishedJob(20);
		t.poller.start();
		await t.run(60_000);
		expect(t.reads()).toBe(20);
		t.poller.refreshAll();
		await t.run(5 * 60_000);
		expect(t.reads()).toBe(40);
		expect(header(t.store)).toContain('not polling');
	});
});

describe('a second look, only where it is needed', () => {
	const at = Date.UTC(2026, 3, 1, 12, 0, 0);
	const read = (overrides: Partial<Batch>): Batch => ({
		id: 'b_1',
		status_code: 'partial_succeeded',
		items_total: 10,
		items_succeeded: 8,
		items_failed: 2,
		items_cancelled: 0,
		cost: '0.10',
		created_at: '2026-04-01T11:00:00Z',
		started_at: '2026-04-01T11:00:01Z',
		completed_at: '2026-04-01T11:05:00Z',
		...overrides,
	});
	const confirmed = (store: AppStore) => store.getState().job!.batches['b_1']!.confirmed;

	it('a terminal batch whose counters add up is finished on that read', () => {
		const store = createAppStore({batchId: 'b_1', pageSize: 10, jobIds: ['b_1', 'b_2']});
		store.getState().jobBatchLoaded(read({}), at);
		expect(confirmed(store)).toBe(true);
	});

	it('a terminal batch whose counters do not add up yet is read again, until a read brings the same figures', () => {
		const store = createAppStore({batchId: 'b_1', pageSize: 10, jobIds: ['b_1', 'b_2']});
		store.getState().jobBatchLoaded(read({items_succeeded: 6}), at);
		expect(confirmed(store)).toBe(false);
		store.getState().jobBatchLoaded(read({items_succeeded: 7}), at + 2000);
		expect(confirmed(store)).toBe(false);
		// The server still counts 9 of 10: those are its figures.
		store.getState().jobBatchLoaded(read({items_succeeded: 7}), at + 4000);
		expect(confirmed(store)).toBe(true);
	});

	it('a batch whose lean list still has an item running is read again', () => {
		const store = createAppStore({batchId: 'b_1', pageSize: 10, jobIds: ['b_1', 'b_2']});
		const items = Array.from({length: 10}, (_, i) => ({
			id: `i${i}`,
			sequence_index: i,
			run_id: null,
			client_ref: null,
			status_code: i === 9 ? 'running' : 'succeeded',
		}));
		store.getState().jobBatchLoaded(read({items}), at);
		expect(confirmed(store)).toBe(false);
	});

	it('a running batch is never finished, whatever its counters', () => {
		const store = createAppStore({batchId: 'b_1', pageSize: 10, jobIds: ['b_1', 'b_2']});
		store.getState().jobBatchLoaded(read({status_code: 'running', completed_at: null}), at);
		store.getState().jobBatchLoaded(read({status_code: 'running', completed_at: null}), at + 2000);
		expect(confirmed(store)).toBe(false);
	});
});
