// Searching log lines: case-insensitive substring of the line's safe (sanitized) text.

import type {LogLine} from '../api/types.js';
import {nextMatch, standingBefore} from './next-match.js';
import {sanitize} from './sanitize.js';

/** Columns of a message that search reads (a 100 KB line is searched in its start only). */
const SEARCH_COLUMNS = 4000;

const searchable = new WeakMap<LogLine, string>();

/** The text search looks in: the level word and the sanitized message, lowercased. Cached per line. */
export function searchText(line: LogLine): string {
	let text = searchable.get(line);
	if (text === undefined) {
		text = sanitize(line.message, {maxColumns: SEARCH_COLUMNS}).toLowerCase();
		searchable.set(line, text);
	}

	return text;
}

/** The query as searched: sanitized (what the user typed is untrusted too), lowercased. '' → no search. */
export function normalizeQuery(query: string): string {
	return sanitize(query, {maxColumns: 200}).toLowerCase();
}

/** Indices of the lines that contain `query` (already normalized), in order. */
export function findHits(lines: readonly LogLine[], query: string): number[] {
	if (query === '') return [];
	const hits: number[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (searchText(lines[i]!).includes(query)) hits.push(i);
	}

	return hits;
}

/**
 * From hit `current` (a line index, or -1), the index in `hits` of the next (`direction` 1) or
 * previous (-1) hit, wrapping around; -1 when there are none.
 */
export function stepHit(hits: readonly number[], current: number, direction: 1 | -1): number {
	const past = (line: number) => (direction === 1 ? line > current : line < current);
	return nextMatch(hits, standingBefore(hits, direction, past), direction)?.index ?? -1;
}

export interface TextPart {
	text: string;
	match: boolean;
}

/** `text` cut into parts, those equal (case-insensitively) to `query` marked. */
export function splitMatches(text: string, query: string): TextPart[] {
	if (query === '') return [{text, match: false}];
	const lower = text.toLowerCase();
	// Lowercasing may change lengths (rare: 'İ'); then do not highlight rather than mis-cut.
	if (lower.length !== text.length) return [{text, match: false}];
	const parts: TextPart[] = [];
	let from = 0;
	for (let at = lower.indexOf(query); at !== -1; at = lower.indexOf(query, at + query.length)) {
		if (at > from) parts.push({text: text.slice(from, at), match: false});
		parts.push({text: text.slice(at, at + query.length), match: true});
		from = at + query.length;
	}

	if (from < text.length || parts.length === 0) parts.push({text: text.slice(from), match: false});
	return parts;
}
