// The body of `GET /v1/batches/{id}` (and of the 201 that creates a batch): counters, status,
// cost and times of a BatchModel at a time, as model.ts's header describes them.

import type {Batch, LeanItem} from './wire.js';
import type {BatchModel} from './model.js';
import {formatMicros} from './plan.js';
import {iso} from './runs.js';

const SUCCEEDED = new Set(['succeeded', 'partial_succeeded']);
const FAILED = new Set(['failed', 'errored']);
const CANCELLED = new Set(['canceled', 'cancelled']);

/** `withItems` false: the lean `items[]` is left out (a projection without it). */
export function batchBody(model: BatchModel, now: number, withItems = true): Batch {
	const t = model.elapsed(now);
	let succeeded = 0;
	let failed = 0;
	let cancelled = 0;
	let costMicros = 0;
	let lastEnd = 0;
	let ended = 0;
	const {spec} = model;
	const items: LeanItem[] = [];
	for (let i = 0; i < model.count; i++) {
		const lean = model.lean(i, now);
		if (withItems) {
			items.push(lean);
		}

		const plan = model.plan(i);
		if (model.isTerminal(plan, t)) {
			costMicros += plan.costMicros;
			lastEnd = Math.max(lastEnd, plan.endMs);
		}

		if (SUCCEEDED.has(lean.status_code)) {
			ended++;
			// A server whose counters leave some ended items out (never adding up to the total).
			if (!(spec.partialUncounted && lean.status_code === 'partial_succeeded')) succeeded++;
		} else if (FAILED.has(lean.status_code)) {
			ended++;
			failed++;
		} else if (CANCELLED.has(lean.status_code)) {
			ended++;
			cancelled++;
		}
	}

	const started = t >= 0;
	const done = started && ended === model.count && spec.neverFinishes !== true;
	let status = started ? 'running' : 'queued';
	if (done) {
		status = failed === 0 ? (succeeded > 0 || model.count === 0 ? 'succeeded' : 'cancelled') : succeeded === 0 ? 'failed' : 'partial_succeeded';
	} else if (started && spec.statusAhead && t >= spec.statusAhead.fromMs) {
		status = spec.statusAhead.status;
	}

	const {submitted} = spec;
	const withInputs = withItems && ((spec.payloadBytes !== undefined && spec.payloadBytes > 0) || submitted !== undefined);
	return {
		id: model.id,
		status_code: status,
		items_total: model.count,
		items_succeeded: succeeded,
		items_failed: failed,
		items_cancelled: cancelled,
		cost: started ? formatMicros(costMicros) : null,
		created_at: iso(model.createdAbs, true),
		started_at: started ? iso(model.startAbs, true) : null,
		completed_at: done ? iso(model.startAbs + lastEnd, true) : null,
		duration_ms: started ? (done ? lastEnd : t) : null,
		failure_code: status === 'failed' ? 'ALL_ITEMS_FAILED' : null,
		failure_message: status === 'failed' ? `All ${failed} items failed` : null,
		items,
		...(submitted ? {target_type: 'model', target_id: submitted.targetId, metadata: submitted.metadata, callback_url: submitted.callbackUrl} : {}),
		...(withInputs ? {input: Array.from({length: model.count}, (_, i) => model.input(i)), output: null} : {}),
	};
}
