// Where a page of the item list comes from. Without a filter: the server's list, as always.
// With one: the server's list with `q`, rows that do not match dropped (a server that ignores
// part of `q` never shows a wrong row); when the server refuses that `q` (422), the page is
// built here from the batch's lean item list, which holds the status and client_ref of every
// item. Plain TypeScript: client and store, no React.
import type {RunflowClient} from '../api/client.js';
import {ITEM_FIELDS} from '../api/fields.js';
import {isApiError} from '../api/errors.js';
import type {Batch, BatchItem, Page} from '../api/types.js';
import {completeLeanItems, filterQuery, isFilterActive, localPage, matchesFilter} from '../lib/triage.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {isFilteredHere, listFilter} from '../store/triage.js';

/** A 422 (or 400) to a request with `q`: the server does not take that expression. */
export function isQueryRejection(error: unknown): boolean {
	return isApiError(error) && error.kind === 'invalid_request' && (error.status === 422 || error.status === 400);
}

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
}

/** The page at `cursor` of the list the state's filter asks for. */
export async function fetchListPage(request: ListPageRequest): Promise<Page<BatchItem>> {
	const {client, store, state, cursor, signal} = request;
	const filter = listFilter(state);
	const params = {limit: state.pageSize, pq: cursor, fields: ITEM_FIELDS};
	if (!isFilterActive(filter)) return client.listItems(state.batchId, params, {signal});
	const q = filterQuery(filter)!;
	if (!state.triage.rejectedQueries.has(q)) {
		try {
			const page = await client.listItems(state.batchId, {...params, q}, {signal});
			return {...page, items: page.items.filter((item) => matchesFilter(item, filter))};
		} catch (error) {
			if (signal?.aborted || !isQueryRejection(error)) throw error;
			store.getState().rejectQuery(q);
		}
	}

	const batch = (await request.batch) ?? state.batch;
	const {causes} = store.getState().triage;
	return localPage(localRows(batch, state), isFilteredHere(state) ? cursor : null, state.pageSize, (id) => causes.get(id));
}
