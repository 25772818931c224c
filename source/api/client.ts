// The Runflow API client. Knows HTTP and the API's shapes; nothing of React or the store.
import {createHash} from 'node:crypto';
import got, {HTTPError, RequestError, type Got} from 'got';
import type {Priority, RequestBudget} from './budget.js';
import {normalizeBalance, type Balance} from './billing.js';
import {ApiError, errorFromResponse, formatSeconds, isApiError, redirectError, scrub} from './errors.js';
import {capBody, oversizeError} from './limits.js';
import {normalizeBatch, normalizeItem, normalizeLogLine, normalizeNodeRun, normalizePage, normalizeRun} from './normalize.js';
import {normalizeExportItem, type ExportItem} from './export.js';
import {isRefusal, RequestShaper, type ShapingParam} from './shaping.js';
import {rateLimitHook, type RateLimit} from './ratelimit.js';
import type {Batch, BatchItem, ListParams, LogLine, NodeRun, Page, Run} from './types.js';
import {sendCreate, type CreateBatchBody, type CreateBatchOptions, type ModelRef} from './writes.js';

export const DEFAULT_BASE_URL = 'https://api.runflow.io';
/** How many recent answers (by URL) are kept to recognise an unchanged one. */
const MEMO_SIZE = 16;

export interface RetryInfo {
	/** 1 for the first retry. */
	attempt: number;
	delayMs: number;
	error: ApiError;
	/** e.g. 'rate limited (429), retrying in 4 s' */
	message: string;
	/** The batch the request is for (its path names it: `/v1/batches/{id}…`), to say which when a job's read fails. */
	batchId?: string;
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

export interface ClientOptions {
	baseUrl?: string;
	apiKey: string;
	orgId?: string;
	/** Per request, default 10 s. */
	timeoutMs?: number;
	/** Quick retries inside one call (429, 5xx, network), default 2. The poller backs off beyond that. */
	retries?: number;
	/** Longest wait between quick retries; a longer Retry-After fails the call with `retryAfterMs` set. */
	maxRetryDelayMs?: number;
	onRetry?: (info: RetryInfo) => void;
	userAgent?: string;
	/**
	 * A request budget shared with other clients (a job's): every request, each quick retry
	 * included, waits its turn on it before it goes out (abortable while it waits).
	 */
	budget?: RequestBudget;
	/** Told of the X-RateLimit-* headers of every answer that carries them (api/ratelimit.ts). */
	onRateLimit?: (limit: RateLimit) => void;
	/** Told of every 402 from any route (the organization's credit ran out: new runs are refused). */
	onPaymentRequired?: () => void;
}

export interface CallOptions {
	signal?: AbortSignal;
	/** `low`: waits behind every other request of the budget (the balance). */
	priority?: Priority;
}

type Query = Record<string, string>;

function listQuery(params: ListParams): Query {
	const query: Query = {};
	if (params.limit !== undefined) query['limit'] = String(params.limit);
	if (params.from_prev) query['from_prev'] = 'true';
	if (params.sort_by) query['sort_by'] = params.sort_by;
	if (params.fields) query['fields'] = params.fields;
	if (params.embed) query['embed'] = params.embed;
	if (params.q) query['q'] = params.q;
	return query;
}

/** A Retry-After header (seconds, or an HTTP date) in ms, or undefined. */
function retryAfterMs(header: string | undefined): number | undefined {
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : Math.max(0, Date.parse(header) - Date.now());
	return Number.isNaN(ms) ? undefined : ms;
}

/** Exponential backoff with full jitter: base·2^(attempt−1), randomized to 50–100 %, capped. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
	const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(exp / 2 + (random() * exp) / 2);
}

export class RunflowClient {
	readonly baseUrl: URL;
	private readonly http: Got;
	private readonly apiKey: string;
	private readonly timeoutMs: number;
	private readonly memo = new Map<string, {digest: string; value: unknown; etag?: string}>();
	/** `fields` / `embed` a route refused: left out of its requests from then on (shaping.ts). */
	readonly shaper = new RequestShaper();
	/** server − local clock, as the `Date` header of each recent answer bounds it from below (the newest last). */
	private readonly clockOffsets: number[] = [];
	/** The X-RateLimit-* headers of the latest answer that carried them, or null (none seen). */
	lastRateLimit: RateLimit | null = null;
	/** The request budget every request waits on (useBudget), or none. */
	private budget: RequestBudget | undefined;

