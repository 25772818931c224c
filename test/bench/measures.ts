// In-process measures: network per poll, bytes drawn per poll, render time and key-to-frame
// latency with many items held.
import {VirtualClock} from './virtual-clock.js';
import {changeFirstPageItem, firstData, median, memoryAfterGc, sleep, startHarness} from './harness.js';
import {Command} from '../../source/lib/commands.js';
import {PACE_CAP_MS} from '../../source/poller/pace.js';

export interface NetworkFigures {
	requestsPerTick: number;
	bytesPerTick: number;
}

async function ticks(run: () => Promise<void>, count: number): Promise<void> {
	for (let i = 0; i < count; i++) await run();
}

/** Requests and bytes per poll in steady state, page size 50, list only and with logs open. */
export async function networkPerTick(withLogs: boolean): Promise<NetworkFigures> {
	const clock = new VirtualClock();
	const h = await startHarness({
		clock,
		screen: null,
		batch: {id: 'b_net', items: 120, durationMs: 600_000, failureRate: 0.1, logLinesPerRun: 200},
	});
	const sim = h.sim!;
	h.poller.start();
	const step = async () => clock.runUntil(clock.now() + 2000, () => h.poller.busy);
	await ticks(step, 60); // two simulated minutes in: items are running
	if (withLogs) {
		const state = h.store.getState();
		const page = [...state.list.pages.values()][0];
		const running = page?.items.findIndex((item) => item.status_code === 'running') ?? -1;
		state.move(Math.max(0, running));
		h.command(Command.OpenLogs);
		await ticks(step, 5);
	}
	sim.stats.reset();
	const count = 20;
	await ticks(step, count);
	const figures = {requestsPerTick: sim.stats.requests / count, bytesPerTick: sim.stats.bytesOut / count};
	await h.close();
	return figures;
}

export interface DrawFigures {
	/** Bytes per poll once nothing changed for 5 minutes (the pace settled at every 30 s). */
	unchangedBytesPerPoll: number;
	/** The polls that measure counted, and their requests. */
	unchangedPolls: number;
	unchangedRequests: number;
	/** The slowest pace, reached before measuring. */
	settledEveryMs: number;
	/** In the 5 minutes before: the pace's steps, the frames drawn (one per step, one for `stalled since`) and their bytes. */
	settlingSteps: number;
	settlingFrames: number;
	settlingBytes: number;
	/** Whether the last frame before the measure says `stalled since`, and counts running items. */
	stalled: boolean;
	running: boolean;
	oneItemChangedBytes: number;
}

/** What the quiet measure waits for before counting: the pace at its cap, `stalled since` shown. */
const SETTLE_MS = 5 * 60_000;

/**
 * Bytes Ink writes to the terminal per poll when nothing changed, and when one item did. The
 * poller runs on a virtual clock at the default interval; the simulator's batch runs for two
 * minutes, then its time stands still: polls bring the same data. For 5 minutes the pace slows
 * down step by step (4 s, 8 s, 16 s, 30 s: each step changes the header's words once) and the
 * pace line says `stalled since`; the polls after that are measured. Each poll is given real
 * time for Ink to draw (past its 30 fps throttle).
 */
