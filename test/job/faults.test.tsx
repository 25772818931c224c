// One batch's fault is that batch's (issue 18.3): a server that answers an error page for one
// batch of a job marks that batch stale (its row, the alert line naming it and counting the
// batches affected), and the job only while figures it shows can still change.
import {afterEach, describe, expect, it} from 'vitest';
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {jobSession} from '../../source/cli/controller.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore} from '../../source/store/store.js';
import {cleanup, renderApp, waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {KEY, lines} from '../ui/fixtures.js';

closeSimulatorsAfterEach();
const stops: (() => void)[] = [];
afterEach(() => {
	cleanup();
	for (const stop of stops.splice(0)) stop();
});

const HTML_502 = 'the server answered with an HTML page (502)';

/** 12 batches: 11 finished, and `slow` finished too or still running. */
async function start(slowMs: number) {
	const ids = [...Array.from({length: 11}, (_, i) => `b_ok_${String(i).padStart(2, '0')}`), 'b_slow'];
	const h = await controlledSim({
		batches: ids.map((id, i) => batch(id, {items: 10, durationMs: id === 'b_slow' ? slowMs : 10_000, failureRate: 0.2, seed: i})),
	});
	h.setTime(20_000);
	const budget = new RequestBudget({ratePerSecond: 50});
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, budget});
	const store = createAppStore({batchId: ids[0]!, pageSize: 10, jobIds: ids, intervalMs: 300});
	const poller = new Poller({client, store, intervalMs: 60_000});
	const jobPoller = new JobPoller({client, store, intervalMs: 300, maxBackoffMs: 1000, yieldTo: () => poller.busy});
	stops.push(
		() => poller.stop(),
		() => jobPoller.stop(),
	);
	jobPoller.start();
	const app = await renderApp(store, {commands: jobSession(store, poller, jobPoller, () => {}), columns: 120, rows: 30});
	await app.waitForFrame((frame) => lines(frame)[0]!.includes('job · 12 batches') && !frame.includes('reading'));
	const slowReads = () => h.sim.stats.urls.filter((url) => url.startsWith('/v1/batches/b_slow')).length;
	return {...h, app, store, slowReads};
}

/** The table row of batch `id`: its marker (2 columns), a space, the id. */
const rowOf = (frame: string, id: string) => lines(frame).find((line) => line.slice(3).startsWith(id)) ?? '';

describe('one batch of a job answered with an error page', () => {
	it('a running batch: its row marked stale, the alert line naming it and counting the batches affected, the others fresh', async () => {
		const {app, sim} = await start(600_000);
		sim.faults.always({kind: 'html', status: 502}, {route: '/v1/batches/b_slow'});
		const frame = await app.waitForFrame((text) => text.includes(HTML_502));
		expect(frame).toContain(`b_slow: ${HTML_502} · 1 of 12 batches stale`);
		// The row: marked '!' right after the selection marker; no other row is.
		expect(rowOf(frame, 'b_slow')).toMatch(/^.!/);
		const others = lines(frame).filter((text) => text.slice(3).startsWith('b_ok_'));
		expect(others).toHaveLength(11);
		for (const line of others) expect(line).not.toMatch(/^.!/);
		// The job's figures include a batch that can still change: the job is stale, and says so.
		expect(lines(frame)[0]).toContain('stale since');
		expect(lines(frame)[0]).toContain('◐ running');
	});

	it('a finished batch (the job all finished): r meets the error page for it, and nothing is called stale', async () => {
		const {app, sim, slowReads} = await start(10_000);
		await app.waitForFrame((text) => lines(text)[0]!.includes('not polling'));
		sim.faults.always({kind: 'html', status: 502}, {route: '/v1/batches/b_slow'});
		const before = slowReads();
		await app.press('r');
		const frame = await app.waitForFrame((text) => text.includes(HTML_502));
		expect(slowReads()).toBe(before + 1);
		expect(frame).toContain(`b_slow: ${HTML_502} · its figures stand: it had finished`);
		expect(lines(frame)[0]).not.toContain('stale');
		expect(lines(frame)[0]).not.toContain('✗ failed');
		expect(rowOf(frame, 'b_slow')).not.toMatch(/^.!/);
		await app.waitForFrame((text) => lines(text)[0]!.includes('not polling'));
	});

	it('the batch screen of another batch is not blamed for it', async () => {
		const {app, sim, slowReads} = await start(600_000);
		sim.faults.always({kind: 'html', status: 502}, {route: '/v1/batches/b_slow'});
		await app.waitForFrame((text) => text.includes(HTML_502));
		await app.press(KEY.enter, (frame) => frame.includes('batch b_ok_00') && frame.includes('items #0–#9 of 10'));
		// The job's reads go on meanwhile, and b_slow's keep failing.
		const before = slowReads();
		await waitFor(() => expect(slowReads()).toBeGreaterThanOrEqual(before + 2));
		const header = lines(app.frame())[0]!;
		expect(header).toContain('batch b_ok_00');
		expect(header).not.toContain('stale');
		expect(app.frame()).not.toContain(HTML_502);
	});
});
