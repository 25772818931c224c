// A whole JOB in simulated time (issue 12): many batches of 100 items, started a few seconds
// apart so that about a quarter of them run at any moment, watched by the job poller through a
// client whose request budget is --max-rps (on the same virtual clock as everything else), for
// 10 simulated minutes. The simulator runs in another process, so RSS is the monitor's alone.
// Figures: requests in any one-second window (never above --max-rps), the longest a running
// batch went between two reads, reads of batches after they were confirmed finished (target 0),
// how many batches were read at all, and RSS after a full GC.
// The job screen's frame render and key-to-frame are job-screen.ts's.
import {RequestBudget, type BudgetClock} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {batchPhase} from '../../source/lib/job-rows.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {createAppStore} from '../../source/store/store.js';
import {memoryAfterGc} from './harness.js';
import {forkSimulator} from './sim-process.js';
import {VirtualClock} from './virtual-clock.js';

export interface JobFigures {
	batches: number;
	/** Simulated time watched, the real-paced settle included (ms). */
	simulatedMs: number;
	requests: number;
	/** The most requests that went out in any one-second window. */
	maxPerSecond: number;
	/** The longest time between two reads of a batch that was running at the first of them (ms). */
	longestRunningGapMs: number;
	/** The same, counting only gaps that began once every batch had been read once (null: that never happened). */
	longestSteadyGapMs: number | null;
	/** When every batch had been read once (ms after the start), or null. */
	firstPassMs: number | null;
	/** Running batches (as last read) and how long since their last read at the end (ms), the longest. */
	longestRunningAgeAtEndMs: number;
	/** Batches read at least once. */
	batchesRead: number;
	/** Reads of batches after the read that found them finished (target 0). */
	readsAfterConfirmed: number;
	/** Batches confirmed finished. */
	confirmed: number;
	rssMb: number;
	heapMb: number;
	/** RSS after GC before the job started (the bench process itself). */
	rssBeforeMb: number;
	/** Real time the run took (ms). */
	wallMs: number;
}

export interface JobOptions {
	batches: number;
	items?: number;
	/** Simulated time watched, default 10 minutes. */
	minutes?: number;
	maxRps?: number;
	intervalMs?: number;
	/** Real time run at the real pace after the simulated minutes, before memory is read (default 0). */
	settleMs?: number;
}

const MINUTE = 60_000;
/** How long each batch runs: with starts spread over the 10 minutes, a quarter run at any time. */
const BATCH_MS = 150_000;

/** `count` batches of `items`, started evenly over `spanMs`, each running BATCH_MS: BATCH_MS / spanMs · count run at once. */
export function jobSpecs(count: number, items: number, spanMs: number): BatchSpec[] {
	const step = spanMs / count;
	return Array.from({length: count}, (_, i) => ({
		id: `b_job_${String(i).padStart(4, '0')}`,
		items,
		durationMs: BATCH_MS,
		startDelayMs: Math.round(i * step),
		failureRate: 0.05,
		cancelRate: 0.01,
		seed: 1000 + i,
		logLinesPerRun: 10,
	}));
}

