// Starts simulators for a test with a clock the test controls, and closes them afterwards.
import {afterAll, afterEach} from 'vitest';
import {startSimulator, type SimOptions, type Simulator} from '../../source/sim/server.js';
import type {BatchSpec} from '../../source/sim/plan.js';

export const BASE_TIME = Date.UTC(2026, 3, 1, 12, 0, 0);

export interface SimHarness {
	sim: Simulator;
	/** Milliseconds since the simulator started (its batches start at 0). */
	setTime(ms: number): void;
	time(): number;
}

const open: Simulator[] = [];

const closeAll = async () => {
	await Promise.all(open.splice(0).map(async (sim) => sim.close()));
};

/** Registers the afterEach that closes every simulator a test started. Call once per file. */
export function closeSimulatorsAfterEach(): void {
	afterEach(closeAll);
}

/** For files whose tests run concurrently: close the simulators once all tests are done. */
export function closeSimulatorsAfterAll(): void {
	afterAll(closeAll);
}

/** A simulator on a clock that only moves when the test says so. */
export async function controlledSim(options: SimOptions = {}): Promise<SimHarness> {
	let now = 0;
	const sim = await startSimulator({clock: () => BASE_TIME + now, ...options});
	open.push(sim);
	return {
		sim,
		setTime: (ms) => {
			now = ms;
		},
		time: () => now,
	};
}

/** A simulator on the real clock (for the spawned bin). */
export async function realTimeSim(options: SimOptions = {}): Promise<Simulator> {
	const sim = await startSimulator(options);
	open.push(sim);
	return sim;
}

export function batch(id: string, overrides: Partial<BatchSpec> = {}): BatchSpec {
	return {id, items: 12, durationMs: 10_000, failureRate: 0, cancelRate: 0, seed: 7, logLinesPerRun: 10, ...overrides};
}
