// The demo JOB's batches (sim/demo.ts demoJobSpecs) on the simulator, on a clock the test moves.
import {describe, expect, it} from 'vitest';
import type {Batch, BatchItem, Page} from '../source/api/types.js';
import {DEMO_BURST_BATCH_ID, DEMO_JOB_IDS, demoJobSpecs} from '../source/sim/demo.js';
import {BASE_TIME, closeSimulatorsAfterEach, controlledSim, type SimHarness} from './helpers/sim.js';

closeSimulatorsAfterEach();

const TERMINAL = new Set(['succeeded', 'partial_succeeded', 'failed', 'errored', 'canceled', 'cancelled']);

async function get<T>(h: SimHarness, path: string): Promise<T> {
	const response = await fetch(h.sim.url + path, {headers: {authorization: `Bearer ${h.sim.apiKey}`}});
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

async function statuses(h: SimHarness): Promise<string[]> {
	return Promise.all(DEMO_JOB_IDS.map(async (id) => (await get<Batch>(h, `/v1/batches/${id}`)).status_code));
}

describe('demoJobSpecs', () => {
	it('is several batches of at most 100 items, started a few seconds apart', () => {
		const specs = demoJobSpecs();
		expect(specs.length).toBeGreaterThanOrEqual(6);
		expect(specs.length).toBeLessThanOrEqual(8);
		expect(specs.map((s) => s.id)).toEqual(DEMO_JOB_IDS);
		for (const spec of specs) expect(spec.items).toBeLessThanOrEqual(100);
		const starts = specs.map((s) => s.startDelayMs ?? 0);
		for (let i = 1; i < starts.length; i++) {
			expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(2000);
			expect(starts[i]! - starts[i - 1]!).toBeLessThanOrEqual(10_000);
		}
	});

	it('the job starts batch by batch and is over within three simulated minutes', async () => {
		const h = await controlledSim({batches: demoJobSpecs()});
		expect(await statuses(h)).toEqual(['running', ...Array.from({length: DEMO_JOB_IDS.length - 1}, () => 'queued')]);
		h.setTime(10_000);
		const early = await statuses(h);
		expect(early.slice(0, 2)).toEqual(['running', 'running']);
		expect(early.slice(2).every((s) => s === 'queued')).toBe(true);
		h.setTime(90_000);
		expect((await statuses(h)).some((s) => !TERMINAL.has(s))).toBe(true);
		let over: number | null = null;
		for (let t = 90_000; t <= 180_000; t += 5000) {
			h.setTime(t);
			if ((await statuses(h)).every((s) => TERMINAL.has(s))) {
				over = t;
				break;
			}
		}

		expect(over).not.toBeNull();
		expect(over!).toBeGreaterThanOrEqual(120_000);
		for (const id of DEMO_JOB_IDS) {
			const batch = await get<Batch>(h, `/v1/batches/${id}`);
			expect(Date.parse(batch.completed_at!) - BASE_TIME).toBeLessThanOrEqual(180_000);
		}
	});

	it('one batch has a burst of failures: many within a few seconds of each other', async () => {
		const h = await controlledSim({batches: demoJobSpecs()});
		h.setTime(180_000);
		const densest = async (id: string): Promise<number> => {
			const page = await get<Page<BatchItem>>(h, `/v1/batches/${id}/items?limit=500`);
			const failedAt = page.items
				.filter((i) => i.status_code === 'failed' || i.status_code === 'errored')
				.map((i) => Date.parse(i.completed_at!))
				.sort((a, b) => a - b);
			let most = 0;
			for (let i = 0; i < failedAt.length; i++) {
				most = Math.max(most, failedAt.filter((t) => t >= failedAt[i]! && t < failedAt[i]! + 15_000).length);
			}

			return most;
		};

		const burst = await densest(DEMO_BURST_BATCH_ID);
		expect(burst).toBeGreaterThanOrEqual(8);
		const page = await get<Page<BatchItem>>(h, `/v1/batches/${DEMO_BURST_BATCH_ID}/items?limit=500`);
		expect(page.items.filter((i) => i.error?.code === 'UPSTREAM_UNAVAILABLE').length).toBeGreaterThanOrEqual(8);
		// The others fail now and then, never as a burst.
		for (const id of DEMO_JOB_IDS.filter((id) => id !== DEMO_BURST_BATCH_ID)) {
			expect(await densest(id)).toBeLessThan(burst / 2);
		}
	});
});
