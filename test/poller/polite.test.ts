// Polite to the API (issue 11): the monitor asks only for what it shows, reads what grows with
// the batch at a pace that falls as it grows, slows down while nothing changes and stops once
// the batch finished. Checked by the URLs and bytes the simulator saw over loopback, on a
// virtual clock (the simulator reads the same clock), and by the header's frames.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {ITEM_FIELDS} from '../../source/api/fields.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {pollerSession} from '../../source/cli/controller.js';
import {Command} from '../../source/lib/commands.js';
import {Poller} from '../../source/poller/poller.js';
import {startSimulator, type SimOptions, type Simulator} from '../../source/sim/server.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {runBin} from '../helpers/bin.js';
import {batch, realTimeSim, closeSimulatorsAfterEach} from '../helpers/sim.js';
import {renderApp} from '../ui/fixtures.js';

closeSimulatorsAfterEach();

const ID = 'b_polite';
const ITEMS = 'GET /v1/batches/:id/items';
const BATCH = 'GET /v1/batches/:id';
const open: Array<{poller: Poller; sim: Simulator}> = [];

afterEach(async () => {
	for (const {poller, sim} of open.splice(0)) {
		poller.stop();
		await sim.close();
	}
});

interface Setup {
	sim: Simulator;
	clock: VirtualClock;
	store: AppStore;
	poller: Poller;
	client: RunflowClient;
	/** Lets `ms` of simulated time pass, polls and all. */
	run(ms: number): Promise<void>;
	urls(match: RegExp): string[];
	requests(route: string): number;
}

/** A monitor on a virtual clock: the simulator's batch starts at the clock's start. */
async function setup(spec: Partial<BatchSpec>, options: SimOptions = {}, pageSize = 10): Promise<Setup> {
	const clock = new VirtualClock();
	const sim = await startSimulator({batches: [batch(ID, spec)], clock: () => clock.now(), ...options});
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize});
	const poller = new Poller({client, store, intervalMs: 2000, clock});
	open.push({poller, sim});
	return {
		sim,
		clock,
		store,
		poller,
		client,
		run: async (ms) => clock.runUntil(clock.now() + ms, () => poller.busy),
		urls: (match) => sim.stats.urls.filter((url) => match.test(url)),
		requests: (route) => sim.stats.byRoute[route]?.requests ?? 0,
	};
}

const itemUrls = /^\/v1\/batches\/b_polite\/items\?/;
const batchUrls = /^\/v1\/batches\/b_polite(\?|$)/;
const param = (url: string, name: string) => new URL(url, 'http://x').searchParams.get(name);

describe('asking only for what is shown', () => {
	it("reads the list with the table's fields and no embedded run; the batch's counters every tick, its lean list only at times", async () => {
		const t = await setup({items: 900, durationMs: 600_000});
		t.poller.start();
		await t.run(300_000);
		const items = t.urls(itemUrls);
		expect(items.length).toBeGreaterThan(5);
		for (const url of items) {
			expect(param(url, 'fields')).toBe(ITEM_FIELDS);
			expect(param(url, 'embed')).toBeNull();
		}
		const batches = t.urls(batchUrls);
		expect(batches.every((url) => param(url, 'fields') !== null)).toBe(true);
		const lean = batches.filter((url) => param(url, 'fields')!.split(',').includes('items'));
		expect(lean.length).toBeGreaterThan(0);
		expect(lean.length).toBeLessThan(batches.length);
		// What the table shows is all there: costs, errors and times from the item itself.
		const page = t.store.getState().list.pages.get('')!;
		expect(page.items.some((item) => item.started_at)).toBe(true);
		expect(page.items.every((item) => item.run === null)).toBe(true);
	});

	it('a running 20,000-item batch costs at most 300 KB a tick on average', async () => {
		const t = await setup({items: 20_000, durationMs: 1_200_000, failureRate: 0.1}, {}, 50);
		t.poller.start();
		await t.run(120_000);
		t.sim.stats.reset();
		await t.run(120_000);
		const ticks = t.requests(ITEMS);
		expect(ticks).toBeGreaterThanOrEqual(50);
		expect(t.store.getState().polling.slowerEveryMs).toBeNull();
		expect(t.sim.stats.bytesOut / ticks).toBeLessThan(300 * 1024);
		// The lean list was still read, and the store holds it with the counters.
		expect(t.store.getState().batch?.items).toHaveLength(20_000);
	}, 60_000);

	it('a server that refuses `fields` gets each request again without it, once per route, and everything is shown', async () => {
		const t = await setup({items: 12, durationMs: 20_000, failureRate: 0.3}, {refuseFields: true}, 5);
		t.poller.start();
		await t.run(30_000);
		const state = t.store.getState();
		expect(state.connection.status).toBe('ok');
		expect(state.list.pages.get('')?.items.map((i) => i.sequence_index)).toEqual([0, 1, 2, 3, 4]);
		expect(state.batch?.items).toHaveLength(12);
		expect(t.urls(itemUrls).filter((url) => param(url, 'fields') !== null)).toHaveLength(1);
		expect(t.urls(batchUrls).filter((url) => param(url, 'fields') !== null)).toHaveLength(1);
		expect(t.client.shaper.refuses('items', 'fields')).toBe(true);
	});

	it('a server that refuses `embed` gets the request again without it, and is not asked with it again', async () => {
		const t = await setup({items: 4, durationMs: 2000}, {refuseEmbed: true});
		await t.run(5000);
		const id = (await t.client.listItems(ID, {limit: 1})).items[0]!.id;
		const item = await t.client.getItem(ID, id, {embed: 'run'});
		expect(item.id).toBe(id);
		await t.client.getItem(ID, id, {embed: 'run'});
		const asked = t.urls(/\/items\/bi_/);
		expect(asked.map((url) => param(url, 'embed'))).toEqual(['run', null, null]);
	});

	it('sends If-None-Match with the ETag it got, and takes a 304 as the same answer', async () => {
		const t = await setup({items: 12, durationMs: 600_000, startDelayMs: 3_600_000}, {etags: true});
		t.poller.start();
		await t.run(10_000);
		const held = t.store.getState().batch;
		await t.run(60_000);
		expect(t.sim.stats.notModified).toBeGreaterThan(3);
		expect(t.store.getState().batch).toBe(held);
		expect(t.store.getState().connection.status).toBe('ok');
	});
});

