// Log lines and node runs of one item's run, as a pure function of its plan and the time.

import type {LogLine, NodeRun} from './wire.js';
import {bigLogLine, HOSTILE_STRINGS} from './hostile.js';
import {formatMicros, mix, mulberry32, NODE_NAMES, type ItemPlan} from './plan.js';

export function iso(ms: number, zulu: boolean): string {
	const text = new Date(ms).toISOString();
	return zulu ? text : text.replace('Z', '+00:00');
}

/** ms (after batch start) at which line k is written. */
export function lineTime(plan: ItemPlan, k: number): number {
	return plan.runStartMs + Math.floor((k * plan.runMs) / plan.lines);
}

/** How many lines the run has written by time t (ms after batch start). */
export function visibleLines(plan: ItemPlan, t: number): number {
	if (t < plan.runStartMs) {
		return 0;
	}

	if (t >= plan.endMs) {
		return plan.lines;
	}

	let count = 0;
	while (count < plan.lines && lineTime(plan, count) <= t) {
		count++;
	}

	return count;
}

export interface LineText {
	level: string;
	message: string;
}

export interface TextOptions {
	hostile: boolean;
	/** Index of the item whose run carries the 100 KB line (hostile mode). */
	bigLineItem: number;
}

function tail(plan: ItemPlan, k: number): LineText | undefined {
	const fromEnd = plan.lines - 1 - k;
	switch (plan.final) {
		case 'failed':
		case 'errored': {
			const failure = plan.failure;
			if (fromEnd === 0) {
				return {level: 'error', message: failure?.message ?? 'Run failed'};
			}

			if (fromEnd === 1) {
				return {level: 'error', message: `Run failed in stage ${failure?.stage ?? 'inference'}: ${failure?.code ?? 'error'}`};
			}

			return undefined;
		}

		case 'canceled':
		case 'cancelled': {
			return fromEnd === 0 ? {level: 'warning', message: 'Run canceled by user request'} : undefined;
		}

		case 'partial_succeeded': {
			return fromEnd === 0 ? {level: 'warning', message: `Partial output: ${plan.failure?.message ?? ''}`} : undefined;
		}

		case 'succeeded': {
			return fromEnd === 0 ? {level: 'info', message: `Run succeeded: ${plan.pages} page(s) written to output`} : undefined;
		}

		default: {
			return undefined;
		}
	}
}

export function lineText(plan: ItemPlan, k: number, options: TextOptions): LineText {
	const end = tail(plan, k);
	if (end) {
		return end;
	}

	if (k === 0) {
		return {level: 'info', message: `Run started on worker gpu-a100-${String(plan.textSeed % 32).padStart(2, '0')} (eu-west-1)`};
	}

	if (options.hostile && plan.index === options.bigLineItem && k === 1) {
		return {level: 'debug', message: bigLogLine()};
	}

	if (options.hostile && plan.index % 5 === 1 && k % 4 === 2) {
		const text = HOSTILE_STRINGS[(plan.index * 7 + k) % HOSTILE_STRINGS.length] ?? '';
		return {level: 'info', message: text};
	}

	const u = mulberry32(mix(plan.textSeed, k))();
	if (u < 0.3) {
		return {level: 'debug', message: `step ${k}/${plan.lines} loss=${(2.5 * Math.exp(-k / 10) + u / 10).toFixed(4)}`};
	}

	if (u < 0.88) {
		return {level: 'info', message: `Processing page ${1 + (k % plan.pages)} of ${plan.pages}`};
	}

	return u < 0.94
		? {level: 'warning', message: `GPU memory at ${90 + (Math.floor(u * 100) % 10)}% of capacity`}
		: {level: 'warning', message: 'Slow download from input URL, retrying (attempt 2/3)'};
}

function nodeIndexAt(plan: ItemPlan, fraction: number): number {
	for (let j = 0; j + 1 < plan.nodeCuts.length; j++) {
		if (fraction < (plan.nodeCuts[j + 1] ?? 1)) {
			return j;
		}
	}

	return plan.nodeCuts.length - 2;
}

export function makeLogs(plan: ItemPlan, runId: string, t: number, base: number, options: TextOptions): LogLine[] {
	const count = visibleLines(plan, t);
	const lines: LogLine[] = [];
	for (let k = 0; k < count; k++) {
		const {level, message} = lineText(plan, k, options);
		lines.push({
			id: `log_${runId.slice(4)}${String(k).padStart(6, '0')}`,
			run_id: runId,
			level_code: level,
			message,
			timestamp: iso(base + lineTime(plan, k), plan.zulu),
			meta: {node_id: `n_${NODE_NAMES[nodeIndexAt(plan, k / plan.lines)] ?? 'inference'}`, line: k},
		});
	}

	return lines;
}

export function makeNodeRuns(plan: ItemPlan, runId: string, t: number, base: number): NodeRun[] {
	const count = plan.nodeCuts.length - 1;
	const terminal = t >= plan.endMs;
	const result: NodeRun[] = [];
	let costLeft = plan.costMicros;
	const lastExecuted = plan.failNode >= 0 ? plan.failNode : count - 1;
	for (let j = 0; j < count; j++) {
		const from = plan.runStartMs + Math.floor((plan.nodeCuts[j] ?? 0) * plan.runMs);
		let to = j === count - 1 || j === plan.failNode ? plan.endMs : plan.runStartMs + Math.floor((plan.nodeCuts[j + 1] ?? 1) * plan.runMs);
		const skipped = plan.failNode >= 0 && j > plan.failNode;
		if (!Number.isFinite(plan.endMs) && j === count - 1) {
			to = Number.POSITIVE_INFINITY;
		}

		let state: string;
		if (skipped) {
			state = terminal ? 'skipped' : 'pending';
		} else if (t < from || t < plan.runStartMs) {
			state = 'pending';
		} else if (t < to) {
			state = 'running';
		} else if (j === plan.failNode) {
			state = plan.final === 'canceled' || plan.final === 'cancelled' ? 'canceled' : 'failed';
		} else {
			state = 'succeeded';
		}

		const done = state === 'succeeded' || state === 'failed' || state === 'canceled';
		let cost: string | null = null;
		if (done) {
			const share = j === lastExecuted ? costLeft : Math.floor(plan.costMicros * ((plan.nodeCuts[j + 1] ?? 1) - (plan.nodeCuts[j] ?? 0)));
			costLeft -= share;
			cost = formatMicros(Math.max(0, share));
		}

		const started = !skipped && t >= from && t >= plan.runStartMs;
		result.push({
			id: `nr_${runId.slice(4)}${j}`,
			node_id: `n_${NODE_NAMES[j] ?? 'node'}`,
			state_code: state,
			duration_ms: started ? Math.min(t, to) - from : null,
			cost,
			retry_count: plan.retries[j] ?? 0,
			error_message: state === 'failed' ? (plan.failure?.message ?? null) : null,
			started_at: started ? iso(base + from, plan.zulu) : null,
			completed_at: done ? iso(base + to, plan.zulu) : null,
		});
	}

	return result;
}
