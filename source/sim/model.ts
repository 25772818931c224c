// The deterministic batch model: every object is a pure function of the item plans and of
// t = clock() - batch start (ms).
//
// Item lifecycle: queued (run_id null) → dispatching (run_id set) → running → terminal.
// Batch counters: items_succeeded counts succeeded + partial_succeeded, items_failed counts
// failed + errored, items_cancelled counts canceled + cancelled (both spellings).
// Batch status: `queued` before its start, `running` while any item is not terminal, then
// (all terminal): no failures → `succeeded` (or `cancelled` if nothing succeeded either, an
// empty batch is `succeeded`); failures and no success → `failed`; both → `partial_succeeded`.
// Batch cost: exact sum (integer micro-dollars) of the costs of terminal items; null while queued.

import type {BatchItem, EmbeddedRun, LeanItem, LogLine, NodeRun, Run} from './wire.js';
import {formatMicros, hashString, makePlan, type BatchSpec, type ItemPlan} from './plan.js';
import {iso, makeLogs, makeNodeRuns, visibleLines, type TextOptions} from './runs.js';

/**
 * When new runs stop being paid for (billing.ts): an item whose dispatch would begin at or after
 * `cutoffAbs()` (absolute ms) stays queued for good, while the runs already going finish.
 */
export interface Gate {
	cutoffAbs(): number;
}

function hex(n: number, width: number): string {
	return n.toString(16).padStart(width, '0');
}

export class BatchModel {
	readonly id: string;
	readonly count: number;
	/** Absolute ms of the batch's start (creation + startDelayMs). */
	readonly startAbs: number;
	private readonly itemPrefix: string;
	private readonly runPrefix: string;
	private readonly plans: Array<ItemPlan | undefined> = [];
	private readonly text: TextOptions;

	constructor(
		readonly spec: BatchSpec,
		readonly createdAbs: number,
		private readonly gate?: Gate,
	) {
		this.id = spec.id;
		this.count = Math.max(0, Math.floor(spec.items));
		this.startAbs = createdAbs + Math.max(0, spec.startDelayMs ?? 0);
		this.itemPrefix = `bi_${hex(hashString(`${spec.id}#item`), 8)}`;
		this.runPrefix = `run_${hex(hashString(`${spec.id}#run`), 8)}`;
		this.text = {hostile: spec.hostile === true, bigLineItem: this.count > 1 ? 1 : 0};
	}

	/** The plan as drawn, whatever the balance (billing.ts reads these). */
	rawPlan(i: number): ItemPlan {
		let plan = this.plans[i];
		if (!plan) {
			plan = makePlan(this.spec, i);
			this.plans[i] = plan;
		}

		return plan;
	}

	/** The plan as it plays out: an item refused for want of credit never leaves `queued`. */
	plan(i: number): ItemPlan {
		const plan = this.rawPlan(i);
		if (this.gate === undefined || this.startAbs + plan.startMs < this.gate.cutoffAbs()) {
			return plan;
		}

		const never = Number.POSITIVE_INFINITY;
		return {...plan, startMs: never, runStartMs: never, endMs: never, final: null, failure: null, failNode: -1};
	}

	elapsed(now: number): number {
		return now - this.startAbs;
	}

	itemId(i: number): string {
		return `${this.itemPrefix}${hex(i, 6)}`;
	}

	runId(i: number): string {
		return `${this.runPrefix}${hex(i, 6)}`;
	}

	private indexOf(id: string, prefix: string): number {
		if (!id.startsWith(prefix)) {
			return -1;
		}

		const rest = id.slice(prefix.length);
		if (!/^[\da-f]{6,}$/.test(rest)) {
			return -1;
		}

		const i = Number.parseInt(rest, 16);
		return i < this.count && hex(i, 6) === rest ? i : -1;
	}

	indexOfItem(id: string): number {
		return this.indexOf(id, this.itemPrefix);
	}

	/** Index of the item owning run `id`, or -1 (also while that item is still queued). */
	indexOfRun(id: string, now: number): number {
		const i = this.indexOf(id, this.runPrefix);
		return i >= 0 && this.elapsed(now) >= this.plan(i).startMs ? i : -1;
	}

	statusAt(plan: ItemPlan, t: number): string {
		if (t < plan.startMs) {
			return 'queued';
		}

		if (t < plan.runStartMs) {
			return 'dispatching';
		}

		if (t < plan.endMs || plan.final === null) {
			return 'running';
		}

		return plan.final;
	}

	isTerminal(plan: ItemPlan, t: number): boolean {
		return plan.final !== null && t >= plan.endMs && t >= plan.startMs;
	}

	private at(ms: number, plan: ItemPlan): string {
		return iso(this.startAbs + ms, plan.zulu);
	}

	lean(i: number, now: number): LeanItem {
		const plan = this.plan(i);
		const t = this.elapsed(now);
		const status = this.statusAt(plan, t);
		return {
			id: this.itemId(i),
			sequence_index: i,
			run_id: status === 'queued' ? null : this.runId(i),
			status_code: status,
			client_ref: plan.clientRef,
		};
	}