describe('stopping when nothing can change', () => {
	it('once the batch finished, confirms it once, stops polling, says so, and `r` polls once', async () => {
		const t = await setup({items: 12, durationMs: 10_000, failureRate: 0.3});
		t.poller.start();
		await t.run(20_000);
		expect(t.store.getState().polling.settled).toBe(true);
		const before = t.sim.stats.requests;
		await t.run(600_000);
		expect(t.sim.stats.requests).toBe(before);
		// Polls that saw the batch finished: the one that first did, the one that confirmed it.
		const counters = t.urls(batchUrls).filter((url) => !param(url, 'fields')!.split(',').includes('items'));
		expect(counters.length).toBeLessThan(t.urls(batchUrls).length);

		const screen = await renderApp(t.store, {columns: 120, rows: 30});
		expect(screen.frame().split('\n')[0]).toContain('finished · not polling · r refreshes');
		const shown = screen.frame();
		t.poller.refresh();
		await t.run(10);
		expect(t.requests(BATCH)).toBeGreaterThan(0);
		expect(t.sim.stats.requests).toBeGreaterThan(before);
		const after = t.sim.stats.requests;
		await t.run(600_000);
		expect(t.sim.stats.requests).toBe(after);
		expect(screen.frame()).toBe(shown);
		screen.unmount();
	});

	it('opening a run once stopped reads its logs until they are complete, then nothing more', async () => {
		const t = await setup({items: 6, durationMs: 10_000, logLinesPerRun: 30});
		t.poller.start();
		await t.run(20_000);
		expect(t.store.getState().polling.settled).toBe(true);
		pollerSession(t.store, t.poller, () => {}).run(Command.OpenLogs, {listRows: 20, logRows: 20});
		expect(t.store.getState().view).toBe('logs');
		await t.run(10_000);
		expect(t.store.getState().logs?.lines).toHaveLength(30);
		const before = t.sim.stats.requests;
		await t.run(600_000);
		expect(t.sim.stats.requests).toBe(before);
	});
});

describe('slowing down while nothing changes', () => {
	it('grows the interval to 30 s while items stay queued (at most 6 requests a minute), shows it, and snaps back on a change or a key', async () => {
		const t = await setup({items: 30, durationMs: 600_000, startDelayMs: 3_600_000});
		const startsAt = t.clock.now() + 3_600_000;
		t.poller.start();
		await t.run(1000);
		t.sim.stats.reset();
		await t.run(300_000);
		expect(t.sim.stats.requests / 5).toBeLessThanOrEqual(6);
		expect(t.store.getState().polling.slowerEveryMs).toBe(30_000);
		const screen = await renderApp(t.store, {commands: pollerSession(t.store, t.poller, () => {}), columns: 120, rows: 30});
		const header = () => screen.frame().split('\n')[0];
		expect(header()).toContain('live · every 30 s');
		// A key: the asked pace again, and the header says nothing of it.
		screen.stdin.write('j');
		await vi.waitFor(() => expect(header()).not.toContain('every'), {timeout: 10_000});
		expect(t.store.getState().polling.slowerEveryMs).toBeNull();
		screen.unmount();
		// Slow again, then the batch starts: the first change brings the asked pace back.
		await t.run(120_000);
		expect(t.store.getState().polling.slowerEveryMs).toBe(30_000);
		const paces: Array<number | null> = [];
		t.store.subscribe((state) => paces.push(state.polling.slowerEveryMs));
		await t.run(startsAt - t.clock.now() + 60_000);
		expect(paces).toContain(null);
	}, 30_000);
});

describe('plain and json', () => {
	it.each(['plain', 'json'])(
		'--ui %s never reads the item list',
		async (ui) => {
			const sim = await realTimeSim({batches: [batch('b_lean', {items: 10, durationMs: 1500, failureRate: 0.3})]});
			const result = await runBin(['b_lean', '-i', '0.5', '--ui', ui], {env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey}});
			expect(result.code).toBe(1);
			expect(sim.stats.byRoute[ITEMS]?.requests ?? 0).toBe(0);
			// The failures' causes were looked up one item at a time, with the item's own fields.
			const byId = sim.stats.urls.filter((url) => /\/items\/bi_/.test(url));
			expect(byId.length).toBeGreaterThan(0);
			for (const url of byId) expect(param(url, 'fields')).toBe(ITEM_FIELDS);
		},
		20_000,
	);
});