	constructor(options: ClientOptions) {
		this.apiKey = options.apiKey;
		this.timeoutMs = options.timeoutMs ?? 10_000;
		const base = options.baseUrl ?? DEFAULT_BASE_URL;
		this.baseUrl = new URL(base.endsWith('/') ? base : `${base}/`);
		const retries = options.retries ?? 2;
		const maxDelay = options.maxRetryDelayMs ?? 8_000;
		const headers: Record<string, string> = {
			authorization: `Bearer ${options.apiKey}`,
			accept: 'application/json',
			'user-agent': options.userAgent ?? 'runflow-watch',
		};
		if (options.orgId) headers['x-organization-id'] = options.orgId;
		this.budget = options.budget;
		this.http = got.extend({
			headers,
			// Run before every attempt (got calls them again for each retry), before the request
			// and its timeout start: the wait for a turn is not counted against the timeout.
			hooks: {
				beforeRequest: [
					async (request) => this.budget?.take(request.signal as AbortSignal | undefined, request.context['priority'] === 'low' ? 'low' : 'normal'),
				],
				afterResponse: [
					rateLimitHook((limit) => {
						this.lastRateLimit = limit;
						this.budget?.follow(limit);
						options.onRateLimit?.(limit);
					}),
					// A 429 holds every request of the budget for its Retry-After; a 402: new runs are refused.
					(response) => {
						if (response.statusCode === 429) this.budget?.hold(retryAfterMs(response.headers['retry-after']) ?? 0);
						if (response.statusCode === 402) options.onPaymentRequired?.();
						return response;
					},
				],
			},
			responseType: 'text',
			timeout: {request: this.timeoutMs},
			followRedirect: false,
			retry: {
				limit: retries,
				methods: ['GET'],
				statusCodes: [408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524],
				maxRetryAfter: maxDelay,
				calculateDelay: ({attemptCount, error, retryAfter, computedValue}) => {
					// A read of low priority (the balance) is not tried again at once, nor said: it comes round again later.
					if (computedValue === 0 || error.options.context['priority'] === 'low') return 0;
					const delayMs = retryAfter ?? backoffDelay(attemptCount, 500, maxDelay);
					const mapped = this.mapError(error, 'the request');
					const batchId = batchOfUrl(error.options.url);
					options.onRetry?.({
						attempt: attemptCount,
						delayMs,
						error: mapped,
						message: `${mapped.message}, retrying in ${formatSeconds(delayMs)}`,
						...(batchId === undefined ? {} : {batchId}),
					});
					return delayMs;
				},
			},
		});
	}

	/**
	 * Every request from now on waits its turn on `budget` (a single batch's watch that became a
	 * job: the job's requests share one budget, as a job's do from the start).
	 */
	useBudget(budget: RequestBudget): void {
		this.budget = budget;
	}

