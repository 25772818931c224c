// Status codes of batches, items and runs, as api/normalize.ts hands them over (trimmed,
// lowercased, one spelling of cancelled). The set is open: anything we do not know is shown
// as it is (through `statusLabel`, which sanitizes) and counted as in progress.

import {sanitize} from './sanitize.js';

export type StatusCategory = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'other';

/**
 * The synthetic status `summarizeBatch` uses for "total − succeeded − failed − cancelled" when it
 * only has the batch counters. It is known here so it sorts, labels and colours like a running state.
 */
export const IN_PROGRESS_STATUS = 'in progress';

const TERMINAL = new Set(['succeeded', 'partial_succeeded', 'failed', 'cancelled', 'errored']);
const FAILURE = new Set(['failed', 'errored']);

const CATEGORY: Readonly<Record<string, StatusCategory>> = {
	queued: 'queued',
	dispatching: 'running',
	running: 'running',
	[IN_PROGRESS_STATUS]: 'running',
	succeeded: 'succeeded',
	partial_succeeded: 'succeeded',
	failed: 'failed',
	errored: 'failed',
	cancelled: 'cancelled',
};

// Every symbol is a single terminal column and distinct per status, so meaning never rests on colour alone.
const SYMBOL: Readonly<Record<string, string>> = {
	queued: '○',
	dispatching: '◔',
	running: '◐',
	[IN_PROGRESS_STATUS]: '◌',
	succeeded: '✓',
	partial_succeeded: '◑',
	failed: '✗',
	cancelled: '⊘',
	errored: '!',
};

const COLOR: Readonly<Record<string, string>> = {
	queued: 'gray',
	dispatching: 'cyan',
	running: 'cyan',
	[IN_PROGRESS_STATUS]: 'cyan',
	succeeded: 'green',
	partial_succeeded: 'yellow',
	failed: 'red',
	errored: 'magenta',
	cancelled: 'gray',
};

export const STATUS_ORDER: readonly string[] = Object.freeze([
	'queued',
	'dispatching',
	'running',
	'succeeded',
	'partial_succeeded',
	'failed',
	'errored',
	'cancelled',
]);

// Sort rank: STATUS_ORDER, with the synthetic "in progress" right after "running".
const RANK = new Map<string, number>();
for (const [index, status] of STATUS_ORDER.entries()) {
	RANK.set(status, index);
}

RANK.set(IN_PROGRESS_STATUS, (RANK.get('running') ?? 0) + 0.5);

export function isTerminal(status: string): boolean {
	return TERMINAL.has(status);
}

/**
 * What counts as a failure, everywhere (the failures line, f/F, the `failed` filter, the causes
 * fetched): failed and errored, as the batch's items_failed counts them. cancelled/canceled are
 * counted apart; partial_succeeded is a success even when the item carries an error.
 */
export function isFailure(status: string): boolean {
	return FAILURE.has(status);
}

export function statusCategory(status: string): StatusCategory {
	return CATEGORY[status] ?? 'other';
}

export function statusSymbol(status: string): string {
	return SYMBOL[status] ?? '?';
}

/** An Ink colour name, or undefined for a status we do not know. */
export function statusColor(status: string): string | undefined {
	return COLOR[status];
}

/** The word shown: normalized, underscores → spaces. Unknown statuses are untrusted text, hence the sanitizing. */
export function statusLabel(status: string): string {
	const normalized = status.replaceAll('_', ' ');
	return sanitize(normalized);
}

/** Shorter words, for a narrow column: 'partial' for partial_succeeded (its symbol ◑ says the rest). */
const SHORT_LABEL: Readonly<Record<string, string>> = {
	partial_succeeded: 'partial',
};

/** statusLabel's short form, where there is one ('partial'); else the word itself. */
export function statusShortLabel(status: string): string {
	return SHORT_LABEL[status] ?? statusLabel(status);
}

/** 'symbol word' for a status, e.g. '✓ succeeded' (the word is sanitized by statusLabel). */
export function statusText(status: string): string {
	return `${statusSymbol(status)} ${statusLabel(status)}`;
}

/** By STATUS_ORDER, unknown statuses last, then alphabetically (by code unit, locale independent). */
export function compareStatus(left: string, right: string): number {
	const rankLeft = RANK.get(left) ?? Number.POSITIVE_INFINITY;
	const rankRight = RANK.get(right) ?? Number.POSITIVE_INFINITY;
	if (rankLeft !== rankRight) {
		return rankLeft < rankRight ? -1 : 1;
	}

	if (left === right) {
		return 0;
	}

	return left < right ? -1 : 1;
}

// ── node runs ─────────────────────────────────────────────────────────────────
// A node run's `state_code` is free text: besides the run words, `completed`, `success`, `error`,
// `skipped`, `pending` and the like are in use. Each is shown by the symbol of its meaning.

const NODE_WORDS: Readonly<Record<string, string>> = {
	completed: 'succeeded',
	complete: 'succeeded',
	success: 'succeeded',
	successful: 'succeeded',
	done: 'succeeded',
	ok: 'succeeded',
	error: 'failed',
	failure: 'failed',
	timeout: 'failed',
	timed_out: 'failed',
	started: 'running',
	in_progress: 'running',
	processing: 'running',
	waiting: 'queued',
	pending: 'queued',
	scheduled: 'queued',
};

const NODE_SYMBOL: Readonly<Record<string, string>> = {pending: '○', skipped: '–'};

/** The status word a node run's state means ('completed' → 'succeeded'); unknown words as they are. */
export function nodeStateMeaning(state: string): string {
	return NODE_WORDS[state] ?? state;
}

/** A node run's symbol: its own ('○' pending, '–' skipped), else the one of the status it means. */
export function nodeStateSymbol(state: string): string {
	return NODE_SYMBOL[state] ?? statusSymbol(nodeStateMeaning(state));
}

/** Whether a node run's state says it failed ('failed', 'errored', 'error', …). */
export function isNodeFailure(state: string): boolean {
	return isFailure(nodeStateMeaning(state));
}
