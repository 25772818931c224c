// `q` filter expressions and `sort_by` for list routes.
//
// q grammar (case-insensitive keywords, implicit AND between terms):
//   expr := and ('OR' and)*        and := not (['AND'] not)*
//   not  := 'NOT' not | '(' expr ')' | field [.OP] sep value
//   sep  := ':' | '=' | '!=' | '>' | '<' | '>=' | '<='   OP := EQ NE GT GTE LT LTE CONTAINS
//   value := 'single quoted' ('' or \' escapes a quote) | "double quoted" | bare (null = null)
// e.g. `status_code:failed OR status_code:errored`, `NOT status_code:succeeded`,
// `client_ref.EQ:'invoice-0042.pdf'`, `created_at>2026-04-01`. Anything else → 422.

import {validationError} from './errors.js';

export type FieldType = 'string' | 'number' | 'time';

export interface FieldDef<T> {
	type: FieldType;
	get: (row: T) => string | number | null | undefined;
}

export type Fields<T> = Record<string, FieldDef<T>>;
type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';
type Token = {t: '(' | ')'} | {t: 'kw'; v: 'AND' | 'OR' | 'NOT'} | {t: 'cmp'; field: string; op: Op; value: string | null};
export type Predicate<T> = (row: T) => boolean;

const SEPARATORS: Record<string, Op> = {':': 'eq', '=': 'eq', '!=': 'ne', '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte'};
const COMPARISON = /^([A-Za-z_]\w*)(?:\.(EQ|NE|GTE|GT|LTE|LT|CONTAINS))?\s*(>=|<=|!=|:|=|>|<)\s*/i;

function fail(message: string): never {
	throw validationError('q', message);
}

function readValue(text: string, pos: number): [string | null, number] {
	const quote = text[pos];
	if (quote === "'" || quote === '"') {
		let value = '';
		let i = pos + 1;
		while (i < text.length) {
			const c = text[i];
			if (c === '\\' && text[i + 1] === quote) {
				value += quote;
				i += 2;
			} else if (c === quote && text[i + 1] === quote) {
				value += quote;
				i += 2;
			} else if (c === quote) {
				return [value, i + 1];
			} else {
				value += c;
				i++;
			}
		}

		return fail(`Unterminated quoted value at position ${pos}`);
	}

	const match = /^[^\s()]+/.exec(text.slice(pos));
	if (!match) {
		return fail(`Missing value at position ${pos}`);
	}

	return [match[0] === 'null' ? null : match[0], pos + match[0].length];
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let pos = 0;
	while (pos < text.length) {
		const rest = text.slice(pos);
		const space = /^\s+/.exec(rest);
		if (space) {
			pos += space[0].length;
			continue;
		}

		if (rest[0] === '(' || rest[0] === ')') {
			tokens.push({t: rest[0]});
			pos++;
			continue;
		}

		const keyword = /^(AND|OR|NOT)(?=[\s()]|$)/i.exec(rest);
		if (keyword) {
			tokens.push({t: 'kw', v: keyword[1]!.toUpperCase() as 'AND' | 'OR' | 'NOT'});
			pos += keyword[0].length;
			continue;
		}

		const comparison = COMPARISON.exec(rest);
		if (!comparison) {
			fail(`Cannot parse q at position ${pos}`);
		}

		const [, field, named, separator] = comparison;
		let op = SEPARATORS[separator!]!;
		if (named) {
			if (separator !== ':' && separator !== '=') {
				fail(`Expected ':' after .${named}`);
			}

			op = named.toLowerCase() as Op;
		}

		const [value, next] = readValue(text, pos + comparison[0].length);
		tokens.push({t: 'cmp', field: field!, op, value});
		pos = next;
	}

	return tokens;
}

