// Where a page of the item list comes from. Without a filter: the server's list, as always.
// With one: the server's list with `q`, rows that do not match dropped (a server that ignores
// part of `q` never shows a wrong row); when the server refuses that `q` (422), the page is
// built here from the batch's lean item list, which holds the status and client_ref of every
// item. A seek cursor (lib/seek.ts: the page holding row N, where a jump lands) is fetched with
// `q=sequence_index>=S` when the server honours it, else built here from the lean list with what
// is known of its rows. An order (`sortBy`, lib/order.ts) is asked of the server as `sort_by`;
// when the server refuses it (400/422), or ignores it (answers a page not in that order), the page
// comes in its default order, the caller is told, and the refusal is remembered for the session
// (api/shaping.ts): later pages go without it.
// Pages built here (and seek pages) are in sequence order: the caller sorts the rows it holds.
// Plain TypeScript: client and store, no React.
import type {RunflowClient} from '../api/client.js';
import {ITEM_FIELDS} from '../api/fields.js';
import {isQueryRefusal, isSortRefusal} from '../api/shaping.js';
import type {Batch, BatchItem, ListParams, Page} from '../api/types.js';
import {honoursOrder, orderById, ORDERS} from '../lib/order.js';
import {parseSeek, rowAtOrAfter, SEEK_QUERY_KEY, seekCursor, seekQuery, type SeekPoint} from '../lib/seek.js';
import {completeLeanItems, filterQuery, isFilterActive, leanAsItem, localPage, matchesFilter, serverMatchHolds} from '../lib/triage.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {isFilteredHere, listFilter} from '../store/triage.js';
import {fillLeanRows, knownItems} from './row-details.js';

/** The rows of a page built here: the batch's lean items passing the filter (all of them, even from a partial list). */
function localRows(batch: Batch | null, state: AppState) {
	const filter = listFilter(state);
	const lean = completeLeanItems(batch) ?? [...(batch?.items ?? [])].sort((a, b) => a.sequence_index - b.sequence_index);
	return lean.filter((item) => matchesFilter(item, filter));
}

export interface ListPageRequest {
	client: RunflowClient;
	store: AppStore;
	/** The state the request is for (its filter, page size, rejected queries). */
	state: AppState;
	cursor: string | null;
	/** The batch to build a local page from: the one fetched alongside, else the state's. */
	batch?: Promise<Batch> | Batch | null;
	signal?: AbortSignal;
	/** Read by id a few rows of a page built here (row-details.ts): the polls do; a jump leaves it to them. Default true. */
	readRows?: boolean;
	/**
	 * The order to ask the server for, as `sort_by` (an Order's `sortBy` of lib/order.ts, e.g.
	 * 'cost:desc'); absent or null: the server's default order. Sent with every page of the
	 * server's list (cursor pages too), not with seek pages nor pages built here.
	 */
	sortBy?: string | null;
	/**
	 * Called with `sortBy` for each page fetched without it because the server refused it: on
	 * the refusal (400/422 naming sort_by or no field; the page is then asked again without it),
	 * and on every later page, since the refusal holds for the session (`sortRefused`).
	 */
	onSortRefused?: (sortBy: string) => void;
}

/** The route the client's shaper knows the item list by. */
const ITEMS_ROUTE = 'items';

/** Whether the server refused `sort_by` on the item list earlier in the session (then every page comes in its default order). */
export function sortRefused(client: RunflowClient): boolean {
	return client.shaper.refuses(ITEMS_ROUTE, 'sort_by');
}

/**
 * The order part of a request for the state's list: its `sort_by` (none by sequence, nor for an
 * order no server sorts by), and the store told when the server refuses or ignores it, so the
 * rows are sorted here (store/order.ts).
 */
export function orderRequest(store: AppStore, state: AppState = store.getState()): Pick<ListPageRequest, 'sortBy' | 'onSortRefused'> {
	const order = orderById(state.list.order);
	return {
		sortBy: order.localOnly ? null : order.sortBy,
		onSortRefused: () => store.getState().refuseOrder(),
	};
}

/**
 * The server's list with `params`, in the order the request asks for when the server takes it.
 * A refusal naming no field is blamed on sort_by only when the request without it is answered
 * (else that answer's error is thrown: a `q` refused is the caller's to handle).
 */
async function listItems(request: ListPageRequest, params: ListParams): Promise<Page<BatchItem>> {
	const {client, state, signal, sortBy} = request;
	if (!sortBy) return client.listItems(state.batchId, params, {signal});
	if (!sortRefused(client)) {
		let page: Page<BatchItem>;
		try {
			page = await client.listItems(state.batchId, {...params, sort_by: sortBy}, {signal});
			// A server that ignores sort_by (answers 200 in its own order): as refused.
			const order = ORDERS.find((o) => o.sortBy === sortBy);
			if (!order || honoursOrder(page.items, order.id)) return page;
		} catch (error) {
			if (signal?.aborted || !isSortRefusal(error)) throw error;
			page = await client.listItems(state.batchId, params, {signal});
		}

		client.shaper.remember(ITEMS_ROUTE, 'sort_by');
		request.onSortRefused?.(sortBy);
		return page;
	}

	const page = await client.listItems(state.batchId, params, {signal});
	request.onSortRefused?.(sortBy);
	return page;
}