	/** A model-sized text of `payloadBytes` for item i (deterministic), or null when the spec asks for none. */
	private payload(i: number, what: string): string | null {
		const size = Math.floor(this.spec.payloadBytes ?? 0);
		if (size <= 0) {
			return null;
		}

		const words = `${what} of item ${i}: the quick brown fox jumps over the lazy dog. `;
		return words.repeat(Math.ceil(size / words.length)).slice(0, size);
	}

	/** What item i was given: the submitted input of a created batch, else a made-up one. */
	input(i: number, plan: ItemPlan = this.rawPlan(i)): Record<string, unknown> {
		const submitted = this.spec.submitted?.inputs[i];
		if (submitted) {
			return submitted;
		}

		const text = this.payload(i, 'prompt');
		return {image: `https://files.example.com/uploads/${String(i).padStart(4, '0')}.pdf`, pages: plan.pages, ...(text === null ? {} : {text})};
	}

	item(i: number, now: number): BatchItem {
		const plan = this.plan(i);
		const t = this.elapsed(now);
		const status = this.statusAt(plan, t);
		const terminal = this.isTerminal(plan, t);
		const running = t >= plan.runStartMs;
		const error =
			terminal && plan.failure
				? plan.failure.code === null
					? {message: plan.failure.message}
					: {code: plan.failure.code, message: plan.failure.message}
				: null;
		const answer = this.payload(i, 'answer');
		const output =
			terminal && (status === 'succeeded' || status === 'partial_succeeded')
				? {
						url: `https://cdn.runflow.example/outputs/${this.id}/${hex(plan.textSeed, 8)}.json`,
						pages: plan.pages,
						...(status === 'partial_succeeded' ? {partial: true} : {}),
						...(answer === null ? {} : {text: answer}),
					}
				: null;
		return {
			id: this.itemId(i),
			batch_id: this.id,
			sequence_index: i,
			run_id: status === 'queued' ? null : this.runId(i),
			created_at: iso(this.createdAbs, true),
			client_ref: plan.clientRef,
			status_code: status,
			input: this.input(i, plan),
			output,
			error,
			cost: terminal ? formatMicros(plan.costMicros) : null,
			started_at: running ? this.at(plan.runStartMs, plan) : null,
			completed_at: terminal ? this.at(plan.endMs, plan) : null,
		};
	}

	/** The run as embedded in an item (`embed=run`); null while the item is queued. */
	embedded(i: number, now: number): EmbeddedRun | null {
		const plan = this.plan(i);
		const t = this.elapsed(now);
		const status = this.statusAt(plan, t);
		if (status === 'queued') {
			return null;
		}

		const terminal = this.isTerminal(plan, t);
		const nodes = makeNodeRuns(plan, this.runId(i), t, this.startAbs);
		const failure = terminal && (status === 'failed' || status === 'errored' || status === 'partial_succeeded') ? plan.failure : null;
		return {
			id: this.runId(i),
			status_code: status,
			failure_code: failure?.code ?? null,
			failure_message: failure?.message ?? null,
			failure_stage_code: failure?.stage ?? null,
			duration_ms: t < plan.runStartMs ? null : Math.min(t, plan.endMs) - plan.runStartMs,
			cost: terminal ? formatMicros(plan.costMicros) : null,
			nodes_total: nodes.length,
			nodes_completed: nodes.filter((n) => ['succeeded', 'failed', 'canceled', 'skipped'].includes(n.state_code)).length,
			has_logs: visibleLines(plan, t) > 0,
			has_node_runs: nodes.length > 0,
			started_at: t >= plan.runStartMs ? this.at(plan.runStartMs, plan) : null,
			completed_at: terminal ? this.at(plan.endMs, plan) : null,
			...(this.spec.payloadBytes ? this.heavy(i, now) : {}),
		};
	}

	/** What a real embedded run also carries (payloadBytes): its input, output and last log lines. */
	private heavy(i: number, now: number): Record<string, unknown> {
		const item = this.item(i, now);
		return {
			input: item.input,
			output: item.output,
			context: {flow: 'document-extraction', model: 'vision-large-2026-03'},
			logs: this.logs(i, now).slice(-20),
		};
	}

	/** GET /v1/runs/{id}: the embedded fields plus the last ≤ 50 log lines and all node runs. */
	run(i: number, now: number): Run | null {
		const embedded = this.embedded(i, now);
		if (!embedded) {
			return null;
		}

		const logs = this.logs(i, now);
		return {
			...embedded,
			id: this.runId(i),
			batch_id: this.id,
			batch_item_id: this.itemId(i),
			logs: logs.slice(-50),
			node_runs: this.nodeRuns(i, now),
		} as Run;
	}

	logs(i: number, now: number): LogLine[] {
		return makeLogs(this.plan(i), this.runId(i), this.elapsed(now), this.startAbs, this.text);
	}

	nodeRuns(i: number, now: number): NodeRun[] {
		return makeNodeRuns(this.plan(i), this.runId(i), this.elapsed(now), this.startAbs);
	}

	runIsTerminal(i: number, now: number): boolean {
		return this.isTerminal(this.plan(i), this.elapsed(now));
	}
}
