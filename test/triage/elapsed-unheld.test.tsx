// The glance line's elapsed time when no item on screen says the time: a filter that matches
// none (or a page not read yet). It runs to the server's clock (the Date of its answers), as on
// the job screen and in plain mode, instead of reading `elapsed 0.0s · 0.0/min`.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {pollerSession} from '../../source/cli/controller.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {cleanup, render} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();
const stops: Array<() => void> = [];
afterEach(() => {
	for (const stop of stops.splice(0)) stop();
	cleanup();
});

describe('elapsed with no item held', () => {
	it('the failed filter matching none: elapsed runs to the server clock, not 0.0s', async () => {
		// No failure at all; the batch started 5 minutes ago and runs for an hour.
		const h = await controlledSim({batches: [batch('b_quiet', {items: 40, durationMs: 3_600_000, failureRate: 0, cancelRate: 0})]});
		h.setTime(5 * 60_000);
		const store = createAppStore({batchId: 'b_quiet', pageSize: 10});
		store.getState().cycleStatusFilter(); // failed: matches none
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const poller = new Poller({client, store, intervalMs: 100});
		stops.push(() => poller.stop());
		const ui = render(<App store={store} commands={pollerSession(store, poller, () => {})} interactive />, {columns: 120, rows: 30});
		poller.start();
		const frame = await ui.waitForFrame((text) => text.includes('filter: failed') && text.includes('elapsed'));
		expect(frame).not.toMatch(/elapsed 0\.0s/);
		expect(frame).toMatch(/elapsed 5m 0\ds/);
	});
});
