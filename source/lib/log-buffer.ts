// A run's held log lines as a bounded buffer: append (following) drops the oldest lines,
// prepend (paging back) drops the newest, and a line already held (same id) is never added twice.
// Messages are clamped on the way in, so the bound on lines is a bound on memory too.

import type {LogLine} from '../api/types.js';
import {cutUnits} from './sanitize.js';

/** Longest message kept, in UTF-16 code units; the rest is replaced by a marker saying how much. */
export const MAX_MESSAGE_CHARS = 8192;

/** The line, its message cut to MAX_MESSAGE_CHARS (never splitting a surrogate pair). */
export function clampLine(line: LogLine): LogLine {
	const {message} = line;
	if (message.length <= MAX_MESSAGE_CHARS) return line;
	const kept = cutUnits(message, MAX_MESSAGE_CHARS);
	return {...line, message: `${kept} … [${message.length - kept.length} more characters not kept]`};
}

export interface BufferChange {
	lines: LogLine[];
	/** Lines actually added (not held before). */
	added: number;
	/** Lines dropped to stay within the cap (from the front on append, from the end on prepend). */
	dropped: number;
}

function fresh(held: readonly LogLine[], incoming: readonly LogLine[]): LogLine[] {
	if (incoming.length === 0) return [];
	const ids = new Set(held.map((line) => line.id));
	const result: LogLine[] = [];
	for (const line of incoming) {
		if (ids.has(line.id)) continue;
		ids.add(line.id);
		result.push(clampLine(line));
	}

	return result;
}

/** Newer lines after the held ones; the oldest go when there are more than `cap`. */
export function appendLines(held: LogLine[], incoming: readonly LogLine[], cap: number): BufferChange {
	const add = fresh(held, incoming);
	if (add.length === 0) return {lines: held, added: 0, dropped: 0};
	let lines = held.concat(add);
	let dropped = 0;
	if (lines.length > cap) {
		dropped = lines.length - cap;
		lines = lines.slice(dropped);
	}

	return {lines, added: add.length, dropped};
}

/** Older lines (oldest first) before the held ones; the newest go when there are more than `cap`. */
export function prependLines(held: LogLine[], incoming: readonly LogLine[], cap: number): BufferChange {
	const add = fresh(held, incoming);
	if (add.length === 0) return {lines: held, added: 0, dropped: 0};
	let lines = add.concat(held);
	let dropped = 0;
	if (lines.length > cap) {
		dropped = lines.length - cap;
		lines = lines.slice(0, cap);
	}

	return {lines, added: add.length, dropped};
}
