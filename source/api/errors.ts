// Typed API errors with messages a person understands. The API key never appears in
// any of them: messages are built from status codes and the server's own text, and the
// server's text is scrubbed of the key in case it echoes it back.

export type ApiErrorKind =
	| 'unauthorized' // 401: key rejected
	| 'forbidden' // 403: no access (org membership, permission)
	| 'not_found' // 404
	| 'invalid_request' // 400/422 and other non-retryable 4xx
	| 'rate_limited' // 429
	| 'server' // 5xx
	| 'bad_response' // HTML page, invalid JSON, a body of the wrong shape
	| 'timeout' // no answer in time
	| 'network' // connection refused, reset, DNS…
	| 'aborted'; // we cancelled it (exit, navigation)

export interface ApiErrorInit {
	kind: ApiErrorKind;
	message: string;
	status?: number;
	code?: string;
	retryAfterMs?: number;
	/** The request's part a 400/422 names (its first `errors[].field`), when it names one. */
	field?: string;
}

export class ApiError extends Error {
	readonly kind: ApiErrorKind;
	readonly status: number | undefined;
	readonly code: string | undefined;
	/** From the server's Retry-After header, when it sent one. */
	readonly retryAfterMs: number | undefined;
	readonly field: string | undefined;

	constructor(init: ApiErrorInit) {
		super(init.message);
		this.name = 'ApiError';
		this.kind = init.kind;
		this.status = init.status;
		this.code = init.code;
		this.retryAfterMs = init.retryAfterMs;
		this.field = init.field;
	}

	/** Whether trying again later can help (429, 5xx, bad gateway pages, network, timeouts). */
	get retryable(): boolean {
		return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'bad_response' || this.kind === 'timeout' || this.kind === 'network';
	}

	/** Whether the key itself is the problem: polling cannot fix this without a new key. */
	get isAuth(): boolean {
		return this.kind === 'unauthorized' || this.kind === 'forbidden';
	}
}

export function isApiError(value: unknown): value is ApiError {
	return value instanceof ApiError;
}

/** An ApiError as it is; anything else (a bug, a library's surprise) as a generic bad answer, its text not shown. */
export function toApiError(error: unknown): ApiError {
	if (isApiError(error)) return error;
	return new ApiError({kind: 'bad_response', message: 'the server sent something unexpected'});
}

/** Pulls `{code, message}` out of any of the documented error body shapes. */
export function parseErrorBody(body: string): {code?: string; message?: string; field?: string; html: boolean} {
	const trimmed = body.trimStart();
	if (trimmed.startsWith('<')) return {html: true};
	try {
		const json: unknown = JSON.parse(body);
		if (!json || typeof json !== 'object') return {html: false};
		const record = json as Record<string, unknown>;
		const nested = record['error'];
		const source = nested && typeof nested === 'object' ? (nested as Record<string, unknown>) : record;
		const code = typeof source['code'] === 'string' ? source['code'] : undefined;
		let message: string | undefined;
		let field: string | undefined;
		if (typeof source['message'] === 'string') message = source['message'];
		else if (typeof record['detail'] === 'string') message = record['detail'];
		else if (typeof nested === 'string') message = nested;
		const details = record['errors'];
		if (Array.isArray(details) && details.length > 0) {
			const first = details[0] as Record<string, unknown> | undefined;
			field = typeof first?.['field'] === 'string' ? first['field'] : undefined;
			const detailMessage = typeof first?.['message'] === 'string' ? first['message'] : undefined;
			// The field's message often repeats the top one: say it once.
			if (detailMessage && detailMessage !== message) message = `${message ? `${message}: ` : ''}${field ? `${field} ` : ''}${detailMessage}`;
		}
		return {code, message, field, html: false};
	} catch {
		return {html: false};
	}
}

/** One line, at most `max` characters, no key. Display code sanitizes it further. */
export function scrub(text: string, secret: string | undefined, max = 200): string {
	let out = text.replace(/\s+/g, ' ').trim();
	if (secret && secret.length >= 4) out = out.split(secret).join('***');
	return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

export function formatSeconds(ms: number): string {
	const seconds = Math.max(1, Math.round(ms / 1000));
	return `${seconds} s`;
}

export interface HttpFailure {
	status: number;
	body: string;
	retryAfterMs?: number;
	/** What was asked for, for 404s: 'batch 3f2a…', 'run run_12'. */
	what: string;
	secret?: string;
}

/** Maps an HTTP error answer to an ApiError. */
export function errorFromResponse(failure: HttpFailure): ApiError {
	const {status, what, retryAfterMs} = failure;
	const parsed = parseErrorBody(failure.body);
	const code = parsed.code;
	const detail = parsed.message ? scrub(parsed.message, failure.secret) : undefined;
	const suffix = detail ? `: ${detail}` : '';
	if (parsed.html && (status >= 500 || status === 429 || status === 408)) {
		return new ApiError({kind: 'bad_response', status, message: `the server answered with an HTML page (${status})`, retryAfterMs});
	}
	if (status === 401) {
		return new ApiError({kind: 'unauthorized', status, code, message: 'the API key was rejected (401): check RUNFLOW_API_KEY or --api-key'});
	}
	if (status === 403) {
		const why = code ? ` ${code}` : '';
		return new ApiError({
			kind: 'forbidden',
			status,
			code,
			message: `the API key may not read ${what} (403${why}): check the key and --org / RUNFLOW_ORG_ID`,
		});
	}
	if (status === 404) {
		return new ApiError({kind: 'not_found', status, code, message: `${what} not found (404): check the id`});
	}
	if (status === 429) {
		// What the server asked for, not a countdown: when the next try is, the caller says.
		const wait = retryAfterMs === undefined ? '' : `: the server asked to wait ${formatSeconds(retryAfterMs)}`;
		return new ApiError({kind: 'rate_limited', status, code, retryAfterMs, message: `rate limited (429)${wait}`});
	}
	if (status >= 500 || status === 408) {
		return new ApiError({kind: 'server', status, code, retryAfterMs, message: `the server failed (${status})${suffix}`});
	}
	if (parsed.html) {
		return new ApiError({kind: 'bad_response', status, message: `the server answered with an HTML page (${status})`});
	}
	return new ApiError({kind: 'invalid_request', status, code, field: parsed.field, message: `the server refused the request (${status})${suffix}`});
}

/**
 * A 3xx answer. Redirects are not followed (the key would go with them, wherever they point): the
 * message says where it pointed, the address for another origin, the path for the same one.
 */
export function redirectError(status: number, location: string | undefined, base: URL, secret?: string): ApiError {
	let where = '';
	try {
		const target = new URL(location ?? '', base);
		if (location)
			where =
				target.origin === base.origin
					? ` to ${scrub(target.pathname, secret, 80)}`
					: ` to another address, ${scrub(`${target.protocol}//${target.host}`, secret, 80)}`;
	} catch {
		where = '';
	}
	return new ApiError({kind: 'bad_response', status, message: `the server redirected (${status})${where}: redirects are not followed (check --base-url)`});
}
