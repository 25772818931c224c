// `x`: the items in view written to a file the user named (store/files.ts holds the prompt, and
// what it exports). The name is looked at first: a folder, or a file of that name (the prompt then
// says so and Enter again replaces it), or a place that cannot be written is said in the prompt.
// Then the items are read with their input and output (item-reader.ts: a projection, a page at a
// time, within the client's request budget), each page written before the next is asked for, to a
// temporary file that takes the name only once every item is in (files/export-file.ts): a cancel,
// a failure or quitting leaves nothing under it. Reads that fail are tried again, backing off, for
// two minutes. One export at a time. Progress and the outcome go to the store (the footer).
import {unlinkSync} from 'node:fs';
import {stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {resolve} from 'node:path';
import {isApiError, type ApiErrorKind} from '../api/errors.js';
import type {ExportItem} from '../api/export.js';
import {isOversize} from '../api/limits.js';
import {isRefusal} from '../api/shaping.js';
import {fileError, shortPath} from '../files/errors.js';
import {ExportFile} from '../files/export-file.js';
import {completeLeanItems, filterQuery, isFilterActive, matchesFilter, serverMatchHolds} from '../lib/triage.js';
import type {ExportScope} from '../store/files.js';
import type {AppStore} from '../store/store.js';
import {sleep, systemClock, type Clock} from './clock.js';
import {readBatchItems, readItemsById, readJobItems, type ExportReader, type ItemSink, type ReadOptions} from './item-reader.js';

export interface ExporterOptions {
	store: AppStore;
	/** The reads' client, within a request budget (a job's: the job's, shared). */
	client: ExportReader;
	/** Items per page, 1..500 (default 500: fewer requests; a page past the answer limit is asked for again at half). */
	pageSize?: number;
	clock?: Clock;
	/** How long reads may fail in a row, each tried again, before the export fails (default 120 s). */
	giveUpMs?: number;
	/** Where a relative name goes (default: the current folder). */
	cwd?: string;
}

/** Failed reads worth trying again. */
const RETRIED: ReadonlySet<ApiErrorKind> = new Set(['rate_limited', 'server', 'timeout', 'network', 'bad_response']);

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Run {
	abort: AbortController;
	file: ExportFile;
	done: Promise<void>;
}

export class Exporter {
	private run: Run | null = null;
	/** Enter's look at the name, under way. */
	private pending: Promise<void> | null = null;
	private closed = false;
	private readonly clock: Clock;
	private readonly pageSize: number;

	constructor(private readonly options: ExporterOptions) {
		this.clock = options.clock ?? systemClock;
		this.pageSize = Math.min(500, Math.max(1, Math.floor(options.pageSize ?? 500)));
	}

	private get store() {
		return this.options.store.getState();
	}

	/** Whether an export is being read and written. */
	get busy(): boolean {
		return this.run !== null;
	}

	/** Enter in the prompt: the name typed is looked at; the export starts, or the prompt says why not. */
	submit(): void {
		const {prompt} = this.store.files.export;
		if (!prompt || prompt.checking || this.run !== null || this.pending !== null || this.closed) return;
		const {text, scope} = prompt;
		this.store.exportChecking(text);
		this.pending = this.begin(scope, text, prompt.taken === text)
			.catch((error: unknown) => this.store.exportProblem(text, messageOf(error)))
			.finally(() => {
				this.pending = null;
			});
	}

	/** `x` twice during an export: it stops; nothing is written. */
	cancel(): void {
		this.run?.abort.abort();
	}

	/** Quitting: the export stops, its temporary file removed; resolves once it is. */
	async close(): Promise<void> {
		this.closed = true;
		this.run?.abort.abort();
		await this.pending;
		await this.run?.done;
	}

	/** A signal's way out, with no time for promises: the temporary file goes now. */
	abortNow(): void {
		this.closed = true;
		const {run} = this;
		if (!run) return;
		run.abort.abort();
		try {
			unlinkSync(run.file.tempPath);
		} catch {
			// Gone already.
		}
	}

	/** `~/x` in the home folder; a relative name in the current folder. */
	private resolvePath(text: string): string {
		const home = /^~(?=$|\/)/.test(text) ? homedir() + text.slice(1) : text;
		return resolve(this.options.cwd ?? process.cwd(), home);
	}

	private async begin(scope: ExportScope, text: string, overwrite: boolean): Promise<void> {
		const path = this.resolvePath(text);
		if (/[\\/]$/.test(text)) {
			this.store.exportProblem(text, `${text} names a folder: name a file in it`);
			return;
		}

		try {
			const found = await stat(path);
			if (found.isDirectory()) {
				this.store.exportProblem(text, `${text} is a folder: name a file in it`);
				return;
			}

			if (!overwrite) {
				this.store.exportTaken(text);
				return;
			}
		} catch {
			// Nothing of that name (or it cannot be looked at: creating the file says why).
		}

		let file: ExportFile;
		try {
			file = await ExportFile.create(path, {overwrite});
		} catch (error) {
			// Said with the name as typed (it is on the line): `cannot write out/x.jsonl: no such file or folder (ENOENT)`.
			this.store.exportProblem(text, fileError(error, 'write', path).message.split(shortPath(path)).join(text));
			return;
		}

		// The prompt was left meanwhile (Esc, quitting): nothing is written.
		const {prompt} = this.store.files.export;
		if (this.closed || prompt?.text !== text) {
			await file.abort();
			return;
		}

		const abort = new AbortController();
		const run: Run = {abort, file, done: Promise.resolve()};
		this.run = run;
		this.store.exportStarted(text, scope.total);
		run.done = this.write(scope, text, file, abort.signal).finally(() => {
			if (this.run === run) this.run = null;
		});
		await run.done;
	}

	private async write(scope: ExportScope, shown: string, file: ExportFile, signal: AbortSignal): Promise<void> {
		const sink: ItemSink = async (items) => {
			for (const item of items) {
				// eslint-disable-next-line no-await-in-loop
				await file.write(item);
			}
		};

		try {
			await this.read(scope, sink, signal, (read) => this.store.exportProgress({read, written: file.written}));
			if (signal.aborted) throw new Error('cancelled');
			await file.commit();
			this.store.exportEnded({kind: 'done', path: shown, written: file.written});
		} catch (error) {
			await file.abort();
			this.store.exportEnded(signal.aborted ? {kind: 'cancelled', path: shown} : {kind: 'failed', path: shown, reason: messageOf(error)});
		}
	}

	/** The reads, each tried again while it fails for a reason that passes (said in the footer), for giveUpMs. */
	private patient(signal: AbortSignal): ExportReader {
		const {client} = this.options;
		const giveUpMs = this.options.giveUpMs ?? 120_000;
		const retried = async <T>(call: () => Promise<T>): Promise<T> => {
			let since: number | null = null;
			for (let attempt = 1; ; attempt++) {
				try {
					// eslint-disable-next-line no-await-in-loop
					const result = await call();
					if (since !== null) this.store.exportProgress({retrying: null});
					return result;
				} catch (error) {
					if (signal.aborted || !isApiError(error) || !RETRIED.has(error.kind) || isOversize(error)) throw error;
					const now = this.clock.now();
					since ??= now;
					if (now - since >= giveUpMs) throw error;
					this.store.exportProgress({retrying: error.message});
					// eslint-disable-next-line no-await-in-loop
					await sleep(this.clock, Math.max(error.retryAfterMs ?? 0, Math.min(30_000, 1000 * 2 ** (attempt - 1))), signal);
					if (signal.aborted) throw error;
				}
			}
		};

		return {
			listExportItems: async (batchId, params, call) => retried(async () => client.listExportItems(batchId, params, call)),
			getExportItem: async (batchId, itemId, params, call) => retried(async () => client.getExportItem(batchId, itemId, params, call)),
		};
	}

	private async read(scope: ExportScope, sink: ItemSink, signal: AbortSignal, onRead: (read: number) => void): Promise<void> {
		const reader = this.patient(signal);
		const options: ReadOptions = {pageSize: this.pageSize, signal, onProgress: (progress) => onRead(progress.read)};
		if (scope.kind === 'job') {
			await readJobItems(reader, scope.batchIds, sink, {...options, total: scope.total});
			return;
		}

		const {batchId, filter} = scope;
		if (!isFilterActive(filter)) {
			await readBatchItems(reader, batchId, sink, {...options, total: scope.total});
			return;
		}

		// The filter as the screen applies it (the status, the text as shown), to every item read.
		const keep = (item: ExportItem) => matchesFilter({status_code: item.status, client_ref: item.client_ref}, filter);
		const state = this.store;
		const batch = state.batch?.id === batchId ? state.batch : null;
		const lean = completeLeanItems(batch);
		const q = filterQuery(filter)!;
		// The server lists the filter's items when it takes the `q` and matches as the screen does.
		if (!state.triage.rejectedQueries.has(q) && (filter.text === '' || (lean !== null && serverMatchHolds(lean, filter)))) {
			let kept = 0;
			const counted: ItemSink = async (items, id) => {
				kept += items.length;
				await sink(items, id);
			};

			try {
				await readBatchItems(reader, batchId, counted, {...options, q, filter: keep, total: scope.total});
				return;
			} catch (error) {
				// A `q` refused: read otherwise (nothing was written yet).
				if (!isRefusal(error) || kept > 0 || signal.aborted) throw error;
			}
		}

		// By id when the batch's item list names fewer items than there are pages to read; else every page, filtered here.
		const all = batch?.items_total ?? null;
		const ids = lean?.filter((item) => matchesFilter(item, filter)).map((item) => item.id) ?? null;
		if (ids !== null && all !== null && ids.length <= Math.ceil(all / this.pageSize)) {
			this.store.exportProgress({read: 0, total: ids.length});
			await readItemsById(reader, batchId, ids, sink, {signal, filter: keep, onProgress: (progress) => onRead(progress.read)});
			return;
		}

		this.store.exportProgress({read: 0, total: all});
		await readBatchItems(reader, batchId, sink, {...options, filter: keep, total: all});
	}
}
