// The run's details: read when the view opens and every tick until the run is read finished;
// a run the API does not know yet (404) is said and asked for again; a queued item's run is
// picked up once the item starts.
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {LogFollower} from '../../source/poller/logs.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {page} from '../ui/fixtures.js';
import {RUN_ROUTE, runHarness, stopPollersAfterEach, waitFor} from './harness.js';

closeSimulatorsAfterEach();
stopPollersAfterEach();

describe('run details', () => {
	it('reads the run (failure, node runs) and stops asking once it is read finished', async () => {
		const t = await runHarness({failureRate: 1, logLinesPerRun: 20});
		t.at(0.5);
		await t.open();
		await waitFor(() => expect(t.logs()?.run?.status_code).toBe('running'));
		expect(t.logs()?.runFinal).toBe(false);
		const running = t.sim.stats.byRoute[RUN_ROUTE]?.requests ?? 0;
		await waitFor(() => expect(t.sim.stats.byRoute[RUN_ROUTE]?.requests).toBeGreaterThan(running)); // asked every tick

		t.at(1.5);
		await waitFor(() => expect(t.logs()?.runFinal).toBe(true));
		const run = t.logs()?.run;
		expect(run?.failure_code).toBe(t.plan.failure?.code ?? null);
		expect(run?.failure_stage_code).toBe(t.plan.failure?.stage);
		expect(run?.failure_message).toBe(t.plan.failure?.message);
		expect(run?.logs).toBeUndefined(); // the run's own lines are not kept twice
		expect(t.logs()?.nodeRuns?.some((node) => node.state_code === 'failed')).toBe(true);
		const final = t.sim.stats.byRoute[RUN_ROUTE]?.requests;
		await t.ticks.pass(2);
		expect(t.sim.stats.byRoute[RUN_ROUTE]?.requests).toBe(final);
	});

	it('a run the API answers 404 for is said not started, and asked for again every tick', async () => {
		const spec = batch('b_404', {items: 2});
		const h = await controlledSim({batches: [spec]});
		h.setTime(5000);
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const store = createAppStore({batchId: 'b_404', pageSize: 5});
		store.getState().pageLoaded(null, page([{id: 'item-x', sequence_index: 0, run_id: 'run_unknown', status_code: 'dispatching'}]), 0);
		store.getState().openLogs();
		const follower = new LogFollower(client, store); // what each poller tick runs for the run view
		await follower.tick(new AbortController().signal);
		expect(store.getState().logs?.runMissing).toBe(true);
		expect(store.getState().logs?.lines).toEqual([]);
		const asked = h.sim.stats.byRoute[RUN_ROUTE]?.requests ?? 0;
		await follower.tick(new AbortController().signal);
		expect(h.sim.stats.byRoute[RUN_ROUTE]?.requests).toBe(asked + 1);
		expect(h.sim.stats.byRoute['GET /v1/runs/:id/logs']).toBeUndefined(); // no logs for a run not found
	});

	it('follows the run of an item opened while it was queued, once the list brings its run id', async () => {
		const t = await runHarness({logLinesPerRun: 30});
		t.setTime(0);
		t.poller.start();
		await waitFor(() => expect(t.store.getState().list.pages.get('')?.items[0]?.status_code).toBe('queued'));
		expect(t.store.getState().openLogs()).toBe(true);
		expect(t.logs()?.runId).toBeNull();
		await t.ticks.pass(2);
		expect(t.sim.stats.byRoute[RUN_ROUTE]).toBeUndefined();
		t.at(0.5);
		await waitFor(() => expect(t.logs()?.runId).toBe(t.store.getState().list.pages.get('')?.items[0]?.run_id));
		await waitFor(() => expect(t.numbers().length).toBeGreaterThan(5));
		expect(t.logs()?.run?.status_code).toBe('running');
	});
});
