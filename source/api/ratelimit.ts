// The rate-limit headers some versions of the API send on every answer (X-RateLimit-Limit,
// -Remaining, -Reset), read into one figure the request budget can follow. Never depended on:
// an answer without them gives null.

export interface RateLimit {
	/** Requests allowed in the current window. */
	limit: number;
	/** Requests left in it. */
	remaining: number;
	/** When the window ends (epoch ms, local clock), or null when the answer does not say. */
	resetAt: number | null;
	/** When the answer carrying them arrived (epoch ms, local clock). */
	seenAt: number;
}

type Headers = Record<string, string | string[] | undefined>;

/** The leading number of a header ('600', '600, 600;w=60' as the IETF draft writes it), or null. */
function leadingNumber(value: string | string[] | undefined): number | null {
	const text = Array.isArray(value) ? value[0] : value;
	const match = /^\s*(\d+(?:\.\d+)?)/.exec(text ?? '');
	return match ? Number(match[1]) : null;
}

/** Seconds beyond this are an epoch time (as GitHub sends it), not seconds from now. */
const EPOCH_SECONDS = 1_000_000_000;

/** The rate limit an answer's headers state, or null without `-Limit` and `-Remaining`. */
export function parseRateLimit(headers: Headers, now: number = Date.now()): RateLimit | null {
	const limit = leadingNumber(headers['x-ratelimit-limit']);
	const remaining = leadingNumber(headers['x-ratelimit-remaining']);
	if (limit === null || remaining === null) return null;
	const reset = leadingNumber(headers['x-ratelimit-reset']);
	let resetAt: number | null = null;
	if (reset !== null) resetAt = reset >= EPOCH_SECONDS ? reset * 1000 : now + reset * 1000;
	return {limit, remaining, resetAt, seenAt: now};
}

/** A got `afterResponse` hook: every answer (errors and retried attempts included) that states a limit is told to `onLimit`. */
export function rateLimitHook(onLimit: (limit: RateLimit) => void): <R extends {headers: Headers}>(response: R) => R {
	return (response) => {
		const limit = parseRateLimit(response.headers);
		if (limit) onLimit(limit);
		return response;
	};
}
