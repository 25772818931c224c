// A restarted job (issue 21): 2,000 batches of 100 items, 1,900 of them finished, watched once
// (every batch read, the journal written as the monitor writes it), then watched again from that
// journal on the same virtual clock. Figures: the journal's size, the time from the restart to
// the first frame drawn with the journal's figures (reading and checking the file, the store
// filled, Ink's first frame into a 120×40 terminal in memory), and the requests and simulated
// seconds until the job is whole again (every batch the journal did not hold as finished read
// once), with the reads of finished batches (target 0).
import {createElement} from 'react';
import {render} from 'ink';
import {mkdtempSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {RequestBudget, type BudgetClock} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import {JournalFile} from '../../source/files/journal-file.js';
import {entryOf, journalOf} from '../../source/lib/journal-entries.js';
import {encodeJournal, journalKey} from '../../source/lib/journal.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {Session} from '../../source/session/session.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {forkSimulator, type RemoteSim} from './sim-process.js';
import {VirtualClock} from './virtual-clock.js';

export interface RestartFigures {
	batches: number;
	finished: number;
	journalBytes: number;
	/** Real time from the restart to the first frame with the journal's figures (ms). */
	firstFrameMs: number;
	/** Requests until every batch not final in the journal was read again. */
	requestsUntilWhole: number;
	/** Simulated time that took (ms). */
	wholeAfterMs: number;
	/** Reads of batches the journal held as finished (target 0). */
	readsOfFinished: number;
}

const MINUTE = 60_000;

function specs(count: number, finished: number): BatchSpec[] {
	return Array.from({length: count}, (_, i) => ({
		id: `b_rs_${String(i).padStart(4, '0')}`,
		items: 100,
		// The finished ones ran a minute at the start; the others run for hours.
		durationMs: i < finished ? MINUTE : 6 * 60 * MINUTE,
		failureRate: 0.05,
		cancelRate: 0.01,
		seed: 500 + i,
		logLinesPerRun: 0,
	}));
}

function budgetOn(clock: VirtualClock, maxRps: number): RequestBudget {
	const budgetClock: BudgetClock = {
		now: clock.now,
		setTimeout(fn, ms) {
			const handle = clock.setTimeout(fn, ms);
			return () => clock.clearTimeout(handle);
		},
	};
	return new RequestBudget({ratePerSecond: maxRps, clock: budgetClock});
}

interface Watch {
	store: AppStore;
	poller: JobPoller;
	budget: RequestBudget;
}

function watch(remote: RemoteSim, clock: VirtualClock, ids: string[], maxRps: number, intervalMs: number): Watch {
	const budget = budgetOn(clock, maxRps);
	const client = new RunflowClient({baseUrl: remote.url, apiKey: remote.apiKey, retries: 0, budget});
	const store = createAppStore({batchId: ids[0]!, pageSize: 50, jobIds: ids, intervalMs});
	return {store, poller: new JobPoller({client, store, intervalMs, clock}), budget};
}

export async function restartFigures(count = 2000, finished = 1900, maxRps = 1, intervalMs = 2000): Promise<RestartFigures> {
	const clock = new VirtualClock();
	const start = clock.now();
	const all = specs(count, finished);
	const ids = all.map((spec) => spec.id);
	const remote = await forkSimulator(all, start);
	const cache = mkdtempSync(join(tmpdir(), 'rfw-bench-restart-'));
	const env = {XDG_CACHE_HOME: cache};
	const baseUrl = remote.url;
	const key = journalKey(baseUrl, ids);
	try {
		// The first watch, ten minutes in: every batch read once (fast: the budget is not what is measured here).
		const first = watch(remote, clock, ids, 50, intervalMs);
		const busyFirst = () => first.poller.busy && first.budget.waiting === 0;
		const readAll = () => ids.every((id) => first.store.getState().job!.batches[id]!.refreshedAt !== null);
		first.poller.start();
		while (!readAll()) await clock.runUntil(clock.now() + 10_000, busyFirst, async (time) => remote.setTime(time + 10 * MINUTE));
		first.poller.stop();
		const job = first.store.getState().job!;
		await JournalFile.forJob(env, key).write(encodeJournal(journalOf(job.ids, job.batches, baseUrl, key, clock.now(), job.serverDate)));
		const file = JournalFile.forJob(env, key);
		const journalBytes = statSync(file.path).size;

		// Twenty minutes later, the restart.
		const restartAt = clock.now() + 20 * MINUTE;
		await remote.setTime(restartAt);
		const began = performance.now();
		const second = watch(remote, clock, ids, maxRps, intervalMs);
		const opened = file.read({baseUrl, ids});
		if (!opened.journal) throw new Error(`the journal was not read back: ${opened.notice ?? 'none'}`);
		second.store.getState().jobRestored(opened.journal.records.map(entryOf), opened.journal.savedAt, true, opened.journal.serverDate);
		const stdout = new FakeStdout(120, 40);
		const drawn = stdout.nextWrite();
		const ink = render(
			createElement(App, {store: second.store, commands: new Session({store: second.store, quit: () => {}, screens: SCREENS}), interactive: true}),
			{
				stdout: stdout as unknown as NodeJS.WriteStream,
				stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
				exitOnCtrlC: false,
				patchConsole: false,
			},
		);
		await drawn;
		const firstFrameMs = performance.now() - began;

		const final = new Set(opened.journal.records.filter((record) => record.final).map((record) => record.id));
		const whole = () => {
			const batches = second.store.getState().job!.batches;
			return ids.every((id) => final.has(id) || (batches[id]!.refreshedAt ?? 0) > opened.journal!.savedAt);
		};

		const sent: number[] = [];
		const take = second.budget.take.bind(second.budget);
		second.budget.take = async (signal, priority) => {
			await take(signal, priority);
			sent.push(clock.now());
		};

		const from = clock.now();
		second.poller.start();
		const busy = () => second.poller.busy && second.budget.waiting === 0;
		let wholeAt: number | null = null;
		let requestsUntilWhole = 0;
		const unsubscribe = second.store.subscribe(() => {
			if (wholeAt === null && whole()) {
				wholeAt = clock.now();
				requestsUntilWhole = sent.length;
			}
		});
		const limit = from + (count / maxRps) * 1000;
		while (wholeAt === null && clock.now() < limit)
			await clock.runUntil(clock.now() + 10_000, busy, async (time) => remote.setTime(time - from + restartAt));
		unsubscribe();
		second.poller.stop();
		ink.unmount();
		let readsOfFinished = 0;
		for (const id of final) readsOfFinished += second.poller.reads.get(id) ?? 0;
		return {
			batches: count,
			finished: final.size,
			journalBytes,
			firstFrameMs,
			requestsUntilWhole,
			wholeAfterMs: wholeAt === null ? Number.NaN : wholeAt - from,
			readsOfFinished,
		};
	} finally {
		await remote.close();
	}
}
