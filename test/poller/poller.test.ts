// The Poller with a real store and client against the simulator (the sim's clock is the
// test's). The poller runs on real timers with short intervals, or, where a test checks that
// nothing happens for a while, on a virtual clock (test/bench/virtual-clock.ts): simulated
// minutes pass at once, no real sleep, and a poll scheduled in them would run.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {ApiError} from '../../source/api/errors.js';
import {Poller, type PollerOptions} from '../../source/poller/poller.js';
import type {Connection} from '../../source/store/state.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {waitFor} from '../helpers/app.js';
import {Command, commands} from '../helpers/session.js';
import {BASE_TIME, batch, closeSimulatorsAfterEach, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ID = 'b_poll';
const BATCH_ROUTE = 'GET /v1/batches/:id';
const ITEMS_ROUTE = 'GET /v1/batches/:id/items';
const pollers: Poller[] = [];

afterEach(() => {
	for (const poller of pollers.splice(0)) poller.stop();
});

interface Setup extends SimHarness {
	store: AppStore;
	poller: Poller;
	client: RunflowClient;
	halts: ApiError[];
	ticks: () => number;
	requests: (route: string) => number;
}

async function setup(options: Partial<PollerOptions> & {timeoutMs?: number; items?: number; pageSize?: number} = {}): Promise<Setup> {
	const h = await controlledSim({batches: [batch(ID, {items: options.items ?? 12})]});
	h.setTime(2000);
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, maxRetryDelayMs: 20, timeoutMs: options.timeoutMs ?? 2000});
	const store = createAppStore({batchId: ID, pageSize: options.pageSize ?? 5});
	const halts: ApiError[] = [];
	let ticks = 0;
	const poller = new Poller({
		client,
		store,
		intervalMs: 50,
		maxBackoffMs: 200,
		onHalt: (error) => halts.push(error),
		onTick: () => ticks++,
		...options,
	});
	pollers.push(poller);
	return {...h, store, poller, client, halts, ticks: () => ticks, requests: (route) => h.sim.stats.byRoute[route]?.requests ?? 0};
}

/** The poller's clock for a test that checks that nothing happens: it starts at the simulator's time. */
const virtualClock = () => new VirtualClock(BASE_TIME + 2000);

/** Ten simulated minutes (hundreds of intervals), every timer due in them run, and the work each starts. */
async function tenMinutes(clock: VirtualClock, poller: Poller): Promise<void> {
	await clock.runUntil(clock.now() + 10 * 60_000, () => poller.busy);
}

/** Simulated time up to the next timer (the next poll) and the work it starts, until `done()` (100 polls at most). */
async function pollUntil(clock: VirtualClock, poller: Poller, done: () => boolean): Promise<void> {
	for (let i = 0; i < 100 && !done(); i++) {
		const due = clock.nextDue;
		if (due === null) break;
		await clock.runUntil(due, () => poller.busy);
	}

	expect(done(), 'within 100 polls').toBe(true);
}

/**
 * Calls of the client not settled yet (a poll that failed may leave its other request running:
 * wait for none before counting the requests made).
 */
function callsInFlight(client: RunflowClient): () => number {
	let pending = 0;
	for (const name of ['getBatch', 'listItems', 'getItem', 'getRun', 'listRunLogs', 'listNodeRuns'] as const) {
		const call = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
		(client as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
			pending++;
			try {
				return await call(...args);
			} finally {
				pending--;
			}
		};
	}

	return () => pending;
}

