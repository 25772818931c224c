// Runs the Ink app in the alternate screen until the user quits or the program must end.
import {render, type Instance} from 'ink';
import {sanitize} from '../lib/sanitize.js';
import {App} from '../ui/App.js';
import type {Poller} from '../poller/poller.js';
import type {Resubmitter} from '../poller/resubmit.js';
import type {ExportRunner} from '../session/session.js';
import type {AppStore} from '../store/store.js';
import type {WatchEnd} from '../modes/rules.js';
import {jobSession} from './controller.js';
import type {JobHolder} from './job-holder.js';
import {guardTerminal} from './terminal.js';

export interface TuiOptions {
	store: AppStore;
	poller: Poller;
	/** The job's poller (it reads the batches; the batch poller runs only on a batch's screen): a job's from the start, one batch's once `R` made it a job. */
	jobs: JobHolder;
	/** `R`'s reads and creates. */
	resubmitter?: Resubmitter;
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	/** Runs once the screen is restored, before anything else: prints the summary. */
	farewell?: (end: TuiEnd) => void;
	/** Runs first on every way out (quit, signals, errors): what must be undone in the terminal (the tab's progress). */
	onEnd?: () => void;
	/** What writes the items in view to a file (`x`). */
	exporter?: ExportRunner | null;
}

export type TuiEnd = WatchEnd;

export interface TuiHandle {
	/** Resolves once the screen is restored. */
	done: Promise<TuiEnd>;
	/** Ends the TUI from outside (halt, completion): restores the screen first. */
	end(end: TuiEnd): void;
}

export function startTui(options: TuiOptions): TuiHandle {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const writeError = (text: string) => {
		try {
			process.stderr.write(text);
		} catch {
			// The terminal is gone.
		}
	};
	let instance: Instance | null = null;
	let resolveDone!: (end: TuiEnd) => void;
	const done = new Promise<TuiEnd>((resolve) => {
		resolveDone = resolve;
	});
	let ended = false;
	const finish = (end: TuiEnd) => {
		if (ended) return;
		ended = true;
		options.onEnd?.();
		guard.dispose();
		options.poller.stop();
		options.jobs.stop();
		options.resubmitter?.stop();
		guard.restore();
		options.farewell?.(end);
		resolveDone(end);
	};
	const guard = guardTerminal({
		stdout,
		stdin,
		unmount: () => instance?.unmount(),
		onExit: (end) => {
			finish(end);
			// A signal: exit now, before Ink's signal-exit handler re-raises it. One line says which.
			if (end.message) writeError(`runflow-watch: ${sanitize(end.message)}\n`);
			process.exit(end.code);
		},
	});
	const quit = () => finish({reason: 'quit', code: 0});
	// A job's session whatever is watched: one batch becomes a job when `R` creates batches from it.
	const session = jobSession(options.store, options.poller, () => options.jobs.jobPoller, quit, options.exporter ?? null, options.resubmitter);
	// The failure line under the counts: fetch why items failed.
	options.poller.enableTriage();
	instance = render(<App store={options.store} commands={session} interactive={stdin.isTTY === true} />, {
		stdout,
		stdin,
		exitOnCtrlC: false,
		patchConsole: true,
		incrementalRendering: false,
	});
	if (options.jobs.jobPoller) options.jobs.jobPoller.start();
	else options.poller.start();
	return {done, end: finish};
}
