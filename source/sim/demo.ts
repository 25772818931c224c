// Defaults of `--demo` mode: one ~2.5 minute batch of 120 items with hostile text.

import type {BatchSpec} from './plan.js';

export const DEMO_BATCH_ID = 'b_demo_4f1c9e2a';
export const DEMO_API_KEY = 'rf_demo_not_a_secret';
/** Chosen so that the demo batch shows every failure kind, both cancel spellings, errored and partial_succeeded. */
export const DEMO_SEED = 42;

export function demoBatchSpec(overrides: Partial<BatchSpec> = {}): BatchSpec {
	return {
		id: DEMO_BATCH_ID,
		items: 120,
		durationMs: 150_000,
		startDelayMs: 0,
		failureRate: 0.12,
		cancelRate: 0.02,
		seed: DEMO_SEED,
		hostile: true,
		logLinesPerRun: 30,
		...overrides,
	};
}

/** The batches of the demo job: ids in submission order. */
export const DEMO_JOB_IDS: readonly string[] = Array.from({length: 7}, (_, i) => `b_demo_job_${String(i + 1).padStart(2, '0')}`);
/** The batch of the demo job with a burst of failures (an upstream outage in its middle). */
export const DEMO_BURST_BATCH_ID = DEMO_JOB_IDS[3]!;

/**
 * A demo JOB as a real workload is submitted: 7 batches of at most 100 items (Runflow's cap
 * per batch), started 6 s apart, each taking 80–120 s; the fourth meets an upstream outage
 * (every item ending between 40 s and 55 s of its run fails), and the whole job is over by
 * 150 s. The first carries the hostile text of the single demo batch.
 */
export function demoJobSpecs(): BatchSpec[] {
	const shapes: Array<Pick<BatchSpec, 'items' | 'durationMs'> & Partial<BatchSpec>> = [
		{items: 100, durationMs: 100_000, hostile: true, failureRate: 0.06},
		{items: 100, durationMs: 110_000, failureRate: 0.03},
		{items: 80, durationMs: 90_000, failureRate: 0.05},
		{items: 100, durationMs: 120_000, failureRate: 0.02, failureBurst: {fromMs: 40_000, toMs: 55_000}},
		{items: 60, durationMs: 80_000, failureRate: 0.04},
		{items: 100, durationMs: 120_000, failureRate: 0.03, cancelRate: 0.05},
		{items: 45, durationMs: 100_000, failureRate: 0.02},
	];
	return shapes.map((shape, i) => ({
		id: DEMO_JOB_IDS[i]!,
		startDelayMs: i * 6000,
		cancelRate: 0.01,
		seed: DEMO_SEED + i,
		logLinesPerRun: 30,
		...shape,
	}));
}