	/** Turns a cursor (bare token, path or absolute URL) into the URL to request. */
	resolveUrl(path: string, query: Query, cursor?: string | null): URL {
		let url: URL;
		if (cursor && (cursor.startsWith('/') || /^https?:\/\//i.test(cursor))) {
			url = new URL(cursor, this.baseUrl);
			// The key goes only where the user pointed us: a cursor elsewhere is refused.
			if (url.origin !== this.baseUrl.origin) {
				throw new ApiError({kind: 'bad_response', message: `the server sent a cursor for another host (${url.host}): refusing to send the key there`});
			}
		} else {
			url = new URL(path.replace(/^\//, ''), this.baseUrl);
			if (cursor) url.searchParams.set('pq', cursor);
		}
		for (const [key, value] of Object.entries(query)) {
			if (!url.searchParams.has(key)) url.searchParams.set(key, value);
		}
		return url;
	}

	private mapError(error: unknown, what: string): ApiError {
		if (error instanceof ApiError) return error;
		if (error instanceof HTTPError) {
			return errorFromResponse({
				status: error.response.statusCode,
				body: typeof error.response.body === 'string' ? error.response.body : '',
				retryAfterMs: retryAfterMs(error.response.headers['retry-after']),
				what,
				secret: this.apiKey,
			});
		}
		const host = this.baseUrl.host;
		if (error instanceof RequestError) {
			if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') {
				return new ApiError({kind: 'aborted', message: 'request cancelled'});
			}
			if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') {
				return new ApiError({kind: 'timeout', message: `no answer from ${host} within ${formatSeconds(this.timeoutMs)}`});
			}
			return new ApiError({kind: 'network', code: error.code, message: `cannot reach ${host} (${error.code ?? scrub(error.message, this.apiKey, 60)})`});
		}
		if (error instanceof Error && error.name === 'AbortError') {
			return new ApiError({kind: 'aborted', message: 'request cancelled'});
		}
		return new ApiError({kind: 'network', message: `cannot reach ${host}`});
	}

	/**
	 * GET, parse, normalize. An answer identical to the last one for the same URL gives back
	 * the same object without parsing again: polls that bring nothing new cost almost nothing
	 * (no garbage, no comparisons) and the store sees the very same object. Answers are
	 * compared by digest, so the memo never holds a body (which may be megabytes of outputs).
	 * When the server sent an ETag, the next request carries `If-None-Match`; a 304 is the
	 * same answer. `route` names the route for the shaper: a `fields` or `embed` it refuses
	 * (400/422) is dropped, the request sent again, and the route remembered.
	 */
	private async get<T>(route: string, url: URL, what: string, call: CallOptions | undefined, normalize: (raw: unknown) => T, remember = true): Promise<T> {
		let shaped = this.shaper.shape(route, url);
		const dropped: ShapingParam[] = [];
		let body: {text: string; status: number; etag?: string};
		let key: string;
		for (;;) {
			key = shaped.href;
			try {
				body = await this.getBody(shaped, what, call, remember ? this.memo.get(key)?.etag : undefined);
				break;
			} catch (error) {
				const param = isRefusal(error) ? this.shaper.nextToDrop(shaped, error as ApiError) : null;
				if (param === null) throw error;
				dropped.push(param);
				shaped = new URL(shaped);
				shaped.searchParams.delete(param);
			}
		}

		for (const param of dropped) this.shaper.remember(route, param);
		// An export's answer (inputs and outputs) is read once: neither kept nor compared.
		if (!remember) return normalize(this.parse(body.text, body.status));
		const hit = this.memo.get(key);
		if (body.status === 304 && hit) return hit.value as T;
		const digest = createHash('sha256').update(body.text).digest('base64');
		if (hit && hit.digest === digest) {
			hit.etag = body.etag;
			return hit.value as T;
		}
		const value = normalize(this.parse(body.text, body.status));
		this.memo.delete(key);
		this.memo.set(key, {digest, value, etag: body.etag});
		if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
		return value;
	}

	private parse(text: string, status: number): unknown {
		if (text.trimStart().startsWith('<')) {
			throw new ApiError({kind: 'bad_response', status, message: `the server answered with an HTML page (${status})`});
		}
		try {
			return JSON.parse(text) as unknown;
		} catch {
			throw new ApiError({kind: 'bad_response', status, message: `the server sent invalid JSON (${status})`});
		}
	}

	private async getBody(url: URL, what: string, call: CallOptions = {}, etag?: string): Promise<{text: string; status: number; etag?: string}> {
		const request = this.http.get(url, {signal: call.signal, headers: etag ? {'if-none-match': etag} : {}, context: {priority: call.priority ?? 'normal'}});
		const oversize = capBody(request);
		try {
			const response = await request;
			const {statusCode} = response;
			if (statusCode >= 300 && statusCode < 400 && statusCode !== 304)
				throw redirectError(statusCode, response.headers.location, this.baseUrl, this.apiKey);
			this.noteServerDate(response.headers.date);
			const header = response.headers.etag;
			return {text: response.body, status: response.statusCode, etag: typeof header === 'string' && header !== '' ? header : undefined};
		} catch (error) {
			if (call.signal?.aborted) throw new ApiError({kind: 'aborted', message: 'request cancelled'});
			if (oversize()) throw oversizeError();
			throw this.mapError(error, what);
		}
	}

	/**
	 * The server's clock now (epoch ms), or null before an answer with a `Date` header. That
	 * header has 1 s resolution and was written before the answer arrived, so each answer gives
	 * a lower bound of server − local; the largest of the last 30 is within a few ms of the truth
	 * after a few polls (a local clock stepped since then ages out with them).
	 */
	serverNow(localNow: number = Date.now()): number | null {
		return this.clockOffsets.length === 0 ? null : localNow + Math.max(...this.clockOffsets);
	}

	private noteServerDate(header: string | undefined): void {
		const date = Date.parse(header ?? '');
		if (!Number.isFinite(date)) return;
		this.clockOffsets.push(date - Date.now());
		if (this.clockOffsets.length > 30) this.clockOffsets.shift();
	}

	/** `fields`: a projection (e.g. the counters without the lean `items[]`); dropped if the server refuses it. */
	async getBatch(batchId: string, params: Pick<ListParams, 'fields'> = {}, call?: CallOptions): Promise<Batch> {
		const url = this.resolveUrl(`/v1/batches/${encodeURIComponent(batchId)}`, listQuery(params));
		return this.get('batch', url, `batch ${batchId}`, call, (raw) => normalizeBatch(raw, batchId));
	}

	async listItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<BatchItem>> {
		const url = this.resolveUrl(`/v1/batches/${encodeURIComponent(batchId)}/items`, listQuery(params), params.pq);
		return this.get('items', url, `batch ${batchId}`, call, (raw) => normalizePage(raw, normalizeItem, 'the item list'));
	}

	async getItem(batchId: string, itemId: string, params: Pick<ListParams, 'embed' | 'fields'> = {}, call?: CallOptions): Promise<BatchItem> {
		const url = this.resolveUrl(`/v1/batches/${encodeURIComponent(batchId)}/items/${encodeURIComponent(itemId)}`, listQuery(params));
		return this.get('item', url, `item ${itemId}`, call, (raw) => normalizeItem(raw));
	}

	/** A page of items with their `input` and `output` (api/export.ts): for files, never for the screen; no copy kept. */
	async listExportItems(batchId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<ExportItem>> {
		const url = this.resolveUrl(`/v1/batches/${encodeURIComponent(batchId)}/items`, listQuery(params), params.pq);
		return this.get(
			'items',
			url,
			`batch ${batchId}`,
			call,
			(raw) => normalizePage(raw, (item, index) => normalizeExportItem(item, batchId, index), 'the item list'),
			false,
		);
	}

	/** One item with its `input` and `output` (api/export.ts); no copy kept. */
	async getExportItem(batchId: string, itemId: string, params: Pick<ListParams, 'fields'> = {}, call?: CallOptions): Promise<ExportItem> {
		const url = this.resolveUrl(`/v1/batches/${encodeURIComponent(batchId)}/items/${encodeURIComponent(itemId)}`, listQuery(params));
		return this.get('item', url, `item ${itemId}`, call, (raw) => normalizeExportItem(raw, batchId), false);
	}

	async getRun(runId: string, call?: CallOptions): Promise<Run> {
		const url = this.resolveUrl(`/v1/runs/${encodeURIComponent(runId)}`, {});
		return this.get('run', url, `run ${runId}`, call, (raw) => normalizeRun(raw, runId));
	}

	async listRunLogs(runId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<LogLine>> {
		const url = this.resolveUrl(`/v1/runs/${encodeURIComponent(runId)}/logs`, listQuery(params), params.pq);
		return this.get('logs', url, `run ${runId}`, call, (raw) => normalizePage(raw, normalizeLogLine, 'the run logs'));
	}

	async listNodeRuns(runId: string, params: ListParams = {}, call?: CallOptions): Promise<Page<NodeRun>> {
		const url = this.resolveUrl(`/v1/runs/${encodeURIComponent(runId)}/node-runs`, listQuery(params), params.pq);
		return this.get('node-runs', url, `run ${runId}`, call, (raw) => normalizePage(raw, normalizeNodeRun, 'the node runs'));
	}

	/** Creates and dispatches a batch (api/writes.ts: one Idempotency-Key for every attempt; CreateBatchErrors). */
	async createBatch(model: ModelRef, body: CreateBatchBody, options: CreateBatchOptions): Promise<Batch> {
		return sendCreate(
			model,
			body,
			options,
			async (path, init) => {
				// The same limits as a read: an answer past MAX_BODY_BYTES is cut, a redirect not followed.
				const request = this.http.post(this.resolveUrl(path, {}), {...init, signal: options.signal, retry: {methods: ['POST']}});
				const oversize = capBody(request);
				try {
					const response = await request;
					const {statusCode} = response;
					if (statusCode >= 300 && statusCode < 400) throw redirectError(statusCode, response.headers.location, this.baseUrl, this.apiKey);
					this.noteServerDate(response.headers.date);
					return normalizeBatch(this.parse(response.body, statusCode), '');
				} catch (error) {
					if (oversize()) throw oversizeError();
					throw error;
				}
			},
			(error, what) => (options.signal?.aborted ? new ApiError({kind: 'aborted', message: 'request cancelled'}) : this.mapError(error, what)),
		);
	}

	/** The organization's balance (api/billing.ts), or null when the key may not read it or there is no such route (401/403/404). */
	async getBalance(call?: CallOptions): Promise<Balance | null> {
		return this.get('balance', this.resolveUrl('/v1/billing/balance', {}), 'the balance', call, normalizeBalance).catch((error: unknown) => {
			if (isApiError(error) && [401, 403, 404].includes(error.status ?? 0)) return null;
			throw error;
		});
	}
}
