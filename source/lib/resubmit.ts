// Resubmitting failed items, planned (pure): from the failed items of each source batch (failed
// and errored: lib/status.ts isFailure, the rule of the failures line), optionally only those of
// one cause or of a set of ids, the new batches to create: at most 100 inputs each, never two
// source batches in one (so `metadata.resubmitted_from` names exactly where they came from),
// each with the Idempotency-Key of its source and items, and an estimate of what it will cost
// from the cost per succeeded item so far (failed runs are not billed).
import type {ExportItem} from '../api/export.js';
import type {BatchItem} from '../api/types.js';
import type {CreateBatchBody, ModelRef} from '../api/writes.js';
import {failureCause, formatFailureGroups, groupFailures, type FailureCause} from './failures.js';
import {idempotencyKeyFor} from './idempotency.js';
import {formatMoney, groupThousands, parseMoney, type Money} from './money.js';
import {sanitize} from './sanitize.js';
import {isFailure} from './status.js';

/** The create route takes 1–100 inputs. */
export const MAX_RESUBMIT_INPUTS = 100;

export interface ResubmitSource {
	batchId: string;
	/** Its items read with their input (any status: only the failures are taken). */
	items: readonly ExportItem[];
	/** The batch is still running: failures after now are not in the plan. */
	running?: boolean;
}

export interface ResubmitNarrowing {
	/** Only the failures of this cause (as the failures line groups them: failureCause). */
	cause?: string | null;
	/** Only these item ids. */
	ids?: Iterable<string> | null;
}

export interface ResubmitChunk {
	sourceBatchId: string;
	/** In sequence order. */
	itemIds: string[];
	idempotencyKey: string;
	/** What is sent: the inputs with their client_refs, and where they came from. */
	body: CreateBatchBody;
	/** costPerItem × its items, null when unknown. */
	estimate: Money | null;
}

export interface ResubmitPlan {
	model: ModelRef;
	/** 'owner/slug'. */
	modelName: string;
	chunks: ResubmitChunk[];
	/** Items in all the chunks. */
	items: number;
	/** Source batches with items in the plan. */
	sources: number;
	/** An estimate (failed runs are not billed), null when no item succeeded yet to tell. */
	estimate: Money | null;
	costPerItem: Money | null;
	/** Failed items taken that carry no input object: they cannot be resubmitted. */
	withoutInput: Array<{batchId: string; id: string}>;
	/** Source batches still running, with failures in the plan or not. */
	running: string[];
	/** The failures in the plan, grouped by cause (largest first). */
	causes: FailureCause[];
}

/** An export item as the failure rules read a BatchItem. */
export function asBatchItem(item: ExportItem): BatchItem {
	return {
		id: item.id,
		sequence_index: item.sequence_index ?? 0,
		run_id: item.run_id,
		client_ref: item.client_ref,
		status_code: item.status,
		error: item.error_code === null && item.error_message === null ? null : {code: item.error_code, message: item.error_message},
	};
}

/** Why it failed, as the failures line groups it ('unknown' when it does not say). */
export function resubmitCause(item: ExportItem): string {
	return failureCause(asBatchItem(item)) ?? 'unknown';
}

/** The failures of some items grouped by cause, largest group first (for narrowing). */
export function resubmitCauses(items: Iterable<ExportItem>): FailureCause[] {
	return groupFailures([...items].map(asBatchItem));
}

/**
 * Cost per succeeded item so far over the batches given: their cost over their succeeded items
 * (failed runs are not billed). null when no item succeeded or no cost is known.
 */
