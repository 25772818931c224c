// A batch whose lean item list passes the 8 MB answer limit (some hundred thousand items): its
// counters are read alone from then on, as from a server that sends no item list, on the batch
// screen and in a job, instead of failing every poll.
import {describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore} from '../../source/store/store.js';
import {waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterEach();

/** The lean list's answers (the projection naming `items`) pass the limit; the counters' do not. */
function leanTooLarge(h: SimHarness): void {
	h.sim.faults.always({kind: 'huge', bytes: 9 * 1024 * 1024}, {route: /fields=[^&]*%2Citems(&|$)/});
}

const leanReads = (h: SimHarness) => h.sim.stats.urls.filter((url) => /fields=[^&]*%2Citems(&|$)/.test(url)).length;

describe('a lean item list past the answer limit', () => {
	it('the batch screen: the counters alone, polling goes on, the lean list asked for once', async () => {
		const h = await controlledSim({batches: [batch('b_vast', {items: 40, durationMs: 60_000})]});
		h.setTime(30_000);
		leanTooLarge(h);
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const store = createAppStore({batchId: 'b_vast', pageSize: 10});
		const poller = new Poller({client, store, intervalMs: 100});
		poller.start();
		try {
			await waitFor(() => expect(store.getState().batch?.items_total).toBe(40));
			const batchNow = store.getState().batch!;
			expect(batchNow.items).toBeUndefined();
			expect(store.getState().connection.status).toBe('ok');
			// Later polls read the counters, never the list again.
			const requests = h.sim.stats.requests;
			await waitFor(() => expect(h.sim.stats.requests).toBeGreaterThan(requests + 4));
			expect(leanReads(h)).toBe(1);
			expect(store.getState().connection.status).toBe('ok');
		} finally {
			poller.stop();
		}
	});

	it('a job: that batch by its counters, the others as ever', async () => {
		const h = await controlledSim({batches: [batch('b_vast', {items: 40, durationMs: 60_000}), batch('b_small', {items: 5, durationMs: 60_000})]});
		h.setTime(30_000);
		h.sim.faults.always({kind: 'huge', bytes: 9 * 1024 * 1024}, {route: /b_vast\?fields=[^&]*%2Citems(&|$)/});
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, budget: new RequestBudget({ratePerSecond: 50})});
		const store = createAppStore({batchId: 'b_vast', pageSize: 10, jobIds: ['b_vast', 'b_small'], intervalMs: 100});
		const poller = new JobPoller({client, store, intervalMs: 100});
		poller.start();
		try {
			await waitFor(() => {
				const {batches} = store.getState().job!;
				expect(batches['b_vast']!.batch?.items_total).toBe(40);
				expect(batches['b_small']!.batch?.items_total).toBe(5);
				expect(batches['b_vast']!.error).toBeNull();
			});
			const requests = h.sim.stats.requests;
			await waitFor(() => expect(h.sim.stats.requests).toBeGreaterThan(requests + 4));
			expect(h.sim.stats.urls.filter((url) => /b_vast\?fields=[^&]*%2Citems(&|$)/.test(url))).toHaveLength(1);
			expect(store.getState().job!.batches['b_vast']!.error).toBeNull();
		} finally {
			poller.stop();
		}
	});
});
