// The causes of the items that failed while the monitor was away (a restart's digest, "since
// 02:14: … 12 failed (OOM ×8, …)"): the failed items held now that the journal did not hold as
// failed, each read by id with only what its cause needs (id, status_code, error), one at a time,
// at the lowest priority of the request budget (behind every other request, as the balance), at
// most 20 in all; only while the digest is on screen (a key takes it away: the read under way is
// dropped). Done once the digest's figures are whole and every such item was read, or the 20 were
// made. It does not watch the store: its owner pokes it when the store changed (cli/journal.ts).
// Plain TypeScript: client and store.
import type {RunflowClient} from '../api/client.js';
import {CAUSE_FIELDS} from '../api/fields.js';
import {failureCause} from '../lib/failures.js';
import {failedSince, unreadSince, type FailedSince} from '../lib/journal-entries.js';
import type {JobEntry} from '../lib/job-rows.js';
import type {AppStore} from '../store/store.js';

/** The most causes read for a digest: past that, it says of how many it counts. */
export const DIGEST_CAUSE_READS = 20;

export interface DigestCauseReaderOptions {
	client: RunflowClient;
	store: AppStore;
	maxReads?: number;
}

export class DigestCauseReader {
	private running = false;
	private controller: AbortController | null = null;
	private since: {batches: Readonly<Record<string, JobEntry>>; items: FailedSince[]} | null = null;
	/** Reads made (tests). */
	reads = 0;

	constructor(private readonly options: DigestCauseReaderOptions) {}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.poke();
	}

	stop(): void {
		this.running = false;
		this.controller?.abort();
		this.controller = null;
	}

	/** The store changed (a batch read, a key pressed): look again at what is to read, unless a read is under way. */
	poke(): void {
		if (this.running && !this.controller) this.next();
	}

	/** The failed items held now that the journal did not hold as failed (worked out again only when a batch changed). */
	private failedSince(ids: readonly string[], batches: Readonly<Record<string, JobEntry>>, before: ReadonlySet<string>): FailedSince[] {
		if (this.since?.batches !== batches) this.since = {batches, items: failedSince(ids.map((id) => batches[id]!).filter(Boolean), before)};
		return this.since.items;
	}

	private next(): void {
		const {store, maxReads = DIGEST_CAUSE_READS} = this.options;
		const {job} = store.getState();
		const mark = job?.journal;
		if (!job || !mark?.digest || mark.causesDone || mark.savedAt === null) {
			this.stop();
			return;
		}

		const target = this.reads < maxReads ? this.failedSince(job.ids, job.batches, mark.failedBefore).find(({key}) => !(key in mark.causes)) : undefined;
		if (target) {
			void this.read(target);
			return;
		}

		// As many as may be read, or every one of them once the figures are whole (no more can come).
		if (this.reads >= maxReads || unreadSince(job.batches, job.ids, mark.savedAt) === 0) store.getState().digestCausesDone();
	}

	private async read({batchId, item, key}: FailedSince): Promise<void> {
		const {client, store} = this.options;
		const controller = new AbortController();
		this.controller = controller;
		this.reads++;
		let cause: string | null = null;
		try {
			const detail = await client.getItem(batchId, item.id, {fields: CAUSE_FIELDS}, {signal: controller.signal, priority: 'low'});
			cause = failureCause(detail) ?? 'unknown';
		} catch {
			// Not read (said as such: 'of 19 read'); a key took the digest away: nothing more.
			if (controller.signal.aborted) return;
		} finally {
			if (this.controller === controller) this.controller = null;
		}

		if (!this.running) return;
		store.getState().digestCauseRead(key, cause);
		this.poke();
	}
}
