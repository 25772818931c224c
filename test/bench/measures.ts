// In-process measures: network per poll, bytes drawn per poll, render time and key-to-frame
// latency with many items held.
import {VirtualClock} from './virtual-clock.js';
import {changeFirstPageItem, firstData, median, memoryAfterGc, sleep, startHarness} from './harness.js';
import {Command} from '../../source/lib/commands.js';

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
	unchangedBytesPerPoll: number;
	oneItemChangedBytes: number;
}

/** Bytes Ink writes to the terminal per poll when nothing changed, and when one item did. */
export async function bytesPerPoll(): Promise<DrawFigures> {
	const frozen = {now: () => Date.UTC(2026, 10, 28, 9, 1, 0), setTimeout, clearTimeout};
	const h = await startHarness({
		clock: {now: frozen.now, setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout)},
		intervalMs: 100,
		batch: {id: 'b_draw', items: 120, durationMs: 600_000, failureRate: 0.1},
	});
	h.poller.start();
	await firstData(h.store);
	await sleep(500);
	const before = h.stdout.bytes;
	const polls = h.sim!.stats.requests;
	await sleep(1500); // about 15 polls of identical data
	const pollCount = Math.max(1, (h.sim!.stats.requests - polls) / 2);
	const unchanged = (h.stdout.bytes - before) / pollCount;
	h.poller.stop();
	await sleep(100);
	// One item changes status.
	const start = h.stdout.bytes;
	changeFirstPageItem(h.store, 3, (item) => ({...item, status_code: item.status_code === 'failed' ? 'succeeded' : 'failed'}));
	await sleep(200);
	const changed = h.stdout.bytes - start;
	await h.close();
	return {unchangedBytesPerPoll: unchanged, oneItemChangedBytes: changed};
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
			return {id: `l${n}`, run_id: runId, level_code: n % 50 === 0 ? 'warning' : 'info', message: `step ${n}: shard ${(n * 7919) % 100_000} done in ${n % 997} ms, loss ${(1 / n).toFixed(8)}`, timestamp: new Date(Date.UTC(2026, 10, 28, 9) + n * 100).toISOString()};
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
