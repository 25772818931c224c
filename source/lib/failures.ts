// Why items failed, grouped by cause, for the failure summary line.

import type {BatchItem} from '../api/types.js';
import {displayWidth, formatCount, truncate} from './format.js';
import {sanitize} from './sanitize.js';
import {isFailure} from './status.js';

export interface FailureCause {
	cause: string;
	count: number;
	/** The first message seen for this cause (raw, unsanitized). */
	sample?: string;
}

const CAUSE_LENGTH = 60;

/** A non-blank string, trimmed; anything else → null. */
function text(value: unknown): string | null {
	if (typeof value !== 'string') {
		return null;
	}

	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/** The first non-blank line, trimmed, at most 60 code points (ending '…' when cut). Raw text. */
function firstLine(message: string): string | null {
	// A 100 KB message needs only its start: CAUSE_LENGTH code points are at most twice as many units.
	const head = message.slice(0, 4096);
	for (const line of head.split(/\r\n|[\n\r\u2028\u2029]/)) {
		const trimmed = line.trim();
		if (trimmed !== '') {
			const points = Array.from(trimmed.slice(0, CAUSE_LENGTH * 2 + 2));
			return points.length > CAUSE_LENGTH
				? `${points
						.slice(0, CAUSE_LENGTH - 1)
						.join('')
						.trimEnd()}…`
				: trimmed;
		}
	}

	return null;
}

function hasError(item: BatchItem): boolean {
	return text(item.error?.code) !== null || text(item.error?.message) !== null;
}

/**
 * Why an item went wrong, for its row in the table: null unless its status is a failure or it
 * carries an error (a partially succeeded item may). Whether it counts as a failure (the failures
 * line, f/F, the filter) is isFailure(status_code) alone. Then: run.failure_code,
 * else error.code, else the failure message; its first line, at most 60 chars; else 'unknown'.
 * Blank strings count as absent. The cause is raw text: sanitize before display.
 */
export function failureCause(item: BatchItem): string | null {
	if (!item || (!isFailure(item.status_code) && !hasError(item))) {
		return null;
	}

	const source = text(item.run?.failure_code) ?? text(item.error?.code) ?? failureMessage(item);
	return (source === null ? null : firstLine(source)) ?? 'unknown';
}

/** run.failure_message, else error.message, else null (blank strings count as absent). Raw text. */
export function failureMessage(item: BatchItem): string | null {
	const fromRun = item?.run?.failure_message;
	if (text(fromRun) !== null) {
		return fromRun ?? null;
	}

	const fromError = item?.error?.message;
	return text(fromError) === null ? null : (fromError ?? null);
}

/**
 * Failed items (isFailure: the one rule f/F follow too) grouped by cause: largest group first,
 * then by cause (code-unit order). Items of any other status are left out, even carrying an error.
 */
export function groupFailures(items: Iterable<BatchItem>): FailureCause[] {
	const groups = new Map<string, FailureCause>();
	for (const item of items) {
		if (!item || !isFailure(item.status_code)) {
			continue;
		}

		const cause = failureCause(item);
		if (cause === null) {
			continue;
		}

		let group = groups.get(cause);
		if (!group) {
			group = {cause, count: 0};
			groups.set(cause, group);
		}

		group.count++;
		if (group.sample === undefined) {
			const message = failureMessage(item);
			if (message !== null) {
				group.sample = message;
			}
		}
	}

	return [...groups.values()].sort(largestFirst);
}

/** The failures line's order: the largest group first, then by cause (code-unit order). */
function largestFirst(a: FailureCause, b: FailureCause): number {
	return b.count - a.count || (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0);
}

/** Causes (one per failed item, as failureCause gives them) grouped as groupFailures groups items: largest first. */
export function groupCauses(causes: Iterable<string>): FailureCause[] {
	const counts = new Map<string, number>();
	for (const cause of causes) counts.set(cause, (counts.get(cause) ?? 0) + 1);
	return [...counts].map(([cause, count]) => ({cause, count})).sort(largestFirst);
}

const SEPARATOR = '  ';

/**
 * 'OOM ×8  TIMEOUT ×4  +2 more' within `maxColumns`: as many groups as fit, then how many were
 * left out. When not even the first group fits whole, its cause is shortened with '…'.
 * Causes go through sanitize. '' for no groups or no room.
 */
export function formatFailureGroups(groups: FailureCause[], maxColumns: number): string {
	const columns = Math.floor(maxColumns);
	if (groups.length === 0 || !(columns > 0)) {
		return '';
	}

	const more = (left: number): string => `+${formatCount(left)} more`;
	const render = (group: FailureCause): {cause: string; tail: string; width: number} => {
		const cause = sanitize(group.cause, {maxColumns: CAUSE_LENGTH + 1}) || 'unknown';
		const tail = ` ×${formatCount(group.count)}`;
		return {cause, tail, width: displayWidth(cause + tail)};
	};

	// Render only as many groups as could possibly fit (there may be thousands of causes).
	const entries: Array<ReturnType<typeof render>> = [];
	let used = -SEPARATOR.length;
	for (const group of groups) {
		const entry = render(group);
		entries.push(entry);
		used += SEPARATOR.length + entry.width;
		if (used > columns) {
			break;
		}
	}

	// The most groups that fit together with the '+N more' for the rest.
	let width = entries.reduce((sum, entry) => sum + entry.width, 0) + SEPARATOR.length * (entries.length - 1);
	for (let k = entries.length; k >= 1; k--) {
		const left = groups.length - k;
		const total = width + (left > 0 ? SEPARATOR.length + displayWidth(more(left)) : 0);
		if (total <= columns) {
			const shown = entries.slice(0, k).map((entry) => entry.cause + entry.tail);
			return [...shown, ...(left > 0 ? [more(left)] : [])].join(SEPARATOR);
		}

		width -= (entries[k - 1]?.width ?? 0) + (k > 1 ? SEPARATOR.length : 0);
	}

	// Not even one group fits whole: shorten the first cause if that leaves it readable.
	const first = entries[0];
	if (first) {
		const left = groups.length - 1;
		const suffix = left > 0 ? SEPARATOR + more(left) : '';
		const room = columns - displayWidth(first.tail) - displayWidth(suffix);
		if (room >= 4) {
			return truncate(first.cause, room) + first.tail + suffix;
		}
	}

	return truncate(more(groups.length), columns);
}
