// Writing items out, a slice merged into the store (store.ts): `x`'s prompt (the screen `export`
// on the stack while it is open) and what it exports, the export under way (poller/export.ts
// reads and writes it) and how it ended, and --results' file as the footer says it. Knows nothing
// of HTTP, files or React.
import {batchWhat, cleanPathText, jobWhat, offeredName, typeOverOffered} from '../lib/export-name.js';
import {jobRows} from '../lib/job-rows.js';
import {countMatches, isFilterActive, type ListFilter} from '../lib/triage.js';
import type {ExportOutcome, ExportPrompt, ExportRun, ExportScope, FilesState, ResultsShown} from './files-state.js';
import type {Get, Set} from './logs.js';
import {popped, pushed} from './stack.js';
import type {AppState} from './state.js';

export {initialFiles, type ExportOutcome, type ExportPrompt, type ExportRun, type ExportScope, type FilesState, type ResultsShown} from './files-state.js';

export interface FilesActions {
	/** `x`: the prompt over the page, offering a name for the items in view; false (said in the footer) when none are. */
	exportOpen(): boolean;
	/** Text typed into the prompt (a paste whole): over the name offered, it replaces it (a `.` first: its extension). */
	exportType(typed: string): void;
	/** The prompt's text edited (Backspace, Ctrl+U). */
	exportEdit(text: string): void;
	/** Esc: the prompt goes, nothing is written. */
	exportCancel(): void;
	/** Enter: `text` is being looked at. */
	exportChecking(text: string): void;
	/** A file is named `text`: the prompt says so (Enter again replaces it). */
	exportTaken(text: string): void;
	/** `text` cannot be written: the prompt says why. */
	exportProblem(text: string, problem: string): void;
	/** The file is open: the prompt goes, the footer shows the export's progress. */
	exportStarted(path: string, total: number | null): void;
	exportProgress(change: Partial<Pick<ExportRun, 'read' | 'total' | 'written' | 'retrying'>>): void;
	/** `x` during an export: `x` again cancels it. */
	exportArmCancel(): void;
	exportEnded(outcome: ExportOutcome): void;
	/** A key: how the last export ended, and --results' start notice, leave the footer. */
	filesSeen(): void;
	resultsOpened(path: string, count: number): void;
	/** A page of --results went well: the file holds `count` items (a read failing no longer said). */
	resultsWritten(count: number): void;
	resultsSaid(note: string, tone: NonNullable<ResultsShown['tone']>): void;
}

/** The items in view: the job screen's batches (those found) under its filter, or the batch's items under the list's filters; null when none. */
export function exportScopeOf(state: AppState): ExportScope | null {
	const {job} = state;
	if (state.view === 'job' && job) {
		const batchIds = jobRows(job.ids, job.batches, job.filter).filter((id) => job.batches[id]?.missing !== true);
		if (batchIds.length === 0) return null;
		let total: number | null = 0;
		for (const id of batchIds) {
			const batch = job.batches[id]?.batch;
			total = batch && total !== null ? total + batch.items_total : null;
		}

		return total === 0 ? null : {kind: 'job', batchIds, filter: job.filter, total};
	}

	const filter: ListFilter = {status: state.list.statusFilter, text: state.list.textFilter};
	const batch = state.batch?.id === state.batchId ? state.batch : null;
	const total = batch ? (isFilterActive(filter) ? countMatches(batch, filter) : batch.items_total) : null;
	return total === 0 ? null : {kind: 'batch', batchId: state.batchId, filter, total};
}

export function createFilesSlice(set: Set, get: Get): FilesActions {
	const files = (): FilesState => get().files;
	const patchExport = (change: Partial<FilesState['export']>) => set({files: {...files(), export: {...files().export, ...change}}});
	/** The prompt changed, when it is open (and, with `text`, still holds that text). */
	const patchPrompt = (change: Partial<ExportPrompt>, text?: string) => {
		const {prompt} = files().export;
		if (prompt && (text === undefined || prompt.text === text)) patchExport({prompt: {...prompt, ...change}});
	};

	const patchResults = (change: Partial<ResultsShown>) => {
		const {results} = files();
		if (results) set({files: {...files(), results: {...results, ...change}}});
	};

	const edited = (text: string) => patchPrompt({text: cleanPathText(text), pristine: false, taken: null, problem: null, checking: false});

	return {
		exportOpen() {
			const state = get();
			const scope = exportScopeOf(state);
			if (!scope) {
				patchExport({outcome: {kind: 'nothing'}});
				return false;
			}

			const offered = scope.kind === 'job' ? offeredName('job', jobWhat(scope.filter)) : offeredName(scope.batchId, batchWhat(scope.filter));
			set({
				files: {
					...files(),
					export: {
						...files().export,
						outcome: null,
						prompt: {scope, offered, text: offered, pristine: true, taken: null, problem: null, checking: false},
					},
				},
				screens: pushed(state.screens, 'export'),
			});
			return true;
		},

		exportType(typed) {
			const {prompt} = files().export;
			if (prompt) edited(prompt.pristine ? typeOverOffered(prompt.offered, typed) : prompt.text + typed);
		},

		exportEdit(text) {
			edited(text);
		},

		exportCancel() {
			set({files: {...files(), export: {...files().export, prompt: null}}, screens: popped(get().screens, 'export')});
		},

		exportChecking(text) {
			patchPrompt({checking: true, problem: null}, text);
		},

		exportTaken(text) {
			patchPrompt({checking: false, taken: text}, text);
		},

		exportProblem(text, problem) {
			patchPrompt({checking: false, taken: null, problem}, text);
		},

		exportStarted(path, total) {
			set({
				files: {...files(), export: {prompt: null, outcome: null, running: {path, read: 0, total, written: 0, cancelArmed: false, retrying: null}}},
				screens: popped(get().screens, 'export'),
			});
		},

		exportProgress(change) {
			const {running} = files().export;
			if (!running) return;
			const differs = (Object.keys(change) as Array<keyof typeof change>).some((key) => change[key] !== running[key]);
			if (differs) patchExport({running: {...running, ...change}});
		},

		exportArmCancel() {
			const {running} = files().export;
			if (running && !running.cancelArmed) patchExport({running: {...running, cancelArmed: true}});
		},

		exportEnded(outcome) {
			patchExport({running: null, outcome});
		},

		filesSeen() {
			const {export: current, results} = files();
			if (current.outcome !== null) patchExport({outcome: null});
			if (results?.tone === 'notice') patchResults({note: null, tone: null});
		},

		resultsOpened(path, count) {
			set({files: {...files(), results: {path, count, note: files().results?.note ?? null, tone: files().results?.tone ?? null}}});
		},

		resultsWritten(count) {
			const {results} = files();
			if (!results || results.tone === 'fatal') return;
			if (results.count !== count || results.tone === 'retry') patchResults({count, ...(results.tone === 'retry' ? {note: null, tone: null} : {})});
		},

		resultsSaid(note, tone) {
			const {results} = files();
			// Said before the file's figures are in (at its opening): kept for them.
			if (!results) set({files: {...files(), results: {path: '', count: 0, note, tone}}});
			else if (results.tone !== 'fatal') patchResults({note, tone});
		},
	};
}