describe('Poller', () => {
	it('fills the batch and the first page on the first tick', async () => {
		const {store, poller} = await setup({intervalMs: 60_000});
		expect(store.getState().connection.status).toBe('connecting');
		poller.start();
		await waitFor(() => expect(store.getState().connection.status).toBe('ok'));
		const state = store.getState();
		expect(state.batch).toMatchObject({id: ID, items_total: 12});
		const first = state.list.pages.get('');
		expect(first?.items.map((i) => i.sequence_index)).toEqual([0, 1, 2, 3, 4]);
		expect(first?.next).not.toBeNull();
		expect(state.list.selectedId).toBe(first?.items[0]?.id);
		expect(state.connection.lastSuccessAt).not.toBeNull();
	});

	it('never runs two ticks at once: refreshNow during a tick polls once more, after it', async () => {
		// The requests made by the end of each tick.
		const ends: Array<[number, number]> = [];
		const clock = virtualClock();
		const {sim, poller, requests} = await setup({
			clock,
			intervalMs: 60_000,
			maxBackoffMs: 60_000,
			timeoutMs: 400,
			onTick: () => ends.push([requests(BATCH_ROUTE), requests(ITEMS_ROUTE)]),
		});
		sim.faults.inject({kind: 'hang'}, {route: /^\/v1\/batches\/b_poll(\?|$)/});
		poller.start();
		await waitFor(() => expect(requests(BATCH_ROUTE)).toBe(1));
		for (let i = 0; i < 5; i++) poller.refreshNow();
		// The hung request times out, ending the first tick: nothing more was asked meanwhile.
		await waitFor(() => ends.length >= 1);
		expect(ends[0]).toEqual([1, 1]);
		// Exactly one more tick follows at once.
		await waitFor(() => ends.length >= 2);
		expect(ends[1]).toEqual([2, 2]);
		// Up to just before the next poll is due: no third tick, nothing more asked.
		await clock.runUntil(clock.now() + 59_000, () => poller.busy);
		expect(ends).toHaveLength(2);
		expect(requests(BATCH_ROUTE)).toBe(2);
		expect(requests(ITEMS_ROUTE)).toBe(2);
	});

	it('fetches the next page as soon as the store moves to it', async () => {
		const {store, poller, requests} = await setup({intervalMs: 60_000});
		poller.start();
		await waitFor(() => expect(store.getState().list.pages.size).toBe(1));
		const next = store.getState().list.pages.get('')?.next;
		const run = commands(store, poller);
		run(Command.NextPage);
		expect(store.getState().list.cursor).toBe(next);
		await waitFor(() =>
			expect(
				store
					.getState()
					.list.pages.get(next!)
					?.items.map((i) => i.sequence_index),
			).toEqual([5, 6, 7, 8, 9]),
		);
		expect(requests(ITEMS_ROUTE)).toBe(2);
		run(Command.PreviousPage);
		expect(store.getState().list.cursor).toBe(null);
		await waitFor(() => expect(requests(ITEMS_ROUTE)).toBe(3));
	});

	it('keeps the data through failing polls, backs off, and recovers by itself', async () => {
		const {sim, store, poller} = await setup();
		poller.start();
		await waitFor(() => expect(store.getState().connection.status).toBe('ok'));
		const held = store.getState().batch;
		const seen: Connection[] = [];
		const waits: number[] = [];
		store.subscribe((state, previous) => {
			if (state.connection === previous.connection) return;
			seen.push(state.connection);
			if (state.connection.nextRetryAt !== null) waits.push(state.connection.nextRetryAt - Date.now());
		});
		sim.faults.inject({kind: 'status', status: 503}, {count: 3});
		await waitFor(() => expect(seen.filter((c) => c.status === 'retrying').length).toBeGreaterThanOrEqual(2));
		const retrying = seen.filter((c) => c.status === 'retrying');
		expect(retrying.map((c) => c.failures)).toEqual([1, 2]);
		for (const c of retrying) {
			expect(c.errorKind).toBe('server');
			expect(c.error).toMatch(/^the server failed \(503\)/);
		}
		// Backed off beyond the 50 ms interval, within the 200 ms cap.
		expect(waits).toHaveLength(2);
		for (const wait of waits) {
			expect(wait).toBeGreaterThanOrEqual(90);
			expect(wait).toBeLessThanOrEqual(200);
		}
		expect(store.getState().batch).toBe(held);
		await waitFor(() => expect(store.getState().connection).toMatchObject({status: 'ok', failures: 0, error: null, nextRetryAt: null}));
	});

	it('halts on a 401 mid-run, keeping the last data and polling no more', async () => {
		const clock = virtualClock();
		const {sim, store, poller, halts, client} = await setup({clock});
		const inFlight = callsInFlight(client);
		poller.start();
		await waitFor(() => expect(store.getState().connection.status).toBe('ok'));
		const held = store.getState().batch;
		const page = store.getState().list.pages.get('');
		sim.faults.inject({kind: 'unauthorized'}, {count: 2});
		await pollUntil(clock, poller, () => store.getState().connection.status === 'halted');
		await waitFor(() => expect(store.getState().connection.status).toBe('halted'));
		expect(store.getState().connection).toMatchObject({errorKind: 'unauthorized', nextRetryAt: null});
		expect(store.getState().batch).toBe(held);
		expect(store.getState().list.pages.get('')).toBe(page);
		expect(halts.map((e) => e.kind)).toEqual(['unauthorized']);
		await waitFor(() => expect(inFlight()).toBe(0));
		const count = sim.stats.requests;
		await tenMinutes(clock, poller);
		expect(clock.pending).toBe(0); // nothing scheduled
		expect(sim.stats.requests).toBe(count);
	});

	it('does not poll while paused', async () => {
		const clock = virtualClock();
		const {sim, store, poller} = await setup({clock});
		poller.start();
		await pollUntil(clock, poller, () => sim.stats.requests >= 6);
		// Pause between two ticks, with the next one already scheduled.
		expect(clock.pending).toBe(1);
		const pausedAt = sim.stats.requests;
		commands(store, poller)(Command.TogglePause);
		expect(clock.pending).toBe(0);
		await tenMinutes(clock, poller);
		expect(store.getState().paused).toBe(true);
		expect(sim.stats.requests).toBe(pausedAt);
	});

	it('polls at once on resume', async () => {
		const clock = virtualClock();
		const {store, poller, ticks} = await setup({intervalMs: 60_000, clock});
		poller.start();
		await waitFor(() => expect(ticks()).toBe(1));
		const run = commands(store, poller);
		run(Command.TogglePause);
		// Ten intervals while paused: the poll due a minute after the first does not come.
		await tenMinutes(clock, poller);
		expect(ticks()).toBe(1);
		const resumedAt = clock.now();
		run(Command.TogglePause);
		await waitFor(() => expect(ticks()).toBe(2));
		expect(clock.now()).toBe(resumedAt); // at once: no simulated time passed
	});

	it('stop() between ticks clears the scheduled poll', async () => {
		const clock = virtualClock();
		let polls = 0;
		const {sim, poller, ticks} = await setup({clock, onTick: () => polls++});
		poller.start();
		await pollUntil(clock, poller, () => sim.stats.requests >= 4);
		expect(polls).toBeGreaterThanOrEqual(2);
		expect(clock.pending).toBe(1); // the next poll is scheduled
		poller.stop();
		const stoppedAt = sim.stats.requests;
		expect(clock.pending).toBe(0);
		await tenMinutes(clock, poller);
		expect(clock.pending).toBe(0);
		expect(sim.stats.requests).toBe(stoppedAt);
		poller.refreshNow();
		expect(sim.stats.requests).toBe(stoppedAt);
		expect(ticks()).toBe(0); // the custom onTick replaced the counter
	});

	it('stop() aborts the request in flight', async () => {
		const clock = virtualClock();
		const {sim, poller, store, ticks, client} = await setup({intervalMs: 50, timeoutMs: 10_000, clock});
		const signals: AbortSignal[] = [];
		const getBatch = client.getBatch.bind(client);
		vi.spyOn(client, 'getBatch').mockImplementation(async (id, params, call) => {
			if (call?.signal) signals.push(call.signal);
			return getBatch(id, params, call);
		});
		poller.start();
		await pollUntil(clock, poller, () => ticks() >= 2);
		sim.faults.always({kind: 'hang'});
		const before = sim.stats.requests;
		// The next poll goes out (and hangs): its timer run, not waited for.
		await clock.runUntil(clock.nextDue!);
		await waitFor(() => expect(sim.stats.requests).toBeGreaterThan(before + 1));
		const inFlight = signals.at(-1)!;
		expect(inFlight.aborted).toBe(false);
		const status = store.getState().connection.status;
		const done = ticks();
		poller.stop();
		expect(inFlight.aborted).toBe(true);
		expect(clock.pending).toBe(0);
		const count = sim.stats.requests;
		await tenMinutes(clock, poller);
		expect(clock.pending).toBe(0);
		expect(ticks()).toBe(done);
		expect(sim.stats.requests).toBe(count);
		expect(store.getState().connection.status).toBe(status);
	});
});
