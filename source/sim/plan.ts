// The time-independent plan of each batch item, drawn from a seeded PRNG (mulberry32 of a
// hash of seed and index). model.ts turns a plan plus "ms since batch start" into API objects.
// Plans are computed lazily, one item at a time, so huge batches stay cheap.

import {HOSTILE_STRINGS} from './hostile.js';

export interface BatchSpec {
	id: string;
	items: number;
	durationMs: number;
	startDelayMs?: number;
	failureRate?: number;
	cancelRate?: number;
	seed?: number;
	hostile?: boolean;
	neverFinishes?: boolean;
	/**
	 * The batch's status runs ahead of its items: from `fromMs` after its start it says `status`
	 * while items still run (its counters and lean list stay true), until every item ended.
	 */
	statusAhead?: {status: FinalStatus; fromMs: number};
	/** The batch's `items_succeeded` leaves its partial_succeeded items out: its counters never add up to its total. */
	partialUncounted?: boolean;
	logLinesPerRun?: number;
	/** Final statuses forced by item index (the rest drawn as usual), e.g. failures at both ends of a big batch. */
	finals?: Readonly<Record<number, FinalStatus>>;
	/**
	 * A burst of failures (an upstream outage): items whose run ends within [fromMs, toMs) of the
	 * batch's start fail with `failure` (default an upstream 503), `share` of them (default all).
	 */
	failureBurst?: {fromMs: number; toMs: number; share?: number; failure?: Failure};
	/**
	 * Each item's `input` and `output` carry this many bytes of text (as a real model's do:
	 * tens of KB), the batch detail carries every item's input (`input[]`), and a run embedded
	 * in an item (`embed=run`) carries its input, output and last log lines. Default: small.
	 */
	payloadBytes?: number;
	/** A batch created through `POST /v1/models/{owner}/{slug}/batches` (writes.ts): its items are these inputs. */
	submitted?: Submitted;
}

/** What a created batch was given: one input per item (client_ref stripped), and its batch's extras. */
export interface Submitted {
	inputs: ReadonlyArray<Record<string, unknown>>;
	clientRefs: ReadonlyArray<string | null>;
	metadata: Record<string, unknown> | null;
	callbackUrl: string | null;
	/** The model's id, as the batch names it (`target_id`). */
	targetId: string;
}

export type FinalStatus = 'succeeded' | 'partial_succeeded' | 'failed' | 'errored' | 'canceled' | 'cancelled';

export interface Failure {
	code: string | null;
	message: string;
	stage: string;
}

export const FAILURES: readonly Failure[] = [
	{code: 'OOM', message: 'CUDA out of memory. Tried to allocate 2.00 GiB', stage: 'inference'},
	{code: 'TIMEOUT', message: 'Run exceeded 300 s limit', stage: 'inference'},
	{code: 'INVALID_INPUT', message: 'Field "image" must be a URL', stage: 'preprocess'},
	{
		code: 'MODEL_ERROR',
		message:
			'RuntimeError: shape mismatch in attention block (expected 768, got 1024)\n' +
			'  File "/app/model.py", line 212, in forward: scores = q @ k.transpose(-2, -1)',
		stage: 'inference',
	},
	// A failure with a message only: the item's `error` has no `code`, the run's failure_code is null.
	{code: null, message: 'Upstream storage rejected the output upload (HTTP 403)', stage: 'postprocess'},
];

export const UPSTREAM_OUTAGE: Failure = {code: 'UPSTREAM_UNAVAILABLE', message: 'Model endpoint answered 503 Service Unavailable', stage: 'inference'};
export const ERRORED: Failure = {code: 'WORKER_LOST', message: 'Worker gpu-a100-07 stopped responding', stage: 'inference'};
export const PARTIAL: Failure = {code: 'PARTIAL_OUTPUT', message: 'Only 3 of 4 pages could be processed', stage: 'postprocess'};
export const NODE_NAMES: readonly string[] = ['preprocess', 'inference', 'postprocess', 'upload'];