/** The most values of sorted `times` within any window of `windowMs` starting at one of them. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
	let best = 0;
	let end = 0;
	for (let start = 0; start < times.length; start++) {
		while (end < times.length && times[end]! < times[start]! + windowMs) end++;
		best = Math.max(best, end - start);
	}

	return best;
}

export async function jobFigures(options: JobOptions): Promise<JobFigures> {
	const wallStart = performance.now();
	const before = await memoryAfterGc();
	const clock = new VirtualClock();
	const start = clock.now();
	const minutes = options.minutes ?? 10;
	const specs = jobSpecs(options.batches, options.items ?? 100, minutes * MINUTE);
	const remote = await forkSimulator(specs, start);
	const budgetClock: BudgetClock = {
		now: clock.now,
		setTimeout(fn, ms) {
			const handle = clock.setTimeout(fn, ms);
			return () => clock.clearTimeout(handle);
		},
	};
	const budget = new RequestBudget({ratePerSecond: options.maxRps ?? 1, clock: budgetClock});
	// Every request the budget lets out, on the virtual clock.
	const sent: number[] = [];
	const take = budget.take.bind(budget);
	budget.take = async (signal) => {
		await take(signal);
		sent.push(clock.now());
	};

	const client = new RunflowClient({baseUrl: remote.url, apiKey: remote.apiKey, retries: 0, budget});
	const ids = specs.map((spec) => spec.id);
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids});
	const poller = new JobPoller({client, store, intervalMs: options.intervalMs ?? 2000, clock});

	// Per batch: reads when it was confirmed finished; the longest gap between two reads of a running batch.
	const readsAtConfirm = new Map<string, number>();
	let longestGap = 0;
	let steadyGap: number | null = null;
	let firstPassAt: number | null = null;
	let unread = ids.length;
	const unsubscribe = store.subscribe((state, previous) => {
		const job = state.job;
		const before = previous.job;
		if (!job || !before || job === before) return;
		for (const id of job.ids) {
			const entry = job.batches[id]!;
			const old = before.batches[id];
			if (!old || entry === old) continue;
			if (old.refreshedAt === null && entry.refreshedAt !== null && --unread === 0) firstPassAt = entry.refreshedAt;
			if (old.refreshedAt !== null && entry.refreshedAt !== null && batchPhase(old) === 'running') {
				const gap = entry.refreshedAt - old.refreshedAt;
				longestGap = Math.max(longestGap, gap);
				if (firstPassAt !== null && old.refreshedAt >= firstPassAt) steadyGap = Math.max(steadyGap ?? 0, gap);
			}

			if (entry.confirmed && !readsAtConfirm.has(id)) readsAtConfirm.set(id, poller.reads.get(id) ?? 0);
		}
	});

	// A request is under way (not waiting for its turn on the budget, which the virtual clock serves).
	const busy = () => poller.busy && budget.waiting === 0;
	try {
		poller.start();
		await clock.runUntil(start + minutes * MINUTE, busy, async (time) => remote.setTime(time));
		// As the real monitor lives it before memory is read: a while at the pace of real time (see soak.ts).
		if (options.settleMs) await clock.runPaced(options.settleMs, busy, async (time) => remote.setTime(time));
		poller.stop();
		const job = store.getState().job!;
		let ageAtEnd = 0;
		for (const id of job.ids) {
			const entry = job.batches[id]!;
			if (batchPhase(entry) === 'running' && entry.refreshedAt !== null) ageAtEnd = Math.max(ageAtEnd, clock.now() - entry.refreshedAt);
		}

		let afterConfirmed = 0;
		for (const [id, at] of readsAtConfirm) afterConfirmed += (poller.reads.get(id) ?? 0) - at;
		const memory = await memoryAfterGc();
		if (process.env['BENCH_JOB_DEBUG']) console.log(process.memoryUsage());
		return {
			batches: options.batches,
			simulatedMs: clock.now() - start,
			requests: sent.length,
			maxPerSecond: maxInWindow(sent, 1000),
			longestRunningGapMs: longestGap,
			longestSteadyGapMs: steadyGap,
			firstPassMs: firstPassAt === null ? null : firstPassAt - start,
			longestRunningAgeAtEndMs: ageAtEnd,
			batchesRead: job.ids.filter((id) => job.batches[id]!.refreshedAt !== null).length,
			readsAfterConfirmed: afterConfirmed,
			confirmed: readsAtConfirm.size,
			rssMb: memory.rssMb,
			heapMb: memory.heapMb,
			rssBeforeMb: before.rssMb,
			wallMs: performance.now() - wallStart,
		};
	} finally {
		unsubscribe();
		poller.stop();
		await remote.close();
	}
}

export interface FinishedJobFigures {
	batches: number;
	/** Reads of batches (the simulator's count) until the job said `not polling`. */
	readsUntilQuiet: number;
	/** Simulated time from the start until then (ms), or null when it never did. */
	quietAfterMs: number | null;
	/** Reads in the 10 simulated minutes after that. */
	readsAfter: number;
}

/** A job of `count` batches all finished before the monitor starts (issue 18.1): reads until nothing is read. */
export async function finishedJobFigures(count: number, maxRps = 1, intervalMs = 2000): Promise<FinishedJobFigures> {
	const clock = new VirtualClock();
	const start = clock.now();
	const specs = jobSpecs(count, 100, 0);
	// The simulator's batches run 150 s from its start; the monitor starts an hour later.
	const AHEAD = 3_600_000;
	const remote = await forkSimulator(specs, start);
	await remote.setTime(start + AHEAD);
	const budgetClock: BudgetClock = {
		now: clock.now,
		setTimeout(fn, ms) {
			const handle = clock.setTimeout(fn, ms);
			return () => clock.clearTimeout(handle);
		},
	};
	const budget = new RequestBudget({ratePerSecond: maxRps, clock: budgetClock});
	const client = new RunflowClient({baseUrl: remote.url, apiKey: remote.apiKey, retries: 0, budget});
	const ids = specs.map((spec) => spec.id);
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids, intervalMs});
	const poller = new JobPoller({client, store, intervalMs, clock});
	const reads = () => [...poller.reads.values()].reduce((sum, n) => sum + n, 0);
	let quietAt: number | null = null;
	let readsUntilQuiet = 0;
	const unsubscribe = store.subscribe((state) => {
		const job = state.job!;
		if (quietAt === null && job.ids.every((id) => job.batches[id]!.confirmed || job.batches[id]!.missing)) {
			quietAt = clock.now();
			readsUntilQuiet = reads();
		}
	});
	const busy = () => poller.busy && budget.waiting === 0;
	try {
		poller.start();
		await clock.runUntil(start + (count / maxRps) * 2000 + 60_000, busy, async (time) => remote.setTime(time + AHEAD));
		const before = reads();
		await clock.runUntil(clock.now() + 10 * MINUTE, busy, async (time) => remote.setTime(time + AHEAD));
		return {batches: count, readsUntilQuiet, quietAfterMs: quietAt === null ? null : quietAt - start, readsAfter: reads() - before};
	} finally {
		unsubscribe();
		poller.stop();
		await remote.close();
	}
}
