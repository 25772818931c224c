// The batch, read so that what is read every tick does not grow with the batch: its counters
// (a `fields` projection without `items[]`), or, at the pace pace.ts sets (sooner when the
// counters moved), the counters with the lean item list in one read; at once when the counters
// say the batch finished. The batch the store holds is the last counters with the last lean
// list. A server that ignores or refuses the projection sends the whole batch: used as it is.
import type {RunflowClient} from '../api/client.js';
import {BATCH_COUNTER_FIELDS, BATCH_LEAN_FIELDS} from '../api/fields.js';
import {isOversize} from '../api/limits.js';
import type {Batch} from '../api/types.js';
import {isTerminal} from '../lib/status.js';
import {leanPeriodMs, progressKey} from './pace.js';

/**
 * The batch with its lean list, or, when that answer passes the client's limit (api/limits.ts: a
 * batch of some hundred thousand items), its counters alone from then on (`tooLarge` remembers
 * which batches): a batch without its item list, as a server that sends none (f/F walk the pages).
 */
export async function readLeanOrCounters(client: RunflowClient, batchId: string, tooLarge: Set<string>, signal?: AbortSignal): Promise<Batch> {
	if (!tooLarge.has(batchId)) {
		try {
			return await client.getBatch(batchId, {fields: BATCH_LEAN_FIELDS}, {signal});
		} catch (error) {
			if (!isOversize(error)) throw error;
			tooLarge.add(batchId);
		}
	}

	const counters = await client.getBatch(batchId, {fields: BATCH_COUNTER_FIELDS}, {signal});
	const {items: _none, ...rest} = counters;
	return rest;
}

export class BatchReader {
	/** The batch whose lean list is too large to read (readLeanOrCounters). */
	private readonly tooLarge = new Set<string>();
	private lean: Batch | null = null;
	private leanAt = Number.NEGATIVE_INFINITY;
	/** progressKey of the batch when the lean list was last read, and of the last counters read. */
	private leanKey = '';
	private countersKey = '';
	/** The last poll changed something on screen: the lean list is read at its quicker pace. */
	private moved = false;
	private composed: {counters: Batch; lean: Batch | null; batch: Batch} | null = null;

	constructor(private readonly client: RunflowClient) {}

	/** The next read takes the lean list too (`r`). */
	wantLean(): void {
		this.leanAt = Number.NEGATIVE_INFINITY;
	}

	/** Whether the last poll changed anything on screen (the poller tells). */
	changed(changed: boolean): void {
		this.moved = changed;
	}

	/** The batch as of now: counters fresh, lean list as of its pace. */
	async read(batchId: string, intervalMs: number, now: number, signal: AbortSignal): Promise<Batch> {
		const total = this.lean?.items_total ?? 0;
		const moved = this.moved || this.countersKey !== this.leanKey;
		if (this.lean === null || now - this.leanAt >= leanPeriodMs(intervalMs, total, moved)) return this.readLean(batchId, now, signal);
		const counters = await this.client.getBatch(batchId, {fields: BATCH_COUNTER_FIELDS}, {signal});
		// The server sent the list anyway (the projection ignored or refused): nothing more to read.
		if (counters.items !== undefined) return this.keepLean(counters, now);
		this.countersKey = progressKey(counters);
		const finishing = isTerminal(counters.status_code) && !(this.lean.items ?? []).every((item) => isTerminal(item.status_code));
		if (finishing) return this.readLean(batchId, now, signal);
		return this.compose(counters, this.lean);
	}

	private async readLean(batchId: string, now: number, signal: AbortSignal): Promise<Batch> {
		return this.keepLean(await readLeanOrCounters(this.client, batchId, this.tooLarge, signal), now);
	}

	private keepLean(lean: Batch, now: number): Batch {
		this.lean = lean;
		this.leanAt = now;
		this.leanKey = progressKey(lean);
		this.countersKey = this.leanKey;
		return lean;
	}

	/** The counters with the lean list's items; the same object while neither changed. */
	private compose(counters: Batch, lean: Batch): Batch {
		if (this.composed?.counters === counters && this.composed.lean === lean) return this.composed.batch;
		const batch: Batch = lean.items === undefined ? counters : {...counters, items: lean.items};
		this.composed = {counters, lean, batch};
		return batch;
	}
}
