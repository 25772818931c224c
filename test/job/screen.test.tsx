// The job screen, the whole way: a simulator with several batches, the client with a request
// budget, the job poller and the batch poller, the store and the Ink app, driven by keys.
import {afterEach, describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {jobSession} from '../../source/cli/controller.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore} from '../../source/store/store.js';
import {cleanup, renderApp, waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {KEY, lines, selectedLine} from '../ui/fixtures.js';

closeSimulatorsAfterEach();
const stops: (() => void)[] = [];
afterEach(() => {
	cleanup();
	for (const stop of stops.splice(0)) stop();
});

const IDS = ['b_one', 'b_two', 'b_bad', 'b_gone'];

async function start(options: {rps?: number; onRequest?: () => void} = {}) {
	const h = await controlledSim({
		...(options.onRequest ? {onRequest: options.onRequest} : {}),
		batches: [
			batch('b_one', {items: 12, durationMs: 10_000}),
			batch('b_two', {items: 30, durationMs: 10_000}),
			batch('b_bad', {items: 20, durationMs: 10_000, failureRate: 0.5, seed: 5}),
		],
	});
	h.setTime(20_000);
	const budget = new RequestBudget({ratePerSecond: options.rps ?? 50});
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, budget});
	const store = createAppStore({batchId: IDS[0]!, pageSize: 10, jobIds: IDS});
	const poller = new Poller({client, store, intervalMs: 60_000});
	poller.enableTriage();
	const jobPoller = new JobPoller({client, store, intervalMs: 60_000, yieldTo: () => poller.busy});
	stops.push(
		() => poller.stop(),
		() => jobPoller.stop(),
	);
	jobPoller.start();
	const app = await renderApp(store, {commands: jobSession(store, poller, jobPoller, () => {}), columns: 100, rows: 24});
	// Every batch read once: three found, one not.
	await app.waitForFrame((frame) => frame.includes('? not found') && !frame.includes('reading'));
	return {...h, app, store, poller, jobPoller, budget};
}

const itemRequests = (urls: string[]) => urls.filter((url) => url.includes('/items')).length;

