// What watching costs the API (issue 11), in simulated time: bytes per tick while the batch
// runs against what the unprojected `embed=run` page and batch detail would cost, requests per
// minute once it finished and while nothing changes, and a 20,000-item batch's bytes per tick.
// The process figures (CPU, RSS) of the bin on a 20,000-item batch are in process-measures.ts.
import {VirtualClock} from './virtual-clock.js';
import {startHarness, type Harness} from './harness.js';
import type {BatchSpec} from '../../source/sim/plan.js';

export interface PoliteFigures {
	bytesPerTick: number;
	/** The unprojected `embed=run` page plus the unprojected batch detail, at the same moment. */
	unprojectedBytesPerTick: number;
	finishedRequestsPerMinute: number;
	quietRequestsPerMinute: number;
	bigBatchBytesPerTick: number;
}

const MINUTE = 60_000;

async function harness(batch: BatchSpec, clock: VirtualClock): Promise<Harness & {run(ms: number): Promise<void>}> {
	const h = await startHarness({clock, screen: null, batch});
	return {...h, run: async (ms) => clock.runUntil(clock.now() + ms, () => h.poller.busy)};
}

async function bodyBytes(url: string, apiKey: string): Promise<number> {
	const response = await fetch(url, {headers: {authorization: `Bearer ${apiKey}`}});
	return Buffer.byteLength(await response.text());
}

/** Bytes per tick of a running 120-item batch whose items carry model-sized input/output (20 KB each). */
async function runningBytes(): Promise<{bytes: number; unprojected: number}> {
	const clock = new VirtualClock();
	const h = await harness({id: 'b_polite', items: 120, durationMs: 600_000, failureRate: 0.1, logLinesPerRun: 200, payloadBytes: 20_000}, clock);
	h.poller.start();
	await h.run(2 * MINUTE);
	const sim = h.sim!;
	sim.stats.reset();
	await h.run(MINUTE);
	const ticks = sim.stats.byRoute['GET /v1/batches/:id/items']?.requests ?? 1;
	const bytes = sim.stats.bytesOut / ticks;
	const unprojected =
		(await bodyBytes(`${sim.url}/v1/batches/b_polite/items?limit=50&embed=run`, sim.apiKey)) +
		(await bodyBytes(`${sim.url}/v1/batches/b_polite`, sim.apiKey));
	await h.close();
	return {bytes, unprojected};
}

/** Requests a minute over `minutes` after `lead` of simulated time. */
async function requestsPerMinute(batch: BatchSpec, lead: number, minutes: number): Promise<number> {
	const clock = new VirtualClock();
	const h = await harness(batch, clock);
	h.poller.start();
	await h.run(lead);
	h.sim!.stats.reset();
	await h.run(minutes * MINUTE);
	const figure = h.sim!.stats.requests / minutes;
	await h.close();
	return figure;
}

/** Bytes per tick of a running 20,000-item batch, page size 50. */
async function bigBatchBytes(): Promise<number> {
	const clock = new VirtualClock();
	const h = await harness({id: 'b_big', items: 20_000, durationMs: 20 * MINUTE, failureRate: 0.1}, clock);
	h.poller.start();
	await h.run(2 * MINUTE);
	h.sim!.stats.reset();
	await h.run(4 * MINUTE);
	const ticks = h.sim!.stats.byRoute['GET /v1/batches/:id/items']?.requests ?? 1;
	const figure = h.sim!.stats.bytesOut / ticks;
	await h.close();
	return figure;
}

export async function politeness(): Promise<PoliteFigures> {
	const running = await runningBytes();
	// Finished after 10 s; measured from 30 s on (after the confirming poll), for 10 minutes.
	const finished = await requestsPerMinute({id: 'b_done', items: 120, durationMs: 10_000, failureRate: 0.1}, 30_000, 10);
	// Items queued for an hour: 5 minutes of nothing changing, from the first poll on.
	const quiet = await requestsPerMinute({id: 'b_quiet', items: 120, durationMs: 600_000, startDelayMs: 3_600_000}, 1000, 5);
	return {
		bytesPerTick: running.bytes,
		unprojectedBytesPerTick: running.unprojected,
		finishedRequestsPerMinute: finished,
		quietRequestsPerMinute: quiet,
		bigBatchBytesPerTick: await bigBatchBytes(),
	};
}
