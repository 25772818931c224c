// Fetches why items failed, for the failure summary. The batch's lean list says which items
// failed but not why; a failed item never changes, so each is fetched once: many at a time with
// one list call filtered by `q` (the item's own fields, 500 a page), or, when the server refuses that
// `q` or only a few are missing, by id, a few per tick, never two requests for one id at once.
// Failed items already on fetched pages count as they are. Plain TypeScript: client and store.
import type {RunflowClient} from '../api/client.js';
import {ITEM_FIELDS} from '../api/fields.js';
import {isApiError} from '../api/errors.js';
import {isQueryRefusal} from '../api/shaping.js';
import type {Batch, BatchItem} from '../api/types.js';
import {isFailure} from '../lib/status.js';
import {FAILURE_QUERY} from '../lib/triage.js';
import type {AppStore} from '../store/store.js';
import {MAX_CAUSES} from '../store/triage-state.js';

export interface FailureFetcherOptions {
	client: RunflowClient;
	store: AppStore;
	/** false: never list with `q`, always fetch by id (as after a 422). Default true. */
	useQuery?: boolean;
	/** Items fetched by id per step, at once. Default 4. */
	perStep?: number;
	/** More missing than this (and `q` allowed): one filtered list instead of fetching by id. Default 8. */
	listAbove?: number;
	/** Page size of the filtered list. Default 500. */
	listLimit?: number;
	/** Pages of the filtered list per step. Default 20. */
	maxListPages?: number;
	/** Failed fetches of one id before giving up on it. Default 3. */
	maxAttempts?: number;
}

type LeanItem = NonNullable<Batch['items']>[number];

/**
 * The failed items of a lean list in sequence order, found once per list: every poll asks, and
 * the list (20,000 rows on a big batch) is the same array until it is read again.
 */
const failedByList = new WeakMap<readonly LeanItem[], LeanItem[]>();

function failedOf(items: readonly LeanItem[]): LeanItem[] {
	let failed = failedByList.get(items);
	if (!failed) {
		failed = items.filter((item) => isFailure(item.status_code)).sort((a, b) => a.sequence_index - b.sequence_index);
		failedByList.set(items, failed);
	}
	return failed;
}

export class FailureFetcher {
	private readonly inFlight = new Set<string>();
	private readonly attempts = new Map<string, number>();
	/** The filtered list brought nothing missing: fetch by id from now on. */
	private listUnhelpful = false;
	/** The batch's failed counter when the failures were last listed (no lean list). */
	private listedAtCount = -1;

	constructor(private readonly options: FailureFetcherOptions) {}

	/** Failed items whose cause is not known yet, in sequence order (ids being fetched or given up on left out). */
	missing(): string[] {
		const state = this.options.store.getState();
		const known = state.triage.causes;
		const max = this.options.maxAttempts ?? 3;
		return failedOf(state.batch?.items ?? [])
			.filter((item) => !known.has(item.id) && !this.inFlight.has(item.id) && (this.attempts.get(item.id) ?? 0) < max)
			.map((item) => item.id);
	}

	/** One round: take the failures on held pages, then fetch some of the missing ones. Aborts propagate; other errors wait for the next step. */
	async step(signal?: AbortSignal): Promise<void> {
		const {store} = this.options;
		this.harvest();
		if (store.getState().triage.causes.size >= MAX_CAUSES) return;
		const {batch, triage} = store.getState();
		const useQuery = (this.options.useQuery ?? true) && !triage.rejectedQueries.has(FAILURE_QUERY) && !this.listUnhelpful;
		const missing = this.missing();
		// Without a lean list, ids are unknown: list when the failed counter says some are missing.
		const blind = !Array.isArray(batch?.items) && (batch?.items_failed ?? 0) > triage.causes.size && batch?.items_failed !== this.listedAtCount;
		if (missing.length === 0 && !blind) return;
		if (useQuery && (blind || missing.length > (this.options.listAbove ?? 8))) {
			try {
				this.listedAtCount = batch?.items_failed ?? -1;
				await this.listFailures(signal);
				if (!blind && this.missing().length >= missing.length) this.listUnhelpful = true;
				return;
			} catch (error) {
				if (signal?.aborted) throw error;
				if (!isQueryRefusal(error)) return;
				store.getState().rejectQuery(FAILURE_QUERY);
			}
		}

		await this.fetchById(this.missing().slice(0, this.options.perStep ?? 4), signal);
	}

	/** Failed items of the pages held (with their run or error: enough to tell the cause). */
	private harvest(): void {
		const {store} = this.options;
		const found: BatchItem[] = [];
		for (const page of store.getState().list.pages.values()) {
			for (const item of page.items) {
				if (isFailure(item.status_code) && (item.run || item.error)) found.push(item);
			}
		}

		if (found.length > 0) store.getState().recordFailures(found);
	}

	private async listFailures(signal?: AbortSignal): Promise<void> {
		const {client, store} = this.options;
		const batchId = store.getState().batchId;
		let cursor: string | null = null;
		for (let i = 0; i < (this.options.maxListPages ?? 20); i++) {
			const page = await client.listItems(batchId, {limit: this.options.listLimit ?? 500, pq: cursor, fields: ITEM_FIELDS, q: FAILURE_QUERY}, {signal});
			store.getState().recordFailures(page.items);
			if (!page.next || page.items.length === 0 || store.getState().triage.causes.size >= MAX_CAUSES) return;
			cursor = page.next;
		}
	}

	private async fetchById(ids: string[], signal?: AbortSignal): Promise<void> {
		const {client, store} = this.options;
		const batchId = store.getState().batchId;
		const fetched: BatchItem[] = [];
		const one = async (id: string) => {
			this.inFlight.add(id);
			try {
				const item = await client.getItem(batchId, id, {fields: ITEM_FIELDS}, {signal});
				fetched.push(item);
				// Not failed after all (an id reused, a retried item): do not ask for ever.
				if (!isFailure(item.status_code)) this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1);
			} catch (error) {
				if (signal?.aborted) throw error;
				const attempts = (this.attempts.get(id) ?? 0) + 1;
				// Gone, or refused for good: no use asking again.
				const final = isApiError(error) && !error.retryable;
				this.attempts.set(id, final ? Number.POSITIVE_INFINITY : attempts);
			} finally {
				this.inFlight.delete(id);
			}
		};

		try {
			await Promise.all(ids.map(one));
		} finally {
			if (fetched.length > 0) store.getState().recordFailures(fetched);
		}
	}
}
