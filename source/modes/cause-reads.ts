// A failed item's line waits for its cause, read by id: one read at a time (each waits on the
// client's request budget, as the poller's reads do), at most `maxReads` in a watch (the failures
// after those are said without their cause). At the end, the reads under way get a few seconds
// (real time), then what is left is said without its cause: every failure seen is said, once,
// before the last line. One batch's watch and a job's alike (watch-loop.ts).
import type {RunflowClient} from '../api/client.js';
import {ITEM_FIELDS} from '../api/fields.js';
import type {BatchItem, LeanItem} from '../api/types.js';
import {failureCause, failureMessage} from '../lib/failures.js';
import type {FailureEvent} from './reporters.js';

/** A failed item seen, and the batch it is read from. */
export interface SeenFailure {
	batchId: string;
	item: LeanItem;
}

export interface CauseReadsOptions {
	client: RunflowClient;
	/** At most this many reads (default 200). */
	maxReads?: number;
	/** Whether the failure event names its batch (a job's). */
	namesBatch: boolean;
	/** Says one failure (its line or event). */
	say: (event: FailureEvent) => void;
}

/** The failure event of `item`, its cause from `detail` when it was read (cause_read false otherwise). */
export function failureEvent({batchId, item}: SeenFailure, detail: BatchItem | undefined, namesBatch: boolean): FailureEvent {
	return {
		...(namesBatch ? {batch_id: batchId} : {}),
		id: item.id,
		sequence_index: item.sequence_index,
		client_ref: item.client_ref ?? null,
		status: item.status_code,
		run_id: item.run_id,
		cause: detail ? failureCause(detail) : null,
		message: detail ? failureMessage(detail) : null,
		cause_read: detail !== undefined,
	};
}

export class CauseReads {
	private readonly queue: SeenFailure[] = [];
	private readonly reads = new AbortController();
	private made = 0;
	/** The reading under way (or the last), and whether it is still going: it may end before `work()` returns. */
	private worker: Promise<void> | null = null;
	private working = false;

	constructor(private readonly options: CauseReadsOptions) {}

	/** Failures to say, in the order seen. */
	add(failures: readonly SeenFailure[]): void {
		if (failures.length === 0) return;
		this.queue.push(...failures);
		if (this.working) return;
		this.working = true;
		this.worker = this.work();
	}

	/** The end: the reads under way get `waitMs` (real time), then the rest are said without their cause. */
	async finish(waitMs: number): Promise<void> {
		if (!this.worker) return;
		let wait: NodeJS.Timeout | undefined;
		await Promise.race([
			this.worker,
			new Promise((resolve) => {
				wait = setTimeout(resolve, waitMs);
			}),
		]);
		clearTimeout(wait);
		this.reads.abort();
		await this.worker;
	}

	private async work(): Promise<void> {
		const {client, maxReads = 200, namesBatch, say} = this.options;
		try {
			await this.drain(client, maxReads, namesBatch, say);
		} finally {
			this.working = false;
		}
	}

	private async drain(client: RunflowClient, maxReads: number, namesBatch: boolean, say: CauseReadsOptions['say']): Promise<void> {
		while (this.queue.length > 0) {
			const failure = this.queue.shift()!;
			let detail: BatchItem | undefined;
			if (!this.reads.signal.aborted && this.made < maxReads) {
				this.made++;
				try {
					detail = await client.getItem(failure.batchId, failure.item.id, {fields: ITEM_FIELDS}, {signal: this.reads.signal});
				} catch {
					detail = undefined;
				}
			}

			say(failureEvent(failure, detail, namesBatch));
		}
	}
}
