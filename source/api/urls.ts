// A request's URL: a route's path and query on the base URL, or a cursor the server sent (a bare
// token, a path or an absolute URL) resolved on it; never a URL on another host, where the key
// would go with it.
import {ApiError} from './errors.js';
import type {ListParams} from './types.js';

export type Query = Record<string, string>;

/** A list route's query: the parameters given, as the API spells them. */
export function listQuery(params: ListParams): Query {
	const query: Query = {};
	if (params.limit !== undefined) query['limit'] = String(params.limit);
	if (params.from_prev) query['from_prev'] = 'true';
	if (params.sort_by) query['sort_by'] = params.sort_by;
	if (params.fields) query['fields'] = params.fields;
	if (params.embed) query['embed'] = params.embed;
	if (params.q) query['q'] = params.q;
	return query;
}

/** `path` with `query` on `baseUrl`, or the page `cursor` names (its own query kept where it sets one). */
export function requestUrl(baseUrl: URL, path: string, query: Query, cursor?: string | null): URL {
	let url: URL;
	if (cursor && (cursor.startsWith('/') || /^https?:\/\//i.test(cursor))) {
		url = new URL(cursor, baseUrl);
		// The key goes only where the user pointed us: a cursor elsewhere is refused.
		if (url.origin !== baseUrl.origin) {
			throw new ApiError({kind: 'bad_response', message: `the server sent a cursor for another host (${url.host}): refusing to send the key there`});
		}
	} else {
		url = new URL(path.replace(/^\//, ''), baseUrl);
		if (cursor) url.searchParams.set('pq', cursor);
	}
	for (const [key, value] of Object.entries(query)) {
		if (!url.searchParams.has(key)) url.searchParams.set(key, value);
	}
	return url;
}
