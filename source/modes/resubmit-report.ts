// What `runflow-watch resubmit` prints. Plain: the new batch ids on stdout, one a line (for
// scripts); the plan and what happens on stderr (on stdout with --dry-run, where it is the
// answer). JSON: one object per line on stdout (`plan`, `created`, `error`, `done`), strings
// escaped so printing the stream to a terminal is safe. Server text is sanitized for plain.
import {safeJson} from '../files/records.js';
import {usdDecimal} from '../lib/money.js';
import {planLines, type ResubmitChunk, type ResubmitPlan} from '../lib/resubmit.js';
import {sanitize} from '../lib/sanitize.js';

export interface Writable {
	write(text: string): unknown;
}

export interface ResubmitDone {
	reason: 'created' | 'dry-run' | 'nothing' | 'cancelled' | 'incomplete' | 'refused';
	exitCode: number;
	created: string[];
	/** New batches of the plan not created. */
	notCreated: number;
}

export interface ResubmitReporter {
	plan(plan: ResubmitPlan, dryRun: boolean): void;
	/** A line of information (stderr in plain; nothing in json). */
	info(text: string): void;
	created(chunk: ResubmitChunk, batchId: string): void;
	/** A create that failed; `mayHaveCreated`: its outcome is unknown. */
	failed(chunk: ResubmitChunk | null, kind: string, message: string, mayHaveCreated: boolean): void;
	done(done: ResubmitDone): void;
}

export function plainResubmitReporter(stdout: Writable, stderr: Writable): ResubmitReporter {
	const err = (line: string) => stderr.write(`${line}\n`);
	return {
		plan(plan, dryRun) {
			const sink = dryRun ? stdout : stderr;
			for (const line of planLines(plan)) sink.write(`${line}\n`);
		},
		info: (text) => err(sanitize(text)),
		created(chunk, batchId) {
			stdout.write(`${batchId}\n`);
			err(`created ${sanitize(batchId)}: ${chunk.itemIds.length} item${chunk.itemIds.length === 1 ? '' : 's'} from ${sanitize(chunk.sourceBatchId)}`);
		},
		failed: (_chunk, _kind, message) => err(`runflow-watch: ${sanitize(message)}`),
		done() {},
	};
}

export function jsonResubmitReporter(stdout: Writable, now: () => number = Date.now): ResubmitReporter {
	const emit = (type: string, fields: Record<string, unknown>) => stdout.write(`${safeJson({type, ts: new Date(now()).toISOString(), ...fields})}\n`);
	return {
		plan(plan, dryRun) {
			emit('plan', {
				model: plan.modelName,
				items: plan.items,
				batches: plan.chunks.length,
				sources: plan.sources,
				estimate: usdDecimal(plan.estimate, 'rounded'),
				estimate_is_estimate: true,
				cost_per_item: usdDecimal(plan.costPerItem, 'rounded'),
				dry_run: dryRun,
				chunks: plan.chunks.map((chunk) => ({
					resubmitted_from: chunk.sourceBatchId,
					items: chunk.itemIds.length,
					item_ids: chunk.itemIds,
					idempotency_key: chunk.idempotencyKey,
					estimate: usdDecimal(chunk.estimate, 'rounded'),
				})),
				left_out: plan.withoutInput.map((item) => ({batch_id: item.batchId, id: item.id, why: 'no input'})),
				running: plan.running,
				causes: plan.causes.map((cause) => ({cause: cause.cause, count: cause.count})),
			});
		},
		info() {},
		created(chunk, batchId) {
			emit('created', {batch_id: batchId, resubmitted_from: chunk.sourceBatchId, items: chunk.itemIds.length, idempotency_key: chunk.idempotencyKey});
		},
		failed(chunk, kind, message, mayHaveCreated) {
			emit('error', {
				kind,
				message,
				resubmitted_from: chunk?.sourceBatchId ?? null,
				idempotency_key: chunk?.idempotencyKey ?? null,
				may_have_created: mayHaveCreated,
			});
		},
		done(done) {
			emit('done', {reason: done.reason, exit_code: done.exitCode, created: done.created, not_created: done.notCreated});
		},
	};
}
