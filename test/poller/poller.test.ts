// The Poller with a real store and client against the simulator (the sim's clock is the
// test's; the poller runs on real timers with short intervals).
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {ApiError} from '../../source/api/errors.js';
import {Poller, type Clock, type PollerOptions} from '../../source/poller/poller.js';
import type {Connection} from '../../source/store/state.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {waitFor} from '../helpers/app.js';
import {Command, commands} from '../helpers/session.js';
import {batch, closeSimulatorsAfterEach, controlledSim, type SimHarness} from '../helpers/sim.js';

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

/**
 * A poller that is idle (halted, paused, stopped, or between ticks a minute apart) shows nothing
 * to wait for: a short settle, then the test checks that nothing happened. Only for that; a busy
 * machine can make these checks pass too easily, never fail.
 */
const quiet = async (ms: number) => new Promise((resolve) => {
	setTimeout(resolve, ms);
});

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
		const {sim, poller, requests} = await setup({
			intervalMs: 60_000, maxBackoffMs: 60_000, timeoutMs: 400,
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
		await quiet(150);
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
		await waitFor(() => expect(store.getState().list.pages.get(next!)?.items.map((i) => i.sequence_index)).toEqual([5, 6, 7, 8, 9]));
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
		const {sim, store, poller, halts} = await setup();
		poller.start();
		await waitFor(() => expect(store.getState().connection.status).toBe('ok'));
		const held = store.getState().batch;
		const page = store.getState().list.pages.get('');
		sim.faults.inject({kind: 'unauthorized'}, {count: 2});
		await waitFor(() => expect(store.getState().connection.status).toBe('halted'));
		expect(store.getState().connection).toMatchObject({errorKind: 'unauthorized', nextRetryAt: null});
		expect(store.getState().batch).toBe(held);
		expect(store.getState().list.pages.get('')).toBe(page);
		expect(halts.map((e) => e.kind)).toEqual(['unauthorized']);
		await quiet(50);
		const count = sim.stats.requests;
		await quiet(250);
		expect(sim.stats.requests).toBe(count);
	});

	it('does not poll while paused', async () => {
		let pausedAt = -1;
		const {sim, store, poller} = await setup({
			onTick: () => {
				// Pause between two ticks, with the next one already scheduled.
				if (pausedAt < 0 && sim.stats.requests >= 6) {
					setImmediate(() => {
						pausedAt = sim.stats.requests;
						commands(store, poller)(Command.TogglePause);
					});
				}
			},
		});
		poller.start();
		await waitFor(() => expect(pausedAt).toBeGreaterThan(0));
		await quiet(400);
		expect(store.getState().paused).toBe(true);
		expect(sim.stats.requests).toBe(pausedAt);
	});

	it('polls at once on resume', async () => {
		const {store, poller, ticks} = await setup({intervalMs: 60_000});
		poller.start();
		await waitFor(() => expect(ticks()).toBe(1));
		const run = commands(store, poller);
		run(Command.TogglePause);
		await quiet(50);
		expect(ticks()).toBe(1);
		run(Command.TogglePause);
		await waitFor(() => expect(ticks()).toBe(2));
	});

	it('stop() between ticks clears the scheduled poll', async () => {
		const {clock, timers} = trackingClock();
		let stoppedAt = -1;
		const {sim, poller, ticks} = await setup({
			clock,
			onTick: () => {
				if (stoppedAt >= 0 || sim.stats.requests < 4) return;
				setImmediate(() => {
					expect(timers.size).toBe(1); // the next poll is scheduled
					poller.stop();
					stoppedAt = sim.stats.requests;
				});
			},
		});
		poller.start();
		await waitFor(() => expect(stoppedAt).toBeGreaterThan(0));
		expect(timers.size).toBe(0);
		await quiet(250);
		expect(timers.size).toBe(0);
		expect(sim.stats.requests).toBe(stoppedAt);
		poller.refreshNow();
		expect(sim.stats.requests).toBe(stoppedAt);
		expect(ticks()).toBe(0); // the custom onTick replaced the counter
	});

	it('stop() aborts the request in flight', async () => {
		const {clock, timers} = trackingClock();
		const {sim, poller, store, ticks, client} = await setup({intervalMs: 50, timeoutMs: 10_000, clock});
		const signals: AbortSignal[] = [];
		const getBatch = client.getBatch.bind(client);
		vi.spyOn(client, 'getBatch').mockImplementation(async (id, params, call) => {
			if (call?.signal) signals.push(call.signal);
			return getBatch(id, params, call);
		});
		poller.start();
		await waitFor(() => expect(ticks()).toBeGreaterThanOrEqual(2));
		sim.faults.always({kind: 'hang'});
		const before = sim.stats.requests;
		await waitFor(() => expect(sim.stats.requests).toBeGreaterThan(before + 1));
		const inFlight = signals.at(-1)!;
		expect(inFlight.aborted).toBe(false);
		const status = store.getState().connection.status;
		const done = ticks();
		poller.stop();
		expect(inFlight.aborted).toBe(true);
		expect(timers.size).toBe(0);
		const count = sim.stats.requests;
		await quiet(300);
		expect(timers.size).toBe(0);
		expect(ticks()).toBe(done);
		expect(sim.stats.requests).toBe(count);
		expect(store.getState().connection.status).toBe(status);
	});
});

/** The system clock, keeping count of the timers pending. */
function trackingClock(): {clock: Clock; timers: Set<unknown>} {
	const timers = new Set<unknown>();
	const clock: Clock = {
		now: () => Date.now(),
		setTimeout: (callback, ms) => {
			const handle = setTimeout(() => {
				timers.delete(handle);
				callback();
			}, ms);
			timers.add(handle);
			return handle;
		},
		clearTimeout: (handle) => {
			timers.delete(handle);
			clearTimeout(handle as NodeJS.Timeout);
		},
	};
	return {clock, timers};
}
