// What one poll reads for the screen: the batch (counters, and the lean list at its pace), the
// page on screen and the open run; once the batch finished, only what is not held yet. Every
// answer is checked against the screen token taken when the poll started (store/screen.ts).
import type {RunflowClient} from '../api/client.js';
import type {ApiError} from '../api/errors.js';
import {isRefusal} from '../api/shaping.js';
import type {BatchItem, Page} from '../api/types.js';
import {LIST_PARTS, screenToken, stillShown} from '../store/screen.js';
import {currentPage, type AppState} from '../store/state.js';
import {quietly, type AppStore} from '../store/store.js';
import type {BatchReader} from './batch-reads.js';
import {fetchListPage, orderRequest} from './list-source.js';
import type {LogFollower} from './logs.js';

export interface ScreenReads {
	client: RunflowClient;
	store: AppStore;
	intervalMs: number;
	/** false: the item list is never read (plain and json print from the batch alone). */
	list: boolean;
	batches: BatchReader;
	logs: LogFollower;
	now(): number;
}

/** The batch, the page on screen, the open run. */
export async function readScreen(reads: ScreenReads, state: AppState, signal: AbortSignal): Promise<void> {
	const {client, store, intervalMs} = reads;
	const cursor = state.list.cursor;
	const token = screenToken(state);
	const batchRequest = reads.batches.read(state.batchId, intervalMs, reads.now(), signal);
	const [batch, page] = await Promise.all([
		batchRequest,
		// The list of the state's filter and order (list-source.ts): the server's list, with `q` or built here.
		reads.list
			? fetchListPage({client, store, state, cursor, batch: batchRequest, signal, ...orderRequest(store, state)}).catch(refusedCursor(cursor, signal))
			: null,
	]);
	const at = reads.now();
	// Drawn with the rest of the poll (quiet.ts): one frame per poll.
	quietly(store, () => {
		// A job's batch screen left for another batch meanwhile: nothing of this one is shown.
		if (!stillShown(store.getState(), token, ['batch'])) return;
		store.getState().batchLoaded(batch, at, client.serverNow());
		// A page for a list the screen left (another filter, order or page) is dropped.
		if (!page || !stillShown(store.getState(), token, LIST_PARTS)) return;
		if ('refused' in page) store.getState().pageRefused(cursor, page.refused.message);
		else store.getState().pageLoaded(cursor, page, at);
	});
	await reads.logs.tick(signal);
}

/**
 * A page at a cursor the server refuses (400/422: a cursor it does not take, or no longer) is no
 * outage: the poll goes on, and the store says it and goes back to the page held (pageRefused).
 * The first page (no cursor) refused is the server refusing the list itself: an error as ever.
 */
function refusedCursor(cursor: string | null, signal: AbortSignal) {
	return (error: unknown): {refused: ApiError} => {
		if (cursor === null || signal.aborted || !isRefusal(error)) throw error;
		return {refused: error as ApiError};
	};
}

/** After the batch finished: the page on screen when it is not held (a new page, a filter), the open run's logs until read. */
export async function readWhatIsMissing(reads: ScreenReads, state: AppState, signal: AbortSignal): Promise<void> {
	const {client, store} = reads;
	if (reads.list && !currentPage(state)) {
		const cursor = state.list.cursor;
		const token = screenToken(state);
		const page: Page<BatchItem> | {refused: ApiError} = await fetchListPage({client, store, state, cursor, signal, ...orderRequest(store, state)}).catch(
			refusedCursor(cursor, signal),
		);
		if (!stillShown(store.getState(), token, LIST_PARTS)) {
			// A page for a list the screen left is dropped.
		} else if ('refused' in page) {
			store.getState().pageRefused(cursor, page.refused.message);
		} else {
			store.getState().pageLoaded(cursor, page, reads.now());
		}
	}

	await reads.logs.tick(signal);
}
