// --results FILE: the items of the watched batch (or of every batch of the job) appended as
// they finish, each once, with their output. Politely: only while the counters say finished
// items are not in the file yet, at most one page per poll cycle while the watch goes on,
// read with a projection, within the client's request budget; nothing once every finished item
// is written. A batch is read in passes from its first page holding an unfinished item (the
// pages before it are all written and cannot change); a pass that wrote nothing waits for the
// counters to move. drain() reads the rest back to back, once the watch is over.
import {EXPORT_ITEM_FIELDS, type ExportItem} from '../api/export.js';
import {isApiError} from '../api/errors.js';
import type {Batch} from '../api/types.js';
import {isTerminal} from '../lib/status.js';
import type {AppStore} from '../store/store.js';
import {systemClock, type Clock} from './clock.js';
import {readExportPage, type ExportReader} from './item-reader.js';

/** Where the items go: the results file (files/results-file.ts). */
export interface ResultsSink {
	has(batchId: string, id: string): boolean;
	count(batchId: string): number;
	append(item: ExportItem): Promise<boolean>;
}

export interface ResultsPollerOptions {
	client: ExportReader;
	store: AppStore;
	sink: ResultsSink;
	/** The poll cycle: at most one page per cycle while the watch goes on. */
	intervalMs: number;
	/** Items per page (1..500). */
	pageSize: number;
	clock?: Clock;
	/** A read failed (it is tried again next cycle), or a write failed (fatal: stop() follows). */
	onError?: (message: string, fatal: boolean) => void;
	/** A cycle's read went well (the TUI's footer counts the file's items). */
	onProgress?: () => void;
}

interface Scan {
	/** The cursor of the next page of this pass; undefined: the pass starts, at `resume`. */
	next: string | null | undefined;
	/** Where a pass starts: the first page that held an unfinished item. */
	resume: string | null;
	/** The cursor of this pass's first page with an unfinished item. */
	open: string | null | undefined;
	wrote: number;
	/** The finished count when this pass began. */
	since: number;
	/** A pass wrote nothing at this finished count: wait for the counters to move. */
	idleAt: number | null;
	/** The server does not know the batch (404): never read. */
	gone: boolean;
}

/** Items finished by the counters. */
function finishedOf(batch: Batch): number {
	return batch.items_succeeded + batch.items_failed + batch.items_cancelled;
}

export class ResultsPoller {
	private readonly scans = new Map<string, Scan>();
	private readonly clock: Clock;
	private timer: unknown = null;
	/** The cycle under way, if any. */
	private current: Promise<void> | null = null;
	private cycleAbort: AbortController | null = null;
	private stopped = false;
	private failures = 0;
	private turn = 0;
	/** The page size that passes the client's answer limit (item-reader.ts readExportPage). */
	private readonly size = {limit: 500};
	/** A write failed: nothing more is written. */
	failed: string | null = null;

	constructor(private readonly options: ResultsPollerOptions) {
		this.clock = options.clock ?? systemClock;
	}

	/** The batches watched, with their last counters. */
	private targets(): Array<{id: string; batch: Batch | null}> {
		const state = this.options.store.getState();
		if (state.job) return state.job.ids.map((id) => ({id, batch: state.job!.batches[id]?.batch ?? null}));
		return [{id: state.batchId, batch: state.batch}];
	}

	private scan(id: string): Scan {
		let scan = this.scans.get(id);
		if (!scan) {
			scan = {next: undefined, resume: null, open: undefined, wrote: 0, since: 0, idleAt: null, gone: false};
			this.scans.set(id, scan);
		}

		return scan;
	}

	/** Whether the batch has finished items not in the file that a read may bring. */
	private wants(id: string, batch: Batch | null): boolean {
		if (!batch) return false;
		const scan = this.scan(id);
		const finished = finishedOf(batch);
		if (scan.gone || this.options.sink.count(id) >= finished) return false;
		return scan.idleAt !== finished;
	}

	/** Batches with finished items still to write (by the counters). */
	pending(): string[] {
		if (this.failed !== null) return [];
		return this.targets()
			.filter(({id, batch}) => this.wants(id, batch))
			.map(({id}) => id);
	}