function compare<T>(def: FieldDef<T>, field: string, op: Op, raw: string | null): Predicate<T> {
	if (raw === null) {
		if (op !== 'eq' && op !== 'ne') {
			fail(`Operator not allowed with null on ${field}`);
		}

		return (row) => (def.get(row) === null || def.get(row) === undefined) === (op === 'eq');
	}

	let target: string | number = raw;
	if (def.type !== 'string' && op !== 'contains') {
		target = def.type === 'number' ? Number(raw) : Date.parse(raw);
		if (raw === '' || !Number.isFinite(target)) {
			fail(`Invalid ${def.type} value for ${field}: ${raw}`);
		}
	}

	const value = (row: T): string | number | null => {
		const v = def.get(row);
		if (v === null || v === undefined) {
			return null;
		}

		return def.type === 'time' && op !== 'contains' ? Date.parse(String(v)) : v;
	};

	return (row) => {
		const v = value(row);
		if (op === 'ne') {
			return v !== target;
		}

		if (v === null) {
			return false;
		}

		switch (op) {
			case 'eq': {
				return v === target;
			}
			case 'gt': {
				return v > target;
			}
			case 'gte': {
				return v >= target;
			}
			case 'lt': {
				return v < target;
			}
			case 'lte': {
				return v <= target;
			}
			default: {
				return String(v).includes(String(target));
			}
		}
	};
}

export function parseQuery<T>(text: string, fields: Fields<T>): Predicate<T> | undefined {
	if (text.trim() === '') {
		return undefined;
	}

	const tokens = tokenize(text);
	let i = 0;
	const peek = (): Token | undefined => tokens[i];
	const isKw = (token: Token | undefined, v: string): boolean => token?.t === 'kw' && token.v === v;

	function parseOr(): Predicate<T> {
		const parts = [parseAnd()];
		while (isKw(peek(), 'OR')) {
			i++;
			parts.push(parseAnd());
		}

		return parts.length === 1 ? parts[0]! : (row) => parts.some((p) => p(row));
	}

	function parseAnd(): Predicate<T> {
		const parts = [parseNot()];
		for (;;) {
			const token = peek();
			if (isKw(token, 'AND')) {
				i++;
			} else if (!token || token.t === ')' || isKw(token, 'OR')) {
				break;
			}

			parts.push(parseNot());
		}

		return parts.length === 1 ? parts[0]! : (row) => parts.every((p) => p(row));
	}

	function parseNot(): Predicate<T> {
		const token = peek();
		i++;
		if (!token) {
			return fail('Unexpected end of q');
		}

		if (token.t === 'kw' && token.v === 'NOT') {
			const inner = parseNot();
			return (row) => !inner(row);
		}

		if (token.t === '(') {
			const inner = parseOr();
			if (peek()?.t !== ')') {
				fail('Missing )');
			}

			i++;
			return inner;
		}

		if (token.t !== 'cmp') {
			return fail(`Unexpected ${token.t === 'kw' ? token.v : token.t} in q`);
		}

		const def = fields[token.field];
		if (!def) {
			return fail(`Unknown field "${token.field}" in q`);
		}

		return compare(def, token.field, token.op, token.value);
	}

	const predicate = parseOr();
	if (i < tokens.length) {
		fail('Unexpected text after the end of q');
	}

	return predicate;
}

export interface SortKey {
	field: string;
	desc: boolean;
}

/** `field`, `field:asc`, `field:desc`, `-field`, comma-separated. */
export function parseSort(text: string, allowed: readonly string[]): SortKey[] {
	return text.split(',').map((part) => {
		const item = part.trim();
		const match = /^(-)?([A-Za-z_]\w*)(?::(asc|desc))?$/i.exec(item);
		if (!match || !allowed.includes(match[2]!)) {
			throw validationError('sort_by', `Cannot sort by "${item}" (allowed: ${allowed.join(', ')}, with :asc or :desc)`);
		}

		return {field: match[2]!, desc: match[1] === '-' || match[3]?.toLowerCase() === 'desc'};
	});
}

export function formatSort(keys: SortKey[]): string {
	return keys.map((k) => `${k.field}:${k.desc ? 'desc' : 'asc'}`).join(',');
}
