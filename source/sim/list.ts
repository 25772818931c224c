// Generic pagination for list routes: limit / pq / from_prev / sort_by / fields / embed / q.
//
// Positions are offsets in the (filtered, sorted) order at the time of the request.
// - pq=c (a start cursor at offset o)        → [o, o+limit)
// - pq=c with from_prev=true                 → [o-limit, o)
// - pq=p (an end cursor, what `previous` is) → [o-limit, o), with or without from_prev
// Response cursors for a page [a, b) of N rows: first = start(0); next = start(b) if b < N
// (or, for a growing list such as a running run's logs, when the page is full), else null;
// previous = end(a) if a > 0, else null. A start cursor stays valid while rows are appended.

import {decodeCursor, formatCursor, type CursorState, type CursorStyle} from './cursor.js';
import {validationError} from './errors.js';
import {formatSort, parseQuery, parseSort, type Fields} from './query.js';

export interface ListContext {
	cursorStyle: CursorStyle;
	legacyCursorNames: boolean;
	origin: string;
	/** List parameters this server refuses with a 422 (as a server that does not know them might). */
	refuse?: ReadonlySet<string>;
}

export interface ListSpec<T> {
	/** What cursors are bound to, e.g. 'items:b_123'. */
	resource: string;
	/** Path of the route, for path/URL cursors. */
	path: string;
	fields: Fields<T>;
	sortable: readonly string[];
	defaultSort: string;
	/** Fast path: rows addressable by position in ascending `key` order, without building all. */
	natural?: {key: string; count: number; at: (position: number) => T};
	/** All rows in natural order. */
	all: () => T[];
	toJson: (row: T) => Record<string, unknown>;
	embed?: (row: T, names: Set<string>) => Record<string, unknown>;
	/** Rows may still be appended (a running run's logs). */
	growing?: boolean;
}

export function parseLimit(raw: string | null): number {
	if (raw === null) {
		return 50;
	}

	const limit = /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
	if (!(limit >= 1 && limit <= 500)) {
		throw validationError('limit', 'limit must be an integer between 1 and 500');
	}

	return limit;
}

function parseBool(raw: string | null, field: string): boolean {
	if (raw === null || raw === '' || raw === 'false' || raw === '0') {
		return false;
	}

	if (raw === 'true' || raw === '1') {
		return true;
	}

	throw validationError(field, `${field} must be true or false`);
}

export function project(object: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
	if (fields === undefined || fields.trim() === '') {
		return object;
	}

	const result: Record<string, unknown> = {};
	for (const name of fields.split(',').map((f) => f.trim())) {
		if (Object.hasOwn(object, name)) {
			result[name] = object[name];
		}
	}

	return result;
}

export function embedNames(raw: string | null | undefined): Set<string> {
	return new Set(
		(raw ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
	);
}

type Key = string | number | null;

function compareKeys(a: Key, b: Key): number {
	if (a === b) {
		return 0;
	}

	// Nulls last in ascending order (so first in descending order), as PostgreSQL does by default.
	if (a === null) {
		return 1;
	}

	if (b === null) {
		return -1;
	}

	return a < b ? -1 : 1;
}

export function listPage<T>(params: URLSearchParams, spec: ListSpec<T>, ctx: ListContext): Record<string, unknown> {
	for (const name of ctx.refuse ?? []) {
		if (params.has(name)) {
			throw validationError(name, `Unknown query parameter: ${name}`);
		}
	}

	const limit = parseLimit(params.get('limit'));
	const fromPrev = parseBool(params.get('from_prev'), 'from_prev');
	const rawPq = params.get('pq');
	const cursor: CursorState | undefined = rawPq ? decodeCursor(rawPq) : undefined;
	if (cursor && cursor.r !== spec.resource) {
		throw validationError('pq', 'Cursor belongs to another list');
	}

	const sortText = params.get('sort_by') ?? cursor?.s ?? spec.defaultSort;
	const sort = parseSort(sortText.trim() === '' ? spec.defaultSort : sortText, spec.sortable);
	const s = formatSort(sort);
	const q = params.get('q') ?? cursor?.q ?? '';
	if (cursor && (cursor.s !== s || cursor.q !== q)) {
		throw validationError('pq', 'Cursor was issued for a different sort_by or q');
	}

	const fields = params.get('fields') ?? cursor?.f;
	const embed = params.get('embed') ?? cursor?.m;
	const predicate = parseQuery(q, spec.fields);

	// Rows in order: lazily for the natural order, else build, filter and sort them all.
	let total: number;
	let at: (position: number) => T;
	const natural = spec.natural;
	const single = sort.length === 1 ? sort[0] : undefined;
	if (natural && !predicate && single?.field === natural.key) {
		total = natural.count;
		at = single.desc ? (p) => natural.at(natural.count - 1 - p) : (p) => natural.at(p);
	} else {
		let rows = spec.all();
		if (predicate) {
			rows = rows.filter((row) => predicate(row));
		}

		const decorated = rows.map((row, position) => ({
			row,
			position,
			keys: sort.map((k) => {
				const def = spec.fields[k.field];
				const v = def?.get(row) ?? null;
				const key = def?.type === 'time' && v !== null ? Date.parse(String(v)) : v;
				// An unreadable time or number sorts as null (NaN would make the order depend on the sort's path).
				return typeof key === 'number' && Number.isNaN(key) ? null : key;
			}),
		}));
		decorated.sort((a, b) => {
			for (const [j, key] of sort.entries()) {
				const c = compareKeys(a.keys[j] ?? null, b.keys[j] ?? null);
				if (c !== 0) {
					return key.desc ? -c : c;
				}
			}

			return sort[0]?.desc ? b.position - a.position : a.position - b.position;
		});
		total = decorated.length;
		at = (p) => decorated[p]!.row;
	}

	const offset = cursor?.o ?? 0;
	let start: number;
	let end: number;
	if (cursor && (fromPrev || cursor.e === 1)) {
		end = Math.min(offset, total);
		start = Math.max(0, end - limit);
	} else {
		start = offset;
		end = Math.max(start, Math.min(offset + limit, total));
	}

	const names = embedNames(embed);
	const items: Array<Record<string, unknown>> = [];
	for (let p = start; p < end; p++) {
		const row = at(p);
		const json = project(spec.toJson(row), fields);
		items.push(spec.embed ? {...json, ...spec.embed(row, names)} : json);
	}

	const state = (o: number, e?: 1): CursorState => ({
		r: spec.resource,
		o,
		...(e ? {e} : {}),
		s,
		q,
		...(fields === undefined ? {} : {f: fields}),
		...(embed === undefined ? {} : {m: embed}),
	});
	const write = (c: CursorState): string => formatCursor(c, ctx.cursorStyle, ctx.origin, spec.path, limit);
	const hasNext = end < total || (spec.growing === true && end - start === limit);
	const next = hasNext ? write(state(end)) : null;
	const previous = start > 0 ? write(state(start, 1)) : null;
	const first = write(state(0));
	return ctx.legacyCursorNames ? {items, first, next_pq: next, prev_pq: previous} : {items, first, next, previous};
}
