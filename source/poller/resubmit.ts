// `R`'s reads and creates (the session's Resubmitting). Reading: each source batch's failed items
// with their inputs (by id, or by page with a projection: item-reader.ts readFailedItems), one
// request at a time through a client whose request budget keeps them to --max-rps, progress in
// the store as they come (`reading inputs 12/14…`), the frame never waiting on them. Sending: the
// plan's new batches one after the other (resubmit-send.ts: the same loop as `runflow-watch
// resubmit`), each joining the job as it is created (store: resubmitCreated; `onJoined` for the
// wiring: a job poller started when one batch became a job), appended to --batches-file, and what
// came of it said in words (the store's ResubmitSaid; ui/said.ts names the keys).
import type {RunflowClient} from '../api/client.js';
import {toApiError} from '../api/errors.js';
import type {ExportItem} from '../api/export.js';
import type {Batch} from '../api/types.js';
import type {ModelRef} from '../api/writes.js';
import {isBatchFinished} from '../lib/finished.js';
import {costPerSucceededItem, type ResubmitPlan, type ResubmitSource} from '../lib/resubmit.js';
import type {ResubmitScope} from '../store/resubmit.js';
import type {ResubmitMade} from '../store/said.js';
import type {AppStore} from '../store/store.js';
import {readFailedItems} from './item-reader.js';
import {sendChunks} from './resubmit-send.js';

export interface ResubmitterOptions {
	/** Reads and creates: within a request budget (the job's, or one of its own at --max-rps). */
	client: Pick<RunflowClient, 'listExportItems' | 'getExportItem' | 'createBatch'>;
	store: AppStore;
	readOnly: boolean;
	/** Items per page when a batch's failures are read by page (default 100). */
	pageSize?: number;
	/** --batches-file, where new ids are appended (null: none, or standard input). */
	appendTo: string | null;
	/** New batches joined the job (the store has them): the wiring reads them from now on. */
	onJoined?: (batchIds: string[]) => void;
	now?: () => number;
}

export class Resubmitter {
	private reading: AbortController | null = null;
	private sending: AbortController | null = null;

	constructor(private readonly options: ResubmitterOptions) {}

	get readOnly(): boolean {
		return this.options.readOnly;
	}

	/** The batches of `scope` as the store holds them: the batch screen's own (its whole lean list), else the job's entries. */
	private sourceBatches(scope: ResubmitScope): Batch[] {
		const state = this.options.store.getState();
		return scope.batchIds.flatMap((id) => {
			const batch = state.batch?.id === id ? state.batch : state.job?.batches[id]?.batch;
			return batch ? [batch] : [];
		});
	}

	read(scope: ResubmitScope): void {
		this.reading?.abort();
		const controller = new AbortController();
		this.reading = controller;
		void this.readAll(scope, controller).finally(() => {
			if (this.reading === controller) this.reading = null;
		});
	}

	private async readAll(scope: ResubmitScope, controller: AbortController): Promise<void> {
		const {store, client} = this.options;
		const batches = this.sourceBatches(scope);
		const sources: ResubmitSource[] = [];
		let read = 0;
		try {
			for (const batch of batches) {
				const items: ExportItem[] = [];
				// eslint-disable-next-line no-await-in-loop
				await readFailedItems(
					client,
					batch,
					(page) => {
						items.push(...page);
						read += page.length;
						if (!controller.signal.aborted) store.getState().resubmitProgress(read);
					},
					{pageSize: this.options.pageSize ?? 100, signal: controller.signal},
				);
				sources.push({batchId: batch.id, items, running: !isBatchFinished(batch)});
			}
		} catch (error) {
			if (controller.signal.aborted) return;
			store.getState().resubmitReadFailed(`${toApiError(error).message}: nothing was sent`);
			return;
		}

		if (!controller.signal.aborted) store.getState().resubmitRead(sources, costPerSucceededItem(batches));
	}

	cancel(): void {
		this.reading?.abort();
		this.reading = null;
	}

	send(plan: ResubmitPlan, model: ModelRef): void {
		const {store} = this.options;
		store.getState().resubmitClose(null);
		const controller = new AbortController();
		this.sending = controller;
		void this.sendAll(plan, model, controller).finally(() => {
			if (this.sending === controller) this.sending = null;
		});
	}

	private async sendAll(plan: ResubmitPlan, model: ModelRef, controller: AbortController): Promise<void> {
		const {store, client} = this.options;
		const now = this.options.now ?? Date.now;
		const made: ResubmitMade[] = [];
		const errors: string[] = [];
		let file: string | null = null;
		const state = store.getState();
		const known = new Set(state.job?.ids ?? [state.batchId]);
		store.getState().resubmitSending(0, plan.chunks.length, plan.modelName);
		const options = {model, signal: controller.signal, appendTo: this.options.appendTo, known};
		const result = await sendChunks(client, plan.chunks, options, {
			sending: (_chunk, index, of) => store.getState().resubmitSending(index, of, plan.modelName),
			created: (chunk, batch) => {
				const before = store.getState();
				const again = before.job?.batches[batch.id] !== undefined || before.resubmit.sent[chunk.idempotencyKey] === batch.id;
				store.getState().resubmitCreated(batch, chunk.sourceBatchId, chunk.idempotencyKey, now());
				made.push({id: batch.id, from: chunk.sourceBatchId, items: chunk.itemIds.length, again});
				this.options.onJoined?.([batch.id]);
			},
			failed: (chunk, error) => {
				const items = `${chunk.itemIds.length} item${chunk.itemIds.length === 1 ? '' : 's'}`;
				errors.push(plan.chunks.length === 1 ? error.message : `${error.message} (${items} from ${chunk.sourceBatchId})`);
			},
			fileFailed: (batchId, error) => {
				file = `${error.message}: ${batchId} was created but not added to it`;
			},
		});
		const notCreated = result.failed.length + result.unsent.length;
		store.getState().resubmitDone({
			kind: 'resubmit-done',
			model: plan.modelName,
			made,
			planned: plan.chunks.length,
			notCreated,
			error: errors[0] ?? null,
			file,
		});
	}

	/** Quitting: whatever is under way stops (a create cut short may have been made: the same `R` again gives it back). */
	stop(): void {
		this.cancel();
		this.sending?.abort();
	}
}
