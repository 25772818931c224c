// The got instance a client's requests go through: its headers, a turn on the request budget
// before every attempt, the rate-limit headers of every answer, a 429's hold on the budget and a
// 402's word, no redirect followed, and quick retries of reads (exponential backoff with full
// jitter, or the server's Retry-After).
import got, {type Got, type RequestError} from 'got';
import type {RequestBudget} from './budget.js';
import {rateLimitHook, type RateLimit} from './ratelimit.js';
import {retryAfterMs} from './request-errors.js';

export interface HttpOptions {
	apiKey: string;
	/** Sent as X-Organization-Id. */
	orgId: string | undefined;
	userAgent: string | undefined;
	/** Per request. */
	timeoutMs: number;
	/** Quick retries inside one call (429, 5xx, network). */
	retries: number;
	/** Longest wait between quick retries. */
	maxDelayMs: number;
	/** The budget every request waits on now, or none (the client may change it). */
	budget: () => RequestBudget | undefined;
	/** The X-RateLimit-* headers of an answer that carries them. */
	onRateLimit: (limit: RateLimit) => void;
	/** A 402 from any route. */
	onPaymentRequired?: () => void;
	/** A read is tried again in `delayMs` (a read of low priority never is); `batchId`: the batch its path names. */
	onRetry: (attempt: number, delayMs: number, error: RequestError, batchId: string | undefined) => void;
}

/** Exponential backoff with full jitter: base·2^(attempt−1), randomized to 50–100 %, capped. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
	const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(exp / 2 + (random() * exp) / 2);
}

/** The batch a request's URL is about, if any. */
function batchOfUrl(url: unknown): string | undefined {
	const path = url instanceof URL ? url.pathname : typeof url === 'string' ? url : '';
	const match = /\/v1\/batches\/([^/?#]+)/.exec(path);
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]!);
	} catch {
		return undefined;
	}
}

export function createHttp(options: HttpOptions): Got {
	const maxDelay = options.maxDelayMs;
	const headers: Record<string, string> = {
		authorization: `Bearer ${options.apiKey}`,
		accept: 'application/json',
		'user-agent': options.userAgent ?? 'runflow-watch',
	};
	if (options.orgId) headers['x-organization-id'] = options.orgId;
	return got.extend({
		headers,
		// Run before every attempt (got calls them again for each retry), before the request
		// and its timeout start: the wait for a turn is not counted against the timeout.
		hooks: {
			beforeRequest: [
				async (request) => options.budget()?.take(request.signal as AbortSignal | undefined, request.context['priority'] === 'low' ? 'low' : 'normal'),
			],
			afterResponse: [
				rateLimitHook(options.onRateLimit),
				// A 429 holds every request of the budget for its Retry-After; a 402: new runs are refused.
				(response) => {
					if (response.statusCode === 429) options.budget()?.hold(retryAfterMs(response.headers['retry-after']) ?? 0);
					if (response.statusCode === 402) options.onPaymentRequired?.();
					return response;
				},
			],
		},
		responseType: 'text',
		timeout: {request: options.timeoutMs},
		followRedirect: false,
		retry: {
			limit: options.retries,
			methods: ['GET'],
			statusCodes: [408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524],
			maxRetryAfter: maxDelay,
			calculateDelay: ({attemptCount, error, retryAfter, computedValue}) => {
				// A read of low priority (the balance) is not tried again at once, nor said: it comes round again later.
				if (computedValue === 0 || error.options.context['priority'] === 'low') return 0;
				const delayMs = retryAfter ?? backoffDelay(attemptCount, 500, maxDelay);
				options.onRetry(attemptCount, delayMs, error, batchOfUrl(error.options.url));
				return delayMs;
			},
		},
	});
}