	/** Reads one page of the next batch that wants one; false when none does. */
	async step(signal?: AbortSignal): Promise<boolean> {
		const pending = this.pending();
		if (pending.length === 0) return false;
		const id = pending[this.turn++ % pending.length]!;
		const scan = this.scan(id);
		const batchNow = (): Batch | null => this.targets().find((target) => target.id === id)?.batch ?? null;
		if (scan.next === undefined) scan.since = finishedOf(batchNow()!);
		const cursor = scan.next === undefined ? scan.resume : scan.next;
		const {sink} = this.options;
		let page;
		try {
			page = await readExportPage(this.options.client, id, {limit: this.options.pageSize, fields: EXPORT_ITEM_FIELDS, pq: cursor}, this.size, {signal});
		} catch (error) {
			if (isApiError(error) && error.kind === 'not_found') scan.gone = true;
			throw error;
		}

		let open = false;
		for (const item of page.items) {
			if (!isTerminal(item.status)) {
				open = true;
			} else if (!sink.has(id, item.id)) {
				// A page may name its items' batch otherwise: the file keeps them under the batch read.
				// eslint-disable-next-line no-await-in-loop
				if (await sink.append(item.batch_id === id ? item : {...item, batch_id: id})) scan.wrote++;
			}
		}

		if (open && scan.open === undefined) scan.open = cursor;
		const next = page.next === '' ? null : page.next;
		if (next === null || next === cursor) {
			// The pass is over: the next starts at its first open page. One that wrote nothing waits
			// for the counters to pass what they said when it began.
			scan.idleAt = scan.wrote === 0 ? scan.since : null;
			scan.resume = scan.open ?? scan.resume;
			scan.next = undefined;
			scan.open = undefined;
			scan.wrote = 0;
		} else {
			scan.next = next;
		}

		return true;
	}

	/** Reads a page each poll cycle while the watch goes on. */
	start(): void {
		this.stopped = false;
		this.schedule(this.options.intervalMs);
	}

	private schedule(ms: number): void {
		if (this.stopped || this.failed !== null) return;
		this.timer = this.clock.setTimeout(() => {
			this.timer = null;
			this.current = this.cycle().finally(() => {
				this.current = null;
			});
		}, ms);
	}

	private async cycle(): Promise<void> {
		let delay = this.options.intervalMs;
		this.cycleAbort = new AbortController();
		try {
			await this.step(this.cycleAbort.signal);
			this.failures = 0;
			this.options.onProgress?.();
		} catch (error) {
			if (this.failed === null && !this.stopped) delay = this.onFailure(error);
		}

		this.schedule(delay);
	}

	/** Says a failure; returns the wait before the next try (doubling up to 60 s). */
	private onFailure(error: unknown): number {
		this.failures++;
		const fatal = !isApiError(error);
		const message = error instanceof Error ? error.message : String(error);
		if (fatal) {
			this.failed = message;
			this.stop();
		}

		this.options.onError?.(fatal ? message : `--results: ${message} (tried again later)`, fatal);
		return Math.min(60_000, this.options.intervalMs * 2 ** Math.min(6, this.failures));
	}

	/** No more cycles (a read under way goes on to its end). */
	stop(): void {
		this.stopped = true;
		if (this.timer !== null) this.clock.clearTimeout(this.timer);
		this.timer = null;
	}

	/** Stops, cancelling a read under way (its page is read again by the next run), and resolves once nothing is being read or written. */
	async close(): Promise<void> {
		this.stop();
		this.cycleAbort?.abort();
		await this.current;
	}

	/**
	 * The watch is over: reads page after page (within the budget) until every finished item is
	 * written. Read failures are tried again (backing off) for `giveUpMs`; a write failure ends it.
	 * Resolves to null when done, else why not.
	 */
	async drain(options: {giveUpMs?: number; signal?: AbortSignal} = {}): Promise<string | null> {
		this.stop();
		await this.current;
		const giveUpMs = options.giveUpMs ?? 120_000;
		let failingSince: number | null = null;
		while (this.failed === null && !options.signal?.aborted) {
			try {
				// eslint-disable-next-line no-await-in-loop
				if (!(await this.step(options.signal))) return null;
				failingSince = null;
				this.failures = 0;
			} catch (error) {
				if (this.failed !== null || options.signal?.aborted) break;
				const now = this.clock.now();
				failingSince ??= now;
				const wait = this.onFailure(error);
				if (this.failed !== null) break;
				if (now - failingSince >= giveUpMs) return error instanceof Error ? error.message : String(error);
				// eslint-disable-next-line no-await-in-loop
				await new Promise<void>((resolve) => {
					this.clock.setTimeout(resolve, Math.min(wait, 10_000));
				});
			}
		}

		return this.failed ?? (options.signal?.aborted ? 'interrupted' : null);
	}
}
