// Reading items WITH their input and output, for files and resubmission: a batch's item list
// paged with a `fields` projection (the client drops it for a route that refuses it, and
// follows either cursor style), one batch or every batch of a job, or items by id; the failed items
// of a batch (resubmitting them: by id or by page, whichever takes fewer requests). Each page
// goes to a sink before the next is asked for, so nothing but the page in hand is held. Every
// request goes through the client, within its request budget.
import type {CallOptions, RunflowClient} from '../api/client.js';
import {EXPORT_ITEM_FIELDS, type ExportItem} from '../api/export.js';
import {isOversize} from '../api/limits.js';
import type {Batch, ListParams, Page} from '../api/types.js';
import {isFailure} from '../lib/status.js';

/** What the reader needs of the client. */
export type ExportReader = Pick<RunflowClient, 'listExportItems' | 'getExportItem'>;

export interface ReadProgress {
	/** The batch being read. */
	batchId: string;
	/** Items read so far (all batches), before `filter`. */
	read: number;
	/** Items to read in all, when known (the batches' items_total, or the ids asked for). */
	total: number | null;
	/** Batches finished reading / to read. */
	batchesDone: number;
	batches: number;
}

export interface ReadOptions {
	/** Items per page, 1..500 (default 100). */
	pageSize?: number;
	/** The projection (default EXPORT_ITEM_FIELDS). */
	fields?: string;
	/** A `q` for the server to list fewer items (`filter` still applies); a refusal is the caller's to handle. */
	q?: string;
	/** Keep only these items (e.g. the failed ones, or the screen's filter). */
	filter?: (item: ExportItem) => boolean;
	signal?: AbortSignal;
	/** After each page (or item read by id). */
	onProgress?: (progress: ReadProgress) => void;
	/** Items to read in all, when the caller knows it (the batches' counters): for progress. */
	total?: number | null;
}

/**
 * One page of items with their input and output. Outputs can be megabytes: a page whose answer
 * passes the client's limit (api/limits.ts) is asked for again, from the same cursor, at half the
 * size, down to one item; `size` keeps the size that passed for the pages after it.
 */
export async function readExportPage(
	client: ExportReader,
	batchId: string,
	params: ListParams & {limit: number},
	size: {limit: number},
	call?: CallOptions,
): Promise<Page<ExportItem>> {
	size.limit = Math.min(size.limit, params.limit);
	for (;;) {
		try {
			// eslint-disable-next-line no-await-in-loop
			return await client.listExportItems(batchId, {...params, limit: size.limit}, call);
		} catch (error) {
			if (!isOversize(error) || size.limit <= 1) throw error;
			size.limit = Math.max(1, Math.floor(size.limit / 2));
		}
	}
}

/** Gets each page's kept items, in order; the next page is read once it resolves. */
export type ItemSink = (items: ExportItem[], batchId: string) => void | Promise<void>;

interface Counter {
	read: number;
	batchesDone: number;
	batches: number;
}

async function pages(client: ExportReader, batchId: string, sink: ItemSink, options: ReadOptions, counter: Counter): Promise<number> {
	const size = {limit: Math.min(500, Math.max(1, Math.floor(options.pageSize ?? 100)))};
	const fields = options.fields ?? EXPORT_ITEM_FIELDS;
	const seen = new Set<string>();
	let cursor: string | null = null;
	let kept = 0;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const page = await readExportPage(client, batchId, {limit: size.limit, fields, pq: cursor, ...(options.q ? {q: options.q} : {})}, size, {
			signal: options.signal,
		});
		counter.read += page.items.length;
		const items = options.filter ? page.items.filter(options.filter) : page.items;
		kept += items.length;
		// eslint-disable-next-line no-await-in-loop
		if (items.length > 0) await sink(items, batchId);
		const next = page.next;
		// The end, or a server that sends a cursor twice (it would never end).
		if (next === null || next === '' || seen.has(next)) break;
		seen.add(next);
		options.onProgress?.({batchId, read: counter.read, total: options.total ?? null, batchesDone: counter.batchesDone, batches: counter.batches});
		cursor = next;
	}

	counter.batchesDone++;
	options.onProgress?.({batchId, read: counter.read, total: options.total ?? null, batchesDone: counter.batchesDone, batches: counter.batches});
	return kept;
}

/** Every item of one batch, a page at a time. Returns how many went to the sink. */
export async function readBatchItems(client: ExportReader, batchId: string, sink: ItemSink, options: ReadOptions = {}): Promise<number> {
	return pages(client, batchId, sink, options, {read: 0, batchesDone: 0, batches: 1});
}

/** Every item of every batch of a job, batch after batch. Returns how many went to the sink. */
export async function readJobItems(client: ExportReader, batchIds: readonly string[], sink: ItemSink, options: ReadOptions = {}): Promise<number> {
	const counter: Counter = {read: 0, batchesDone: 0, batches: batchIds.length};
	let kept = 0;
	for (const batchId of batchIds) {
		// eslint-disable-next-line no-await-in-loop
		kept += await pages(client, batchId, sink, options, counter);
	}

	return kept;
}

/** The items named, one request each (the ids of one batch); each goes to the sink as it comes. */
export async function readItemsById(
	client: ExportReader,
	batchId: string,
	ids: readonly string[],
	sink: ItemSink,
	options: Omit<ReadOptions, 'pageSize' | 'total'> = {},
): Promise<number> {
	const fields = options.fields ?? EXPORT_ITEM_FIELDS;
	const unique = [...new Set(ids)];
	let read = 0;
	let kept = 0;
	for (const id of unique) {
		// eslint-disable-next-line no-await-in-loop
		const item = await client.getExportItem(batchId, id, {fields}, {signal: options.signal});
		read++;
		if (!options.filter || options.filter(item)) {
			kept++;
			// eslint-disable-next-line no-await-in-loop
			await sink([item], batchId);
		}

		options.onProgress?.({batchId, read, total: unique.length, batchesDone: read === unique.length ? 1 : 0, batches: 1});
	}

	return kept;
}

/**
 * The failed items (failed and errored: lib/status.ts isFailure) of one batch, with their inputs:
 * by id (its lean list names them) when that takes fewer requests than paging the batch, else a
 * page at a time keeping the failures. `batch` is its counters and lean items as last read (a
 * job's entry holds only its failed lean items: as good). Each item read goes to the sink.
 */
export async function readFailedItems(client: ExportReader, batch: Batch, sink: ItemSink, options: {pageSize: number; signal?: AbortSignal}): Promise<number> {
	const failed = batch.items?.filter((item) => isFailure(item.status_code)).map((item) => item.id);
	if ((failed && failed.length === 0) || (!failed && batch.items_failed === 0)) return 0;
	const pages = Math.ceil(batch.items_total / options.pageSize);
	if (failed && failed.length <= pages) return readItemsById(client, batch.id, failed, sink, {signal: options.signal});
	return readBatchItems(client, batch.id, sink, {pageSize: options.pageSize, filter: (item) => isFailure(item.status), signal: options.signal});
}
