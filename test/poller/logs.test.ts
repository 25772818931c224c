// The poller following the open run's logs as the simulated run writes them.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {LOG_PAGE_SIZE, Poller} from '../../source/poller/poller.js';
import {makePlan} from '../../source/sim/plan.js';
import {visibleLines} from '../../source/sim/runs.js';
import {createAppStore} from '../../source/store/store.js';
import {waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {tickCounter} from '../helpers/ticks.js';

closeSimulatorsAfterEach();

const ID = 'b_logs';
const LOGS_ROUTE = 'GET /v1/runs/:id/logs';
const pollers: Poller[] = [];

afterEach(() => {
	for (const poller of pollers.splice(0)) poller.stop();
});

async function setup(lines: number) {
	const spec = batch(ID, {items: 4, logLinesPerRun: lines});
	const plan = makePlan(spec, 0);
	const h = await controlledSim({batches: [spec]});
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, timeoutMs: 2000});
	const store = createAppStore({batchId: ID, pageSize: 5});
	const ticks = tickCounter();
	// Slowing down while nothing changes stops at 4 intervals here: ticks keep coming.
	const poller = new Poller({client, store, intervalMs: 30, slowestMs: 120, maxBackoffMs: 200, onTick: ticks.onTick});
	/** Polling stopped for good (the batch finished and was confirmed; what was missing is read). */
	const stopped = () => store.getState().polling.settled && !poller.busy;
	pollers.push(poller);
	/** Sets the sim clock to a fraction of item 0's run (0 = its start, 1 = its end). */
	const at = (fraction: number) => h.setTime(plan.runStartMs + Math.floor(fraction * (plan.endMs - plan.runStartMs)));
	const logs = () => store.getState().logs;
	const lineNumbers = () => logs()?.lines.map((l) => Number(l.meta?.['line'])) ?? [];
	const requests = () => h.sim.stats.byRoute[LOGS_ROUTE]?.requests ?? 0;
	return {...h, h, plan, store, poller, ticks, stopped, at, logs, lineNumbers, requests};
}

/** Lines held are one unbroken run of the log: no line twice, none skipped. */
function expectConsecutive(numbers: number[]): void {
	const first = numbers[0] ?? 0;
	expect(numbers).toEqual(Array.from({length: numbers.length}, (_, i) => first + i));
}

function expectInOrderOnce(numbers: number[], count: number): void {
	expect(numbers).toEqual(Array.from({length: count}, (_, i) => i));
}

describe('following logs', () => {
	it("fetches the open run's logs and adds new lines as the run writes them, none twice", async () => {
		const {store, poller, ticks, stopped, at, logs, lineNumbers} = await setup(40);
		at(0.25);
		poller.start();
		await waitFor(() => expect(store.getState().list.pages.get('')?.items[0]?.run_id).toBeTruthy());
		expect(store.getState().openLogs()).toBe(true);
		await waitFor(() => expect(logs()?.loaded).toBe(true));
		const first = lineNumbers().length;
		expect(first).toBeGreaterThan(5);
		expect(first).toBeLessThan(40);
		expectInOrderOnce(lineNumbers(), first);
		expect(logs()?.runId).toBe(store.getState().list.pages.get('')?.items[0]?.run_id);

		at(0.6);
		await waitFor(() => expect(lineNumbers().length).toBeGreaterThan(first));
		at(1.5);
		await waitFor(() => expect(lineNumbers().length).toBe(40));
		await ticks.pass(3, stopped); // more ticks (or none ever again): nothing repeats
		expectInOrderOnce(lineNumbers(), 40);
		expect(logs()?.lines.at(-1)?.message).toMatch(/^Run succeeded/);
		expect(new Set(logs()?.lines.map((l) => l.id)).size).toBe(40);
	});

	it('follows a run writing more lines than a page holds: the newest lines, each once, none missing after them', async () => {
		const {store, poller, ticks, stopped, at, lineNumbers, h, plan} = await setup(1000);
		const visible = () => visibleLines(plan, h.time());
		at(0.3);
		poller.start();
		await waitFor(() => expect(store.getState().list.pages.get('')?.items[0]?.run_id).toBeTruthy());
		store.getState().openLogs();
		await waitFor(() => expect(lineNumbers().at(-1)).toBe(visible() - 1));
		expect(visible()).toBeGreaterThan(LOG_PAGE_SIZE);
		expectConsecutive(lineNumbers());
		for (const fraction of [0.5, 0.51, 0.8, 1]) {
			at(fraction);
			await waitFor(() => expect(lineNumbers().at(-1)).toBe(visible() - 1));
			expectConsecutive(lineNumbers());
		}
		await ticks.pass(2, stopped);
		expect(lineNumbers().at(-1)).toBe(999);
		expectConsecutive(lineNumbers());
	});

	it('stops asking for the logs of a finished run once it has them all', async () => {
		const {store, poller, ticks, stopped, at, lineNumbers, requests} = await setup(40);
		at(2);
		poller.start();
		await waitFor(() => expect(store.getState().list.pages.size).toBe(1));
		store.getState().openLogs();
		await waitFor(() => expect(lineNumbers().length).toBe(40));
		const count = requests();
		await ticks.pass(3, stopped);
		expect(requests()).toBe(count);
		expectInOrderOnce(lineNumbers(), 40);
	});

	it('follows the run of an item opened while it was still queued, once the run starts', async () => {
		const {store, poller, at, h, plan, lineNumbers} = await setup(40);
		h.setTime(0);
		poller.start();
		await waitFor(() => expect(store.getState().list.pages.get('')?.items[0]?.status_code).toBe('queued'));
		expect(store.getState().openLogs()).toBe(true);
		expect(plan.runStartMs).toBeGreaterThan(0);
		at(0.5);
		await waitFor(() => expect(store.getState().list.pages.get('')?.items[0]?.status_code).toBe('running'));
		await waitFor(() => expect(lineNumbers().length).toBeGreaterThan(0));
	});
});