export async function bytesPerPoll(): Promise<DrawFigures> {
	const clock = new VirtualClock();
	let frozenAt: number | null = null;
	const h = await startHarness({
		clock,
		simNow: () => frozenAt ?? clock.now(),
		batch: {id: 'b_draw', items: 120, durationMs: 600_000, failureRate: 0.1},
	});
	const busy = () => h.poller.busy;
	const every = () => h.store.getState().polling.slowerEveryMs;
	/** Up to the next poll (at the pace in use), then real time for Ink to draw. */
	const poll = async () => {
		await clock.runUntil(clock.now() + (every() ?? 2000), busy);
		await sleep(50);
	};
	h.poller.start();
	const started = clock.now();
	while (clock.now() < started + 120_000) await poll();
	if (!h.store.getState().batch || h.store.getState().list.pages.size === 0) throw new Error('no data from the simulator');
	frozenAt = clock.now();
	await poll(); // the last change reaches the screen
	const settleStart = {bytes: h.stdout.bytes, frames: h.stdout.frames};
	const paces: (number | null)[] = [every()];
	while (clock.now() < frozenAt + SETTLE_MS) {
		await poll();
		if (paces.at(-1) !== every()) paces.push(every());
	}

	const settledEveryMs = every() ?? 0;
	if (settledEveryMs !== PACE_CAP_MS) throw new Error(`the pace did not settle: ${paces.join(' → ')}`);
	const settlingBytes = h.stdout.bytes - settleStart.bytes;
	const settlingFrames = h.stdout.frames - settleStart.frames;
	const stalled = h.stdout.lastFrame.includes('stalled since');
	const running = /◐ running \d/.test(h.stdout.lastFrame);
	const before = h.stdout.bytes;
	const requests = h.sim!.stats.requests;
	const polls = 6; // three simulated minutes
	for (let i = 0; i < polls; i++) await poll();
	const unchangedRequests = h.sim!.stats.requests - requests;
	if (unchangedRequests < polls) throw new Error(`${polls} polls at the settled pace made only ${unchangedRequests} requests`);
	const unchanged = (h.stdout.bytes - before) / polls;
	h.poller.stop();
	await sleep(100);
	// One item changes status.
	const start = h.stdout.bytes;
	changeFirstPageItem(h.store, 3, (item) => ({...item, status_code: item.status_code === 'failed' ? 'succeeded' : 'failed'}));
	await sleep(200);
	const changed = h.stdout.bytes - start;
	await h.close();
	return {
		unchangedBytesPerPoll: unchanged,
		unchangedPolls: polls,
		unchangedRequests,
		settledEveryMs,
		settlingSteps: paces.length - 1,
		settlingFrames,
		settlingBytes,
		stalled,
		running,
		oneItemChangedBytes: changed,
	};
}

export interface HeldFigures {
	items: number;
	renderMsMedian: number;
	keyToFrameMsMedian: number;
}

/** Frame render time and key-to-frame latency with `items` items held in memory. */
export async function withItemsHeld(items: number): Promise<HeldFigures> {
	const renders: number[] = [];
	const h = await startHarness({
		batch: {id: 'b_held', items, durationMs: 600_000, failureRate: 0.1},
		pageSize: 500,
		onRender: (metrics) => renders.push(metrics.renderTime),
	});
	h.poller.start();
	await firstData(h.store, 60_000);
	h.poller.stop();
	await sleep(300);
	renders.length = 0;
	const latencies: number[] = [];
	for (let i = 0; i < 60; i++) {
		const wrote = h.stdout.nextWrite();
		const start = performance.now();
		h.stdin.press(i % 20 < 10 ? 'j' : 'k');
		await wrote;
		latencies.push(performance.now() - start);
		await sleep(40); // past Ink's 30 fps throttle, so each press draws its own frame
	}
	const figures = {items, renderMsMedian: median(renders), keyToFrameMsMedian: median(latencies)};
	await h.close();
	return figures;
}

export interface LogFollowFigures {
	lines: number;
	heapGrowthMb: number;
}

/**
 * Heap after GC before and after the log view draws `lines` new, all different, log lines,
 * its 10,000-line buffer already full: what following a chatty run for hours costs.
 */
export async function followingLogs(lines: number): Promise<LogFollowFigures> {
	const h = await startHarness({batch: {id: 'b_follow', items: 20, durationMs: 600_000}});
	h.poller.start();
	await firstData(h.store);
	h.poller.stop();
	await sleep(100);
	const runId = 'run-follow';
	changeFirstPageItem(h.store, 0, (item) => ({...item, run_id: runId, status_code: 'running'}));
	h.store.getState().move(0);
	h.store.getState().openLogs();
	let n = 0;
	const add = async (count: number) => {
		const fresh = Array.from({length: count}, () => {
			n++;
			return {
				id: `l${n}`,
				run_id: runId,
				level_code: n % 50 === 0 ? 'warning' : 'info',
				message: `step ${n}: shard ${(n * 7919) % 100_000} done in ${n % 997} ms, loss ${(1 / n).toFixed(8)}`,
				timestamp: new Date(Date.UTC(2026, 10, 28, 9) + n * 100).toISOString(),
			};
		});
		h.store.getState().logsLoaded(runId, fresh);
		await sleep(35); // past Ink's 30 fps throttle: every batch of lines is drawn
	};
	for (let i = 0; i < 10_000 / 500; i++) await add(500);
	const before = (await memoryAfterGc()).heapMb;
	for (let drawn = 0; drawn < lines; drawn += 25) await add(25);
	const after = (await memoryAfterGc()).heapMb;
	await h.close();
	return {lines, heapGrowthMb: after - before};
}
