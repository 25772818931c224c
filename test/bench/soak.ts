// A long session in simulated time: the simulator's clock and the poller's timers run
// fast, while the user pages, opens logs and goes back now and then. Reports memory each
// simulated hour.
//
// Packing hours of polls into minutes allocates at a hundred times the real rate, and V8
// answers with its largest young generation, which it gives back only once the process
// idles. The real monitor idles between polls, so before each sample the session goes on
// for `settleMs` at the pace of real time (polls every interval, idle in between), and
// RSS is read as the bin would show it.
import {VirtualClock} from './virtual-clock.js';
import {memoryAfterGc, startHarness} from './harness.js';
import {forkSimulator} from './sim-process.js';
import {Command} from '../../source/lib/commands.js';
import {currentPage} from '../../source/store/state.js';

export interface HourSample {
	hour: number;
	heapMb: number;
	rssMb: number;
	ticks: number;
	pagesHeld: number;
	logLines: number;
	samples: number;
}

export interface SoakOptions {
	hours: number;
	intervalMs?: number;
	items?: number;
	/** How long the batch runs (default: all but the last two hours, at least one). */
	batchHours?: number;
	/** Draw the UI into a fake terminal (true for the bench). */
	screen?: boolean;
	pageSize?: number;
	/** Run the simulator in a child process. */
	separateServer?: boolean;
	/** Real time the session runs at its real pace before each hourly sample (default 0). */
	settleMs?: number;
	onHour?: (sample: HourSample) => void;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export async function soak(options: SoakOptions): Promise<HourSample[]> {
	const clock = new VirtualClock();
	const start = clock.now();
	const batch = {
		id: 'b_soak',
		items: options.items ?? 2000,
		durationMs: (options.batchHours ?? Math.max(1, options.hours - 2)) * HOUR,
		failureRate: 0.1,
		hostile: true,
		logLinesPerRun: 400,
	};
	// The simulator runs in another process (when asked) so that memory is the monitor's alone.
	const remote = options.separateServer ? await forkSimulator(batch, start) : null;
	const harness = await startHarness({
		clock,
		intervalMs: options.intervalMs ?? 2000,
		pageSize: options.pageSize,
		screen: options.screen === false ? null : {columns: 120, rows: 40},
		batch,
		server: remote ?? undefined,
	});
	const before = remote ? (time: number) => remote.setTime(time) : undefined;
	const {store, poller} = harness;
	const results: HourSample[] = [];
	let ticks = 0;
	const unsubscribe = store.subscribe((state, previous) => {
		if (state.connection.lastSuccessAt !== previous.connection.lastSuccessAt) ticks++;
	});
	try {
		poller.start();
		let step = 0;
		for (let hour = 1; hour <= options.hours; hour++) {
			while (clock.now() < start + hour * HOUR) {
				step++;
				// Every 5 simulated minutes the user does something.
				// Mostly onwards through the pages (back to the first at the end), now and then a run's logs.
				const {command: run} = harness;
				if (step % 6 === 4) {
					store.getState().move(step % 40);
					run(Command.OpenLogs);
				} else if (step % 6 === 5) run(Command.Back);
				else if (currentPage(store.getState())?.next) run(Command.NextPage);
				else while (store.getState().list.cursor !== null) run(Command.PreviousPage);
				await clock.runUntil(Math.min(start + hour * HOUR, clock.now() + 5 * MINUTE), () => poller.busy, before);
			}
			if (options.settleMs) await clock.runPaced(options.settleMs, () => poller.busy, before);
			const state = store.getState();
			const sample: HourSample = {
				hour,
				...(await memoryAfterGc()),
				ticks,
				pagesHeld: state.list.pages.size,
				logLines: state.logs?.lines.length ?? 0,
				samples: state.samples.length,
			};
			results.push(sample);
			options.onHour?.(sample);
		}
	} finally {
		unsubscribe();
		await harness.close();
	}
	return results;
}
