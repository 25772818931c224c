// Cursors: an opaque base64url token of JSON {r, o, e?, s, q, f?, m?}:
//   r: the list it belongs to (batch or run id + route), o: an offset in sort order,
//   e: 1 for an "end" cursor (the page that ends at o, used for `previous`),
//   s/q: the sort and filter it was issued for, f/m: fields and embed to keep on following.
// Written as a bare token, a path '/v1/…?pq=TOKEN&limit=N' or an absolute URL.

import {validationError} from './errors.js';

export type CursorStyle = 'token' | 'path' | 'url';

export interface CursorState {
	r: string;
	o: number;
	e?: 1;
	s: string;
	q: string;
	f?: string;
	m?: string;
}

export function encodeCursor(state: CursorState): string {
	return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** Accepts a bare token, or a path/URL carrying `pq=` (a client that sends a whole cursor URL as pq). */
export function decodeCursor(raw: string): CursorState {
	let token = raw;
	if (raw.startsWith('/') || raw.startsWith('http')) {
		try {
			token = new URL(raw, 'http://127.0.0.1').searchParams.get('pq') ?? '';
		} catch {
			token = '';
		}
	}

	let value: unknown;
	try {
		if (!/^[\w-]+$/.test(token)) {
			throw new Error('not base64url');
		}

		value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		throw validationError('pq', 'Malformed cursor');
	}

	const c = value as Partial<CursorState> | null;
	if (
		typeof c !== 'object' ||
		c === null ||
		typeof c.r !== 'string' ||
		typeof c.s !== 'string' ||
		typeof c.q !== 'string' ||
		typeof c.o !== 'number' ||
		!Number.isSafeInteger(c.o) ||
		c.o < 0 ||
		(c.e !== undefined && c.e !== 1) ||
		(c.f !== undefined && typeof c.f !== 'string') ||
		(c.m !== undefined && typeof c.m !== 'string')
	) {
		throw validationError('pq', 'Malformed cursor');
	}

	return c as CursorState;
}

export function formatCursor(state: CursorState, style: CursorStyle, origin: string, path: string, limit: number): string {
	const token = encodeCursor(state);
	if (style === 'token') {
		return token;
	}

	const relative = `${path}?pq=${token}&limit=${limit}`;
	return style === 'url' ? `${origin}${relative}` : relative;
}
