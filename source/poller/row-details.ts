// The rows of a list built here (the server refused or cannot be trusted with `q`) come from the
// batch's lean item list: status and client_ref only. What else is known of an item (read by id
// before, a fetched failure, the unfiltered pages held) fills its row when it was read in the same
// status; the rest of the page's rows are read by id, a few a poll (the rest the polls after),
// never a burst against the organization's rate limit.
// A row that could not be read stays marked (lib/triage.ts isLeanRow) and shows as not loaded.
import {ITEM_FIELDS} from '../api/fields.js';
import type {RunflowClient} from '../api/client.js';
import type {BatchItem, Page} from '../api/types.js';
import {isLeanRow} from '../lib/triage.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';

/** Item reads in flight at once. */
const PARALLEL = 4;
/** Item reads by one call (one poll): a page of 50 fills within a few polls. */
const MAX_READS = 8;

/** What is known of an item by id: read by id, a failure's cause, the pages held (built-here rows left out). */
export function knownItems(state: AppState): (id: string) => BatchItem | undefined {
	let held: Map<string, BatchItem> | null = null;
	return (id) => {
		const {details, causes, saved} = state.triage;
		const direct = details.get(id) ?? causes.get(id);
		if (direct) return direct;
		if (held === null) {
			held = new Map();
			for (const pages of [saved?.pages, state.list.pages]) {
				for (const page of pages?.values() ?? []) {
					for (const item of page.items) if (!isLeanRow(item)) held.set(item.id, item);
				}
			}
		}

		return held.get(id);
	};
}

/**
 * Reads by id the rows of `page` that hold only the lean list's words (at most the page), keeps
 * them in the store, and gives the page rebuilt by `build`. A read that fails leaves its row as
 * it was (not loaded); an abort is passed on.
 */
export async function fillLeanRows(
	client: RunflowClient,
	store: AppStore,
	page: Page<BatchItem>,
	build: (known: (id: string) => BatchItem | undefined) => Page<BatchItem>,
	signal?: AbortSignal,
): Promise<Page<BatchItem>> {
	const missing = page.items.filter(isLeanRow).slice(0, MAX_READS);
	if (missing.length === 0) return page;
	const {batchId} = store.getState();
	const read: BatchItem[] = [];
	let next = 0;
	const worker = async () => {
		while (next < missing.length) {
			const row = missing[next++]!;
			try {
				read.push(await client.getItem(batchId, row.id, {fields: ITEM_FIELDS}, {signal}));
			} catch (error) {
				if (signal?.aborted) throw error;
			}
		}
	};

	await Promise.all(Array.from({length: Math.min(PARALLEL, missing.length)}, worker));
	if (read.length === 0) return page;
	store.getState().detailsLoaded(read);
	store.getState().recordFailures(read);
	return build(knownItems(store.getState()));
}
