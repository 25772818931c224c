// Sending a resubmission's plan (lib/resubmit.ts): its new batches created one after the other,
// each with its own Idempotency-Key (the client sends the same key on every attempt, so a retry
// after a lost answer never creates a second batch), each id appended to the batches file as it is
// created (whole lines, not twice). A 409 concerns that batch alone: the others are still sent;
// any other refusal (402, 401/403, 404/422 for the model) or an answer lost after the retries
// ends the sending there, and what was created and what was not is in the result. The one loop
// for `runflow-watch resubmit` (modes/resubmit.ts) and the TUI's `R` (poller/resubmit.ts).
import type {RunflowClient} from '../api/client.js';
import type {Batch} from '../api/types.js';
import {CreateBatchError, type ModelRef} from '../api/writes.js';
import {appendLines} from '../files/lines.js';
import type {ResubmitChunk} from '../lib/resubmit.js';

export interface SendEvents {
	/** A create is about to go: the `index`th new batch (from 0) of `of`. */
	sending?(chunk: ResubmitChunk, index: number, of: number): void;
	/** A new batch (or the one these items made before: the same key gives it back). */
	created(chunk: ResubmitChunk, batch: Batch): void;
	/** A create failed; `error.mayHaveCreated`: its outcome is unknown (the same key again is safe). */
	failed(chunk: ResubmitChunk, error: CreateBatchError): void;
	/** Created, but its id could not be appended to the batches file. */
	fileFailed?(batchId: string, error: Error): void;
}

export interface SendOptions {
	model: ModelRef;
	signal?: AbortSignal;
	/** The batches file to append each new id to, or null. */
	appendTo: string | null;
	/** Ids already in that file (or in the job): not appended again. */
	known: Set<string>;
}

export interface SendResult {
	created: Array<{chunk: ResubmitChunk; batch: Batch}>;
	failed: Array<{chunk: ResubmitChunk; error: CreateBatchError}>;
	/** Not tried: the sending stopped before them. */
	unsent: ResubmitChunk[];
}

export async function sendChunks(
	client: Pick<RunflowClient, 'createBatch'>,
	chunks: readonly ResubmitChunk[],
	options: SendOptions,
	events: SendEvents,
): Promise<SendResult> {
	const result: SendResult = {created: [], failed: [], unsent: []};
	let stopped = false;
	for (const [index, chunk] of chunks.entries()) {
		if (stopped) {
			result.unsent.push(chunk);
			continue;
		}

		events.sending?.(chunk, index, chunks.length);
		let batch: Batch;
		try {
			// eslint-disable-next-line no-await-in-loop
			batch = await client.createBatch(options.model, chunk.body, {idempotencyKey: chunk.idempotencyKey, signal: options.signal});
		} catch (error) {
			if (!(error instanceof CreateBatchError)) throw error;
			result.failed.push({chunk, error});
			events.failed(chunk, error);
			// A 409 concerns that batch alone; anything else ends the sending.
			if (error.failure !== 'conflict') stopped = true;
			continue;
		}

		result.created.push({chunk, batch});
		events.created(chunk, batch);
		if (options.appendTo !== null && !options.known.has(batch.id)) {
			options.known.add(batch.id);
			try {
				// eslint-disable-next-line no-await-in-loop
				await appendLines(options.appendTo, [batch.id]);
			} catch (error) {
				events.fileFailed?.(batch.id, error as Error);
			}
		}
	}

	return result;
}
