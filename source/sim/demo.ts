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
