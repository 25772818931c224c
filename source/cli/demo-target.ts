// What is watched: the batches given, or with --demo a simulator on loopback started for the
// demo's job, its address and key in the config. close() stops it.
import type {Config} from './args.js';

export interface Target {
	config: Config;
	close(): Promise<void>;
}

export async function resolveTarget(config: Config): Promise<Target> {
	if (!config.demo) return {config, close: async () => {}};
	const {startSimulator} = await import('../sim/server.js');
	const {DEMO_JOB_IDS, demoJobSpecs} = await import('../sim/demo.js');
	// The demo is a job like a real one: several batches, started a few seconds apart.
	// With a balance, so that the summary shows what it covers.
	const sim = await startSimulator({batches: demoJobSpecs(), billing: {balance: '25.00'}});
	return {
		// The simulator is on loopback: the budget left for the user's own work is not at stake.
		config: {
			...config,
			model: config.model ?? {owner: 'demo', slug: 'vision-large'},
			baseUrl: sim.url,
			apiKey: sim.apiKey,
			batchId: DEMO_JOB_IDS[0]!,
			batchIds: [...DEMO_JOB_IDS],
			orgId: undefined,
			maxRps: Math.max(config.maxRps, 5),
		},
		close: () => sim.close(),
	};
}
