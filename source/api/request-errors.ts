// What went wrong with a request, as an ApiError: got's errors (an HTTP status, a timeout, the
// network, a cancel) mapped, an answer that is not JSON refused, the Retry-After header read.
import {HTTPError, RequestError} from 'got';
import {ApiError, errorFromResponse, formatSeconds, scrub} from './errors.js';

/** A Retry-After header (seconds, or an HTTP date) in ms, or undefined. */
export function retryAfterMs(header: string | undefined): number | undefined {
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : Math.max(0, Date.parse(header) - Date.now());
	return Number.isNaN(ms) ? undefined : ms;
}

/** Where a request went: the host it names, the timeout it had, the key to scrub from what the server said. */
export interface RequestSite {
	host: string;
	timeoutMs: number;
	secret: string;
}

/** Any error a request threw as an ApiError; `what` names what was asked for (`batch b_1`). */
export function requestError(error: unknown, what: string, site: RequestSite): ApiError {
	if (error instanceof ApiError) return error;
	if (error instanceof HTTPError) {
		return errorFromResponse({
			status: error.response.statusCode,
			body: typeof error.response.body === 'string' ? error.response.body : '',
			retryAfterMs: retryAfterMs(error.response.headers['retry-after']),
			what,
			secret: site.secret,
		});
	}
	const {host} = site;
	if (error instanceof RequestError) {
		if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') {
			return new ApiError({kind: 'aborted', message: 'request cancelled'});
		}
		if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') {
			return new ApiError({kind: 'timeout', message: `no answer from ${host} within ${formatSeconds(site.timeoutMs)}`});
		}
		return new ApiError({kind: 'network', code: error.code, message: `cannot reach ${host} (${error.code ?? scrub(error.message, site.secret, 60)})`});
	}
	if (error instanceof Error && error.name === 'AbortError') {
		return new ApiError({kind: 'aborted', message: 'request cancelled'});
	}
	return new ApiError({kind: 'network', message: `cannot reach ${host}`});
}

/** An answer's body as JSON; an HTML page or invalid JSON is a bad answer. */
export function parseAnswer(text: string, status: number): unknown {
	if (text.trimStart().startsWith('<')) {
		throw new ApiError({kind: 'bad_response', status, message: `the server answered with an HTML page (${status})`});
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiError({kind: 'bad_response', status, message: `the server sent invalid JSON (${status})`});
	}
}