export function costPerSucceededItem(batches: Iterable<{cost: string | null; items_succeeded: number}>): Money | null {
	let cost: Money | null = null;
	let succeeded = 0;
	for (const batch of batches) {
		const amount = parseMoney(batch.cost);
		if (amount !== null) cost = (cost ?? 0n) + amount;
		succeeded += Math.max(0, batch.items_succeeded);
	}

	if (cost === null || succeeded === 0) return null;
	return (cost + BigInt(Math.floor(succeeded / 2))) / BigInt(succeeded);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface PlanRequest {
	model: ModelRef;
	sources: readonly ResubmitSource[];
	costPerItem: Money | null;
	narrowing?: ResubmitNarrowing;
}

export function planResubmission(request: PlanRequest): ResubmitPlan {
	const {model, costPerItem} = request;
	const only = request.narrowing?.ids ? new Set(request.narrowing.ids) : null;
	const cause = request.narrowing?.cause ?? null;
	const chunks: ResubmitChunk[] = [];
	const withoutInput: ResubmitPlan['withoutInput'] = [];
	const taken: ExportItem[] = [];
	let sources = 0;
	for (const source of request.sources) {
		const seen = new Set<string>();
		const items = source.items
			.filter((item) => isFailure(item.status) && (only === null || only.has(item.id)) && (cause === null || resubmitCause(item) === cause))
			.filter((item) => !seen.has(item.id) && seen.add(item.id))
			.sort((a, b) => (a.sequence_index ?? 0) - (b.sequence_index ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		const ready = items.filter((item) => {
			if (isObject(item.input)) return true;
			withoutInput.push({batchId: source.batchId, id: item.id});
			return false;
		});
		if (ready.length > 0) sources++;
		taken.push(...ready);
		for (let start = 0; start < ready.length; start += MAX_RESUBMIT_INPUTS) {
			const part = ready.slice(start, start + MAX_RESUBMIT_INPUTS);
			const itemIds = part.map((item) => item.id);
			chunks.push({
				sourceBatchId: source.batchId,
				itemIds,
				idempotencyKey: idempotencyKeyFor(source.batchId, itemIds),
				body: {
					input: part.map((item) =>
						typeof item.client_ref === 'string'
							? {...(item.input as Record<string, unknown>), client_ref: item.client_ref}
							: {...(item.input as Record<string, unknown>)},
					),
					metadata: {resubmitted_from: source.batchId},
				},
				estimate: costPerItem === null ? null : costPerItem * BigInt(part.length),
			});
		}
	}

	return {
		model,
		modelName: `${model.owner}/${model.slug}`,
		chunks,
		items: taken.length,
		sources,
		estimate: costPerItem === null ? null : costPerItem * BigInt(taken.length),
		costPerItem,
		withoutInput,
		running: request.sources.filter((source) => source.running === true).map((source) => source.batchId),
		causes: resubmitCauses(taken),
	};
}

/** '~$0.56' (cents; below a cent '~$0.0042'); 'cost unknown' for null. An estimate, always with '~'. */
export function formatEstimate(value: Money | null): string {
	if (value === null) return 'cost unknown';
	const cents = (value + 5_000_000n) / 10_000_000n;
	if (value > 0n && cents === 0n) return `~${formatMoney(value)}`;
	return `~$${groupThousands((cents / 100n).toString())}.${(cents % 100n).toString().padStart(2, '0')}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The plan in words, as the confirmation says it: the first line the whole of it, then a line
 * per new batch, then what was left out. Text from the API (causes) is sanitized.
 */
export function planLines(plan: ResubmitPlan): string[] {
	if (plan.items === 0) {
		const lines = ['nothing to resubmit: no failed item with an input'];
		if (plan.withoutInput.length > 0)
			lines.push(`${plural(plan.withoutInput.length, 'failed item')} carry no input in the API's answer: they cannot be resubmitted`);
		return lines;
	}

	const estimate =
		plan.estimate === null
			? 'cost unknown (no item succeeded yet to tell)'
			: `${formatEstimate(plan.estimate)} estimated (${formatMoney(plan.costPerItem)} per succeeded item so far; failed runs are not billed)`;
	const failed = `${plural(plan.items, 'failed item')} of ${plural(plan.sources, 'batch', 'batches')}`;
	const batches = `${plural(plan.chunks.length, 'new batch', 'new batches')} (at most ${MAX_RESUBMIT_INPUTS} inputs each)`;
	const lines = [`resubmit ${failed} as ${batches} to ${plan.modelName}: ${estimate}`];
	const causes = formatFailureGroups(plan.causes, 100);
	if (causes !== '') lines.push(`  causes: ${causes}`);
	for (const [index, chunk] of plan.chunks.entries()) {
		const items = plural(chunk.itemIds.length, 'item');
		lines.push(
			`  ${index + 1}. ${items} from ${sanitize(chunk.sourceBatchId)}, ${formatEstimate(chunk.estimate)}, Idempotency-Key ${chunk.idempotencyKey}`,
		);
	}

	if (plan.withoutInput.length > 0) lines.push(`  left out: ${plural(plan.withoutInput.length, 'failed item')} with no input in the API's answer`);
	for (const id of plan.running) lines.push(`  ${sanitize(id)} is still running: its later failures are not in this plan`);
	return lines;
}