describe('the job screen', () => {
	it('shows the whole job above one row per batch, a missing batch said as such', async () => {
		const {app, sim} = await start();
		const frame = app.frame();
		expect(lines(frame)[0]).toContain('job · 4 batches');
		// 62 items of the three batches found, all finished by now.
		expect(frame).toContain('62/62');
		for (const id of IDS) expect(frame).toContain(id);
		const bad = lines(frame).find((line) => line.includes('b_bad'))!;
		expect(bad).toMatch(/20\/20\s+(\d+)/);
		expect(Number(/20\/20\s+(\d+)/.exec(bad)![1])).toBeGreaterThan(0);
		expect(lines(frame).find((line) => line.includes('b_gone'))).toContain('? not found');
		expect(frame).toContain('batch 1 of 4');
		// Only the batches' details were read: no item page of any batch.
		expect(itemRequests(sim.stats.urls)).toBe(0);
		expect(lines(frame).length).toBeLessThanOrEqual(23);
	});

	it('enter opens the selected batch on its items; esc comes back with it selected, and its items stop being read', async () => {
		const {app, sim} = await start();
		expect(itemRequests(sim.stats.urls)).toBe(0);
		await app.press('j', KEY.enter, (frame) => frame.includes('batch b_two') && frame.includes('items #0–#9 of 30'));
		expect(itemRequests(sim.stats.urls)).toBeGreaterThan(0);
		await app.press(KEY.escape, (frame) => frame.includes('job · 4 batches'));
		expect(selectedLine(app.frame()) ?? '').toContain('b_two');
		// The batch screen's poller stopped: r on the job screen reads the batches, not the items.
		const items = itemRequests(sim.stats.urls);
		const before = sim.stats.requests;
		await app.press('r');
		await waitFor(() => expect(sim.stats.requests).toBeGreaterThanOrEqual(before + 3));
		expect(itemRequests(sim.stats.urls)).toBe(items);
		// The same batch again: read again (a new screen, though it is the batch last shown).
		await app.press(KEY.enter, (frame) => frame.includes('batch b_two') && frame.includes('items #0–#9 of 30'));
		await app.press(KEY.escape, (frame) => frame.includes('job · 4 batches'));
		// The missing batch opens nothing.
		await app.press('G', (frame) => (selectedLine(frame) ?? '').includes('b_gone'));
		await app.press(KEY.enter);
		expect(app.frame()).toContain('job · 4 batches');
	});

	it('f goes to the first failed item of the job, opening its batch on it; esc and f again go on to the next', async () => {
		const {app, store} = await start();
		await app.press('f', (frame) => frame.includes('batch b_bad') && /› .*[✗!] (failed|errored)/.test(frame));
		const first = store.getState().job!.lastFailure!;
		expect(first.batchId).toBe('b_bad');
		await app.press(KEY.escape, (frame) => frame.includes('job · 4 batches'));
		expect(selectedLine(app.frame()) ?? '').toContain('b_bad');
		await app.press('f', (frame) => frame.includes('batch b_bad'));
		await waitFor(() => expect(store.getState().job!.lastFailure!.seq).toBeGreaterThan(first.seq));
		await waitFor(() => expect(selectedLine(app.frame()) ?? '').toMatch(/[✗!] (failed|errored)/));
	});

	it('F goes to the last failed item of the job, on its page beyond the first, though the item was read by another request', async () => {
		const {app, store, poller} = await start();
		await app.press('F', (frame) => frame.includes('batch b_bad') && frame.includes('items #10–#19 of 20'));
		const last = store.getState().job!.lastFailure!;
		expect(last.seq).toBeGreaterThanOrEqual(10);
		// From the start, backwards: round the end of the job, and it says so once there.
		await waitFor(() => expect(app.frame()).toContain('wrapped round to the last failure of the job'));
		await waitFor(() => expect(selectedLine(app.frame()) ?? '').toMatch(new RegExp(`^\\S*\\s*${last.seq} [✗!] (failed|errored)`)));
		// An item as another read of the list gave it (the job's read, not the batch screen's): found by id.
		await app.press('g', 'p', (frame) => frame.includes('items #0–#9 of 20'));
		const item = store.getState().batch!.items!.find((row) => row.sequence_index === 15)!;
		await poller.goToItem({...item});
		await app.waitForFrame((frame) => frame.includes('items #10–#19 of 20') && /› +15 /.test(frame));
	});

	it('s filters the batches: with failures shows only the failed batch', async () => {
		const {app} = await start();
		await app.press('s', 's', 's', (frame) => frame.includes('filter: with failures'));
		const frame = app.frame();
		expect(frame).toContain('b_bad');
		expect(frame).not.toContain('b_one');
		expect(frame).toContain('(1 of 4)');
	});

	it('every request of the job keeps to the budget, whatever the keys ask', async () => {
		const arrivals: number[] = [];
		const {app, sim} = await start({rps: 5, onRequest: () => arrivals.push(Date.now())});
		const seen = arrivals.length;
		// Each r asks every batch again at once; opening a batch adds its own reads.
		await app.press('r', 'r', 'r', 'j', 'j', KEY.enter, (frame) => frame.includes('batch b_bad'));
		await waitFor(() => expect(arrivals.length).toBeGreaterThanOrEqual(seen + 8), {timeout: 20_000});
		const late = arrivals.slice(seen);
		// At most 5 in any second (one more for a request delayed on a busy machine).
		for (const at of late) expect(late.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(6);
		expect(late.at(-1)! - late[0]!).toBeGreaterThanOrEqual(((late.length - 2) / 5) * 1000);
	});
});

describe('the job screen says when its figures lag', () => {
	it('names the running batch read longest ago, with the time it was read, once that passes the interval', async () => {
		const store = createAppStore({batchId: 'b_1', pageSize: 10, jobIds: ['b_1', 'b_2'], intervalMs: 2000});
		const running = (id: string): Parameters<ReturnType<typeof store.getState>['jobBatchLoaded']>[0] => ({
			id,
			status_code: 'running',
			items_total: 10,
			items_succeeded: 3,
			items_failed: 0,
			items_cancelled: 0,
			cost: '0.1',
			started_at: '2026-04-01T12:00:00Z',
		});
		const t0 = Date.UTC(2026, 3, 1, 12, 0, 0);
		store.getState().jobBatchLoaded(running('b_1'), t0);
		store.getState().jobBatchLoaded(running('b_2'), t0 + 1000);
		store.getState().pollSucceeded(t0 + 1500);
		const app = await renderApp(store, {columns: 120, rows: 24});
		expect(app.frame()).not.toContain('oldest figure');
		// The budget reads b_2 again, not b_1: b_1's figure is 9 s old.
		store.getState().jobBatchLoaded(running('b_2'), t0 + 9000);
		store.getState().pollSucceeded(t0 + 9000);
		const frame = await app.waitForFrame((text) => text.includes('oldest figure'));
		const clock = new Date(t0).toTimeString().slice(0, 8);
		expect(frame).toContain(`oldest figure read at ${clock} (b_1)`);
	});
});

describe('the batch on screen first', () => {
	it("the job poller sends nothing while the batch screen's poller reads, and goes on once it is done", async () => {
		const h = await controlledSim({batches: [batch('b_one'), batch('b_two')]});
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const store = createAppStore({batchId: 'b_one', pageSize: 10, jobIds: ['b_one', 'b_two']});
		let reading = true;
		let asked = 0;
		const jobPoller = new JobPoller({
			client,
			store,
			intervalMs: 60_000,
			yieldTo: () => {
				asked++;
				return reading;
			},
		});
		stops.push(() => jobPoller.stop());
		jobPoller.start();
		await waitFor(() => expect(asked).toBeGreaterThanOrEqual(5));
		expect(h.sim.stats.requests).toBe(0);
		reading = false;
		await waitFor(() => expect(h.sim.stats.requests).toBe(2));
	});
});

describe('a key rejected while a job is watched', () => {
	it('stops reading, says so, keeps the figures; r tries again', async () => {
		const {app, sim, store} = await start();
		sim.faults.always({kind: 'unauthorized'});
		await app.press('r');
		await app.waitForFrame((frame) => lines(frame)[0]!.includes('stopped'));
		expect(store.getState().connection.status).toBe('halted');
		expect(app.frame()).toContain('62/62');
		sim.faults.clear();
		const before = sim.stats.requests;
		await app.press('r');
		await waitFor(() => expect(store.getState().connection.status).toBe('ok'));
		expect(sim.stats.requests).toBeGreaterThan(before);
	});
});
