// Asking for less, safely: the `fields` projection and `embed` a request carries are dropped
// for the rest of the session once the server refuses them (400/422) on that route, and the
// request is sent again without them. Used by client.ts for every call, so no caller can
// stop working because a server does not take a projection. A refused `sort_by` is remembered
// here too, by its caller (poller/list-source.ts).
import {isApiError, type ApiError} from './errors.js';

/** The query parameters that only shape an answer: without them the answer is larger, never wrong. */
export const SHAPING_PARAMS = ['fields', 'embed'] as const;
export type ShapingParam = (typeof SHAPING_PARAMS)[number];
/**
 * What a route may refuse and have remembered: the shaping parameters (dropped here), and
 * `sort_by`, which changes what an answer means: its caller drops it (poller/list-source.ts) and
 * remembers it here, so every later request on the route goes without it.
 */
export type RefusableParam = ShapingParam | 'sort_by';

/**
 * A 400 or 422: the server refused something in the request (the error's `field` may say what).
 * The one rule; isQueryRefusal and isSortRefusal narrow it to what a caller can do without.
 */
export function isRefusal(error: unknown): error is ApiError {
	return isApiError(error) && error.kind === 'invalid_request' && (error.status === 400 || error.status === 422);
}

/**
 * A refusal of a request's `q` (the caller then builds the list itself, poller/list-source.ts,
 * or reads by id, poller/failures.ts): any that does not name the cursor, `pq` (a cursor refused
 * is the page's: poller/screen-reads.ts).
 */
export function isQueryRefusal(error: unknown): boolean {
	return isRefusal(error) && error.field !== 'pq';
}

/** A refusal that blames the order: it names sort_by (or sort…), or names nothing. */
export function isSortRefusal(error: unknown): boolean {
	return isRefusal(error) && (error.field === undefined || /^sort/i.test(error.field));
}

export class RequestShaper {
	/** Route → the parameters it refused. */
	private readonly refused = new Map<string, Set<RefusableParam>>();

	/** Whether `route` refused `param` earlier in the session. */
	refuses(route: string, param: RefusableParam): boolean {
		return this.refused.get(route)?.has(param) === true;
	}

	/** `url` without the parameters `route` refused before (a copy when one is removed). */
	shape(route: string, url: URL): URL {
		const refused = this.refused.get(route);
		if (!refused) return url;
		const shaped = new URL(url);
		for (const param of refused) shaped.searchParams.delete(param);
		return shaped;
	}

	/**
	 * The shaping parameter to try without after `error` refused `url`, or null: the one the
	 * error names; none when it names another part of the request (a `q` the server does not
	 * take is the caller's to handle); else the first the request carries.
	 */
	nextToDrop(url: URL, error: ApiError): ShapingParam | null {
		const named = SHAPING_PARAMS.find((param) => param === error.field);
		if (named) return url.searchParams.has(named) ? named : null;
		if (error.field !== undefined && url.searchParams.has(error.field)) return null;
		return SHAPING_PARAMS.find((param) => url.searchParams.has(param)) ?? null;
	}

	/** Remembers that `route` refuses `param`. */
	remember(route: string, param: RefusableParam): void {
		let refused = this.refused.get(route);
		if (!refused) {
			refused = new Set();
			this.refused.set(route, refused);
		}
		refused.add(param);
	}
}
