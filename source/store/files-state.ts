// Writing items out, as the store holds it (files.ts has the actions): `x`'s prompt, the export
// under way and how the last one ended, and --results' file as the footer says it. Plain data.
import type {JobFilter} from '../lib/job-rows.js';
import type {ListFilter} from '../lib/triage.js';

/** What `x` exports: the items in view when it was pressed. */
export type ExportScope =
	/** The batch screen: the batch's items under its filters (status, `/` text). */
	| {kind: 'batch'; batchId: string; filter: ListFilter; total: number | null}
	/** The job screen: every item of the batches its filter shows (those found). */
	| {kind: 'job'; batchIds: readonly string[]; filter: JobFilter; total: number | null};

/** `x`'s prompt, open over the page (the screen `export` on the stack). */
export interface ExportPrompt {
	scope: ExportScope;
	/** The name offered (`runflow-b_1-failed.jsonl`). */
	offered: string;
	text: string;
	/** Still the name offered: typing replaces it (a `.` first, its extension only). */
	pristine: boolean;
	/** Enter found a file of this name: Enter again, the text unchanged, replaces it. */
	taken: string | null;
	/** Why this name cannot be written (the prompt stays open to change it). */
	problem: string | null;
	/** Enter was pressed: the name is being looked at (another Enter waits). */
	checking: boolean;
}

export interface ExportRun {
	/** The name as typed (the footer says it). */
	path: string;
	/** Items read so far (before the filter, when it is applied here). */
	read: number;
	/** Items to read, when known. */
	total: number | null;
	written: number;
	/** `x` once during the export: `x` again cancels it. */
	cancelArmed: boolean;
	/** Reads failing, tried again: why (the footer says it), else null. */
	retrying: string | null;
}

export type ExportOutcome =
	| {kind: 'done'; path: string; written: number}
	| {kind: 'failed'; path: string; reason: string}
	| {kind: 'cancelled'; path: string}
	/** `x` with nothing in view. */
	| {kind: 'nothing'};

export interface ExportState {
	prompt: ExportPrompt | null;
	running: ExportRun | null;
	/** How the last export ended: said in the footer until a key. */
	outcome: ExportOutcome | null;
}

/** --results FILE in the TUI: the footer says it. */
export interface ResultsShown {
	/** The file as given. */
	path: string;
	/** Items in the file (there before, and written since). */
	count: number;
	/** What was said of it: at the start (items skipped, a torn line removed: until a key), a read failing (until one passes), a write failing (for good). */
	note: string | null;
	tone: 'notice' | 'retry' | 'fatal' | null;
}

export interface FilesState {
	export: ExportState;
	/** Null without --results. */
	results: ResultsShown | null;
}

export function initialFiles(): FilesState {
	return {export: {prompt: null, running: null, outcome: null}, results: null};
}
