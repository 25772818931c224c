// The Runflow API client. Knows HTTP and the API's shapes; nothing of React or the store.
import {createHash} from 'node:crypto';
import type {Got} from 'got';
import type {Priority, RequestBudget} from './budget.js';
import {normalizeBalance, type Balance} from './billing.js';
import {ApiError, formatSeconds, isApiError, redirectError} from './errors.js';
import {createHttp} from './http.js';
import {capBody, oversizeError} from './limits.js';
import {normalizeBatch, normalizeItem, normalizeLogLine, normalizeNodeRun, normalizePage, normalizeRun} from './normalize.js';
import {normalizeExportItem, type ExportItem} from './export.js';
import {isRefusal, RequestShaper, type ShapingParam} from './shaping.js';
import type {RateLimit} from './ratelimit.js';
import {parseAnswer, requestError} from './request-errors.js';
import {ServerClock} from './server-clock.js';
import {listQuery, requestUrl, type Query} from './urls.js';
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

export class RunflowClient {
	readonly baseUrl: URL;
	private readonly http: Got;
	private readonly apiKey: string;
	private readonly timeoutMs: number;
	private readonly memo = new Map<string, {digest: string; value: unknown; etag?: string}>();
	/** `fields` / `embed` a route refused: left out of its requests from then on (shaping.ts). */
	readonly shaper = new RequestShaper();
	/** The server's clock, from the `Date` header of each answer (server-clock.ts). */
	private readonly clock = new ServerClock();
	/** The X-RateLimit-* headers of the latest answer that carried them, or null (none seen). */
	lastRateLimit: RateLimit | null = null;
	/** The request budget every request waits on (useBudget), or none. */
	private budget: RequestBudget | undefined;

	constructor(options: ClientOptions) {
		this.apiKey = options.apiKey;
		this.timeoutMs = options.timeoutMs ?? 10_000;
		const base = options.baseUrl ?? DEFAULT_BASE_URL;
		this.baseUrl = new URL(base.endsWith('/') ? base : `${base}/`);
		this.budget = options.budget;
		this.http = createHttp({
			apiKey: options.apiKey,
			orgId: options.orgId,
			userAgent: options.userAgent,
			timeoutMs: this.timeoutMs,
			retries: options.retries ?? 2,
			maxDelayMs: options.maxRetryDelayMs ?? 8_000,
			budget: () => this.budget,
			onRateLimit: (limit) => {
				this.lastRateLimit = limit;
				this.budget?.follow(limit);
				options.onRateLimit?.(limit);
			},
			onPaymentRequired: () => options.onPaymentRequired?.(),
			onRetry: (attempt, delayMs, error, batchId) => {
				const mapped = this.mapError(error, 'the request');
				options.onRetry?.({
					attempt,
					delayMs,
					error: mapped,
					message: `${mapped.message}, retrying in ${formatSeconds(delayMs)}`,
					...(batchId === undefined ? {} : {batchId}),
				});
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

	/** Turns a cursor (bare token, path or absolute URL) into the URL to request (urls.ts). */
	resolveUrl(path: string, query: Query, cursor?: string | null): URL {
		return requestUrl(this.baseUrl, path, query, cursor);
	}

	private mapError(error: unknown, what: string): ApiError {
		return requestError(error, what, {host: this.baseUrl.host, timeoutMs: this.timeoutMs, secret: this.apiKey});
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
		if (!remember) return normalize(parseAnswer(body.text, body.status));
		const hit = this.memo.get(key);
		if (body.status === 304 && hit) return hit.value as T;
		const digest = createHash('sha256').update(body.text).digest('base64');
		if (hit && hit.digest === digest) {
			hit.etag = body.etag;
			return hit.value as T;
		}
		const value = normalize(parseAnswer(body.text, body.status));
		this.memo.delete(key);
		this.memo.set(key, {digest, value, etag: body.etag});
		if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
		return value;
	}

	private async getBody(url: URL, what: string, call: CallOptions = {}, etag?: string): Promise<{text: string; status: number; etag?: string}> {
		const request = this.http.get(url, {signal: call.signal, headers: etag ? {'if-none-match': etag} : {}, context: {priority: call.priority ?? 'normal'}});
		const oversize = capBody(request);
		try {
			const response = await request;
			const {statusCode} = response;
			if (statusCode >= 300 && statusCode < 400 && statusCode !== 304)
				throw redirectError(statusCode, response.headers.location, this.baseUrl, this.apiKey);
			this.clock.note(response.headers.date);
			const header = response.headers.etag;
			return {text: response.body, status: response.statusCode, etag: typeof header === 'string' && header !== '' ? header : undefined};
		} catch (error) {
			if (call.signal?.aborted) throw new ApiError({kind: 'aborted', message: 'request cancelled'});
			if (oversize()) throw oversizeError();
			throw this.mapError(error, what);
		}
	}

	/** The server's clock now (epoch ms), or null before an answer with a `Date` header (server-clock.ts). */
	serverNow(localNow: number = Date.now()): number | null {
		return this.clock.now(localNow);
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
					this.clock.note(response.headers.date);
					return normalizeBatch(parseAnswer(response.body, statusCode), '');
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
