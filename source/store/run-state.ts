// The run view's state (Enter on an item): the run, its node runs, its held log lines and the
// cursors to read more, per run; plus the view's settings (timestamps, wrap) and the search.
// Plain data: logs.ts holds the actions, poller/logs.ts the fetching, ui/ the drawing.
import type {LogLine, NodeRun, Run} from '../api/types.js';

/** Log lines held per run at most; following drops the oldest, paging back drops the newest. */
export const MAX_LOG_LINES = 10_000;
/** Runs whose logs are kept (the one on screen and the last ones seen), so `[`/`]` back is instant. */
export const MAX_RUNS_KEPT = 3;

/**
 * How the logs are read:
 * - tail: nothing read yet; read the newest page (sort_by timestamp:desc);
 * - locate: find the ascending cursor just after the newest held line (a walk over ids);
 * - follow: read forward from `forward` (ascending), skipping lines held;
 * - simple: the API refused the sort or the projection: read forward from the start, skipping held;
 * - done: the run is finished and every line up to its end has been read.
 */
export type LogPhase = 'tail' | 'locate' | 'follow' | 'simple' | 'done';

/** Where older lines come from: a desc cursor, a walk to find one, none (start of the log held), none at all. */
export type OlderSource = 'cursor' | 'locate' | 'start' | 'unavailable';

export interface LogFetch {
	phase: LogPhase;
	/** Bumped when the held lines are reset: part of the screen token (store/screen.ts), so answers read for the old lines are dropped. */
	generation: number;
	/** The ascending cursor following reads from (null: the log's start). */
	forward: string | null;
	/** Lines at `forward` already held (read again and skipped by id when the API gave no cursor past them). */
	forwardSkip: number;
	/** The descending cursor of the page older than the held lines (when olderSource is 'cursor'). */
	older: string | null;
	olderSource: OlderSource;
}

export interface LogsState {
	itemId: string;
	runId: string | null;
	sequenceIndex: number;
	/** The item's client_ref when the run was opened: the header keeps it once the item leaves the pages held (a filter it no longer matches). */
	clientRef: string | null;
	/** GET /v1/runs/{id}, once read; null before. */
	run: Run | null;
	/** From the run, or GET /v1/runs/{id}/node-runs; null when unknown. */
	nodeRuns: NodeRun[] | null;
	/** The API answered 404 for the run (the item has not started it yet): asked again every tick. */
	runMissing: boolean;
	/** The run was read in a terminal state: it is not asked for again. */
	runFinal: boolean;
	lines: LogLine[];
	/** Older lines dropped from the front to stay within MAX_LOG_LINES. */
	dropped: number;
	/** Newer lines dropped from the end (paging back past the cap): following is off until G reloads the end. */
	droppedNewer: number;
	/** The first read of lines is done. */
	loaded: boolean;
	fetch: LogFetch;
	/** Lines the user asked to go up beyond the first held line: older lines are being read. */
	olderWanted: number;
	/** Top line shown, or null to stick to the end (follow). */
	scroll: number | null;
	error: string | null;
	/** A word for the status line ('first item of the list'); cleared by the next key. */
	notice: string | null;
}

export interface LogPrefs {
	timestamps: boolean;
	wrap: boolean;
}

export interface LogSearch {
	/** The applied query, normalized ('' = none). */
	query: string;
	/** The id of the line of the current hit. */
	hitId: string | null;
	/** The text being typed after '/', or null when the prompt is closed. */
	prompt: string | null;
}

export interface RunViewState {
	/** The run on screen (or last on screen: Esc keeps it, Enter on the same item comes back to it). */
	logs: LogsState | null;
	/** Other runs kept, least recently seen first; at most MAX_RUNS_KEPT − 1. */
	runCache: LogsState[];
	logPrefs: LogPrefs;
	logSearch: LogSearch;
}

export function initialFetch(generation = 0): LogFetch {
	return {phase: 'tail', generation, forward: null, forwardSkip: 0, older: null, olderSource: 'locate'};
}

export function newLogs(item: {id: string; run_id: string | null; sequence_index: number; client_ref?: string | null}): LogsState {
	return {
		itemId: item.id,
		runId: item.run_id,
		sequenceIndex: item.sequence_index,
		clientRef: item.client_ref ?? null,
		run: null,
		nodeRuns: null,
		runMissing: false,
		runFinal: false,
		lines: [],
		dropped: 0,
		droppedNewer: 0,
		loaded: false,
		fetch: initialFetch(),
		olderWanted: 0,
		scroll: null,
		error: null,
		notice: null,
	};
}

export function initialRunView(): RunViewState {
	return {
		logs: null,
		runCache: [],
		logPrefs: {timestamps: true, wrap: false},
		logSearch: {query: '', hitId: null, prompt: null},
	};
}