/** The rows of a page built here filled in with what is known, and (when asked) a few read by id. */
function completeRows(
	request: ListPageRequest,
	build: (known: (id: string) => BatchItem | undefined) => Page<BatchItem>,
): Promise<Page<BatchItem>> | Page<BatchItem> {
	const {client, store, signal} = request;
	const page = build(knownItems(store.getState()));
	return request.readRows === false ? page : fillLeanRows(client, store, page, build, signal);
}

/** The page at `cursor` of the list the state's filter asks for. */
export async function fetchListPage(request: ListPageRequest): Promise<Page<BatchItem>> {
	const {client, store, state, cursor, signal} = request;
	const seek = parseSeek(cursor);
	if (seek) return fetchSeekPage(request, seek);
	const filter = listFilter(state);
	const params = {limit: state.pageSize, pq: cursor, fields: ITEM_FIELDS};
	if (!isFilterActive(filter)) return listItems(request, params);
	const q = filterQuery(filter)!;
	// The server matches the raw client_ref; the screen matches what it shows. Where they would
	// pick different items (hostile text), the list is built here, where the shown text decides.
	const lean = completeLeanItems(state.batch);
	if (!state.triage.rejectedQueries.has(q) && lean && !serverMatchHolds(lean, filter)) store.getState().rejectQuery(q, true);
	if (!store.getState().triage.rejectedQueries.has(q)) {
		try {
			const page = await listItems(request, {...params, q});
			return {...page, items: page.items.filter((item) => matchesFilter(item, filter))};
		} catch (error) {
			if (signal?.aborted || !isQueryRefusal(error)) throw error;
			store.getState().rejectQuery(q);
		}
	}

	const batch = (await request.batch) ?? state.batch;
	const rows = localRows(batch, state);
	const at = isFilteredHere(store.getState()) ? cursor : null;
	const build = (known: (id: string) => BatchItem | undefined) => localPage(rows, at, state.pageSize, known);
	// Rows hold the lean list's words: what is known fills them in, the rest is read by id.
	return completeRows(request, build);
}

/** Whether a page asked for with the seek's `q` is the list from `from` on: ascending, none before it (exactly it first when nothing is filtered out). */
function honoursSeek(items: readonly BatchItem[], from: number, filtered: boolean): boolean {
	if (items.length === 0) return filtered;
	if (!filtered && items[0]!.sequence_index !== from) return false;
	return items.every((item, i) => item.sequence_index >= from && (i === 0 || item.sequence_index > items[i - 1]!.sequence_index));
}

/** The page a seek cursor names: from the server with `q` when it honours it, else built here from the lean list. */
async function fetchSeekPage(request: ListPageRequest, seek: SeekPoint): Promise<Page<BatchItem>> {
	const {client, store, state, signal} = request;
	const filter = listFilter(state);
	const size = state.pageSize;
	if (!state.triage.rejectedQueries.has(SEEK_QUERY_KEY)) {
		try {
			const q = seekQuery(filterQuery(filter), seek.sequenceIndex);
			const page = await client.listItems(state.batchId, {limit: size, fields: ITEM_FIELDS, q}, {signal});
			if (honoursSeek(page.items, seek.sequenceIndex, isFilterActive(filter))) {
				const last = page.items.at(-1);
				// The next page: the rows after this one's last, asked for the same way.
				const next = page.next && last ? seekCursor(seek.offset + size, last.sequence_index + 1) : null;
				return {items: page.items.filter((item) => matchesFilter(item, filter)), first: null, next, previous: null};
			}
		} catch (error) {
			if (signal?.aborted || !isQueryRefusal(error)) throw error;
		}

		// Refused, or answered with other rows (the server ignored q): built here from now on.
		store.getState().rejectQuery(SEEK_QUERY_KEY);
	}

	const batch = (await request.batch) ?? state.batch;
	const rows = localRows(batch, state);
	const start = rowAtOrAfter(rows, seek.sequenceIndex);
	const end = Math.min(rows.length, start + size);
	const before = Math.max(0, start - size);
	const build = (known: (id: string) => BatchItem | undefined): Page<BatchItem> => ({
		items: rows.slice(start, end).map((row) => leanAsItem(row, known(row.id))),
		first: null,
		next: end < rows.length ? seekCursor(seek.offset + size, rows[end]!.sequence_index) : null,
		previous: start > 0 && before > 0 ? seekCursor(seek.offset - size, rows[before]!.sequence_index) : null,
	});
	return completeRows(request, build);
}