export interface ItemPlan {
	index: number;
	/** Dispatch begins (ms after batch start). */
	startMs: number;
	/** Running begins. */
	runStartMs: number;
	/** Terminal from here on; Infinity when the batch never finishes. */
	endMs: number;
	/** Run length used to space log lines and nodes (= endMs - runStartMs when finite). */
	runMs: number;
	/** null when the batch never finishes. */
	final: FinalStatus | null;
	/** failed / errored / partial_succeeded. */
	failure: Failure | null;
	/** Node that fails or is canceled, -1 if none. */
	failNode: number;
	costMicros: number;
	clientRef: string | null;
	lines: number;
	/** Cumulative fractions of the run, one more than the number of nodes: [0, …, 1]. */
	nodeCuts: number[];
	retries: number[];
	/** Timestamps written with `Z` (true) or `+00:00` (false). */
	zulu: boolean;
	pages: number;
	/** Per-item seed for log text. */
	textSeed: number;
}

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A well-mixed 32-bit hash of two integers. */
export function mix(a: number, b: number): number {
	let h = (a ^ Math.imul(b + 1, 0x9e_37_79_b1)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85_eb_ca_6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2_b2_ae_35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a. */
export function hashString(text: string): number {
	let h = 0x81_1c_9d_c5;
	for (let i = 0; i < text.length; i++) {
		h = Math.imul(h ^ text.charCodeAt(i), 0x01_00_01_93);
	}

	return h >>> 0;
}

/** Micro-dollars to a decimal string with 2..6 decimals: 12300 → "0.0123", 0 → "0.00". */
export function formatMicros(micros: number): string {
	const whole = Math.floor(micros / 1_000_000);
	let fraction = String(micros % 1_000_000)
		.padStart(6, '0')
		.replace(/0+$/, '');
	if (fraction.length < 2) {
		fraction = fraction.padEnd(2, '0');
	}

	return `${whole}.${fraction}`;
}

export function specSeed(spec: BatchSpec): number {
	return spec.seed ?? hashString(spec.id);
}

function clientRefFor(spec: BatchSpec, i: number): string | null {
	const n = String(i).padStart(4, '0');
	if (spec.hostile && i % 10 === 3) {
		return HOSTILE_STRINGS[Math.floor(i / 10) % HOSTILE_STRINGS.length] ?? null;
	}

	if (i % 17 === 11) {
		return null;
	}

	switch (i % 5) {
		case 3: {
			return `receipt_${n}.png`;
		}

		case 4: {
			return `customers/acme-industries/2026/contract-amendment-${n}-final-signed.pdf`;
		}

		default: {
			return `invoice-${n}.pdf`;
		}
	}
}

export function makePlan(spec: BatchSpec, i: number): ItemPlan {
	const random = mulberry32(mix(specSeed(spec), i));
	const u = Array.from({length: 12}, () => random());
	const at = (k: number): number => u[k] ?? 0;
	const duration = Math.max(0, Math.floor(spec.durationMs));
	let startMs = 0;
	let runStartMs = 0;
	let runMs = 0;
	if (duration > 0) {
		// Starts spread over the first 70 % (never at 0, so everything is queued at t=0);
		// a short dispatch; runs short enough to end by `duration`.
		startMs = 1 + Math.floor(at(0) * 0.7 * (duration - 1));
		runStartMs = Math.min(duration, startMs + Math.floor(at(1) * Math.min(2000, duration * 0.02)));
		const room = duration - runStartMs;
		runMs = Math.floor(Math.min(room, 0.3 * duration) * (0.2 + 0.8 * at(2)));
	}

	const failureRate = spec.failureRate ?? 0.1;
	const cancelRate = spec.cancelRate ?? 0.02;
	let final: FinalStatus;
	let failure: Failure | null = null;
	const forced = spec.finals?.[i];
	if (forced) {
		final = forced;
		if (forced === 'failed' || forced === 'errored') failure = forced === 'errored' ? ERRORED : (FAILURES[Math.floor(at(5) * FAILURES.length)] ?? ERRORED);
		if (forced === 'partial_succeeded') failure = PARTIAL;
	} else if (at(3) < failureRate) {
		final = at(4) < 0.15 ? 'errored' : 'failed';
		failure = final === 'errored' ? ERRORED : (FAILURES[Math.floor(at(5) * FAILURES.length)] ?? ERRORED);
	} else if (at(3) < failureRate + cancelRate) {
		final = i % 2 === 0 ? 'canceled' : 'cancelled';
	} else if (at(4) < 0.04) {
		final = 'partial_succeeded';
		failure = PARTIAL;
	} else {
		final = 'succeeded';
	}

	const burst = spec.failureBurst;
	const endMs = runStartMs + runMs;
	if (burst && !forced && duration > 0 && endMs >= burst.fromMs && endMs < burst.toMs && mulberry32(mix(i, 0xb5_57))() < (burst.share ?? 1)) {
		final = 'failed';
		failure = burst.failure ?? UPSTREAM_OUTAGE;
	}

	let nodes = 2 + Math.floor(at(6) * 3);
	let failNode = -1;
	if (final === 'failed' || final === 'errored') {
		failNode = NODE_NAMES.indexOf(failure?.stage ?? 'inference');
	} else if (final === 'canceled' || final === 'cancelled') {
		failNode = Math.floor(at(7) * nodes);
	}

	nodes = Math.max(nodes, failNode + 1);
	const weights = Array.from({length: nodes}, (_, j) => 0.3 + mulberry32(mix(i, j + 77))());
	const total = weights.reduce((a, b) => a + b, 0);
	const nodeCuts = [0];
	let acc = 0;
	for (const w of weights) {
		acc += w;
		nodeCuts.push(Math.min(1, acc / total));
	}

	nodeCuts[nodes] = 1;
	const retryingFailure = failure?.code === 'OOM' || failure?.code === 'TIMEOUT';
	const retries = weights.map((_, j) => (j === failNode && retryingFailure ? 2 : mulberry32(mix(i, j + 99))() < 0.08 ? 1 : 0));

	let base = 2000 + Math.floor(at(8) * 58_000);
	if (at(9) < 0.5) {
		base -= base % 100;
	}

	const costMicros =
		final === 'errored'
			? 0
			: final === 'failed'
				? Math.floor(base * (0.1 + 0.8 * at(10)))
				: final === 'canceled' || final === 'cancelled'
					? Math.floor(base * 0.3 * at(10))
					: base;

	const never = spec.neverFinishes === true;
	return {
		index: i,
		startMs,
		runStartMs,
		endMs: never ? Number.POSITIVE_INFINITY : runStartMs + runMs,
		runMs: never ? Math.max(runMs, 1000) : runMs,
		final: never ? null : final,
		failure: never ? null : failure,
		failNode: never ? -1 : failNode,
		costMicros,
		clientRef: spec.submitted ? (spec.submitted.clientRefs[i] ?? null) : clientRefFor(spec, i),
		lines: Math.max(1, Math.floor(spec.logLinesPerRun ?? 30)),
		nodeCuts,
		retries,
		zulu: i % 3 !== 2,
		pages: 1 + Math.floor(at(11) * 6),
		textSeed: mix(specSeed(spec) ^ 0x5e_ed, i),
	};
}
