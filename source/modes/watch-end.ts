// How watching ends, for every mode (plain, json, the TUI) and both targets (one batch, a job):
// the rules the flags set, the reasons, and the exit code each carries (modes/exit-codes.ts).
import type {ApiErrorKind} from '../api/errors.js';
import {ExitCode} from './exit-codes.js';

export interface Rules {
	exitOnComplete: boolean;
	/** The code tells the outcome (1 when items failed or were cancelled). */
	exitStatus: boolean;
	failFast: boolean;
	timeoutMs?: number;
	/** Give up after failing polls for this long; undefined = never. */
	giveUpMs?: number;
	/**
	 * Whether halted polling (key rejected, batch not found) ends the watch even after data was
	 * shown. For a job (the TUI, false): a batch not found ends it only once every other batch is
	 * finished, with --exit-on-complete.
	 */
	haltAfterData?: boolean;
}

export type SignalReason = 'interrupted' | 'terminated' | 'hangup';

/** `error`: an internal error (a bug) ended the TUI. */
export type EndReason = 'complete' | 'fail-fast' | 'timeout' | 'halted' | 'gave-up' | SignalReason | 'quit' | 'error';

export interface WatchEnd {
	reason: EndReason;
	code: number;
	/** For stderr: why it ended, when that is an error or a signal. */
	message?: string;
}

export function haltCode(kind: ApiErrorKind | null): number {
	if (kind === 'unauthorized' || kind === 'forbidden') return ExitCode.auth;
	if (kind === 'not_found') return ExitCode.notFound;
	if (kind === 'invalid_request') return ExitCode.usage;
	return ExitCode.network;
}

/** The signals that end watching, each with its own reason, exit code and stderr line. */
export const SIGNAL_ENDS: ReadonlyArray<{signal: NodeJS.Signals; end: WatchEnd}> = [
	{signal: 'SIGINT', end: {reason: 'interrupted', code: ExitCode.interrupted, message: 'interrupted (SIGINT)'}},
	{signal: 'SIGTERM', end: {reason: 'terminated', code: ExitCode.terminated, message: 'terminated (SIGTERM)'}},
	{signal: 'SIGHUP', end: {reason: 'hangup', code: ExitCode.hangup, message: 'hangup (SIGHUP): the terminal went away'}},
];

/** Calls `onEnd` with the signal's end when one of SIGNAL_ENDS arrives. Returns the disposer. */
export function onSignals(onEnd: (end: WatchEnd) => void): () => void {
	const offs = SIGNAL_ENDS.map(({signal, end}) => {
		const handler = () => onEnd(end);
		process.on(signal, handler);
		return () => process.off(signal, handler);
	});
	return () => {
		for (const off of offs) off();
	};
}

/** The word of the final line and of JSON `done.reason`: `done` for a completed watch, else the reason. */
export function endWord(reason: EndReason): string {
	return reason === 'complete' ? 'done' : reason;
}

/**
 * What the rules look at, one batch's or a job's (modes/rules.ts, modes/job-rules.ts): the end
 * a state calls for by itself (a failure with --fail-fast, completion), and how far it got.
 */
export interface WatchTarget<State> {
	/** Whether `state` differs from `previous` in what this target looks at. */
	changed(state: State, previous: State): boolean;
	/** The end this state calls for under the rules, or null. */
	check(state: State): WatchEnd | null;
	/** For --timeout's message: `the batch had not finished (3/12 finished)`. */
	unfinished(state: State): string;
}
