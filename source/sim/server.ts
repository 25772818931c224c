// The simulated Runflow API: a real HTTP server on 127.0.0.1 (node:http, no framework).
// Order of checks per request: fault injection → rate limit (429, when configured) → auth (401)
// → organization (403) → method (405) → route (404/422/…; the create route: writes.ts). All
// bodies are JSON (content-type application/json) except the `html` fault (fault-reply.ts).

import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {balanceRoute, Billing, type BalanceRoute, type BillingOptions} from './billing.js';
import type {CursorStyle} from './cursor.js';
import {DEMO_API_KEY, demoBatchSpec} from './demo.js';
import {errorBody, SimError, type ErrorStyle, type FieldError} from './errors.js';
import {faultReply, type Reply} from './fault-reply.js';
import {FaultQueue, type Fault, type FaultControl} from './faults.js';
import {BatchModel} from './model.js';
import type {BatchSpec} from './plan.js';
import {RateWindow, type RateLimitOptions} from './ratelimit.js';
import {MAX_BODY_BYTES, readBody} from './request.js';
import {handle, routeKey} from './routes.js';
import {etagOf, notModified, refusedParameter, type ShapingOptions} from './shaping.js';
import {countRequest, makeStats, type RouteStats, type SimStats} from './stats.js';
import {DEFAULT_MODELS, Writes, type SimModel} from './writes.js';

export type {BatchSpec} from './plan.js';
export type {Fault, FaultControl} from './faults.js';
export type {BillingOptions} from './billing.js';
export type {RateLimitOptions} from './ratelimit.js';
export type {RouteStats, SimStats} from './stats.js';
export type {SimModel} from './writes.js';

export interface SimOptions extends ShapingOptions {
	port?: number;
	apiKey?: string;
	orgId?: string;
	clock?: () => number;
	batches?: BatchSpec[];
	cursorStyle?: CursorStyle;
	legacyCursorNames?: boolean;
	errorStyle?: ErrorStyle;
	/** List parameters answered with 422 (e.g. ['q', 'sort_by']: a server without filters or sorting). */
	refuseParams?: readonly string[];
	/** Told of every request as it arrives (path and query), e.g. to time them. */
	onRequest?: (pathAndQuery: string) => void;
	/** The models a batch may be created for (default demo/vision-large); any other answers 404. */
	models?: readonly SimModel[];
	/** The organization's balance (billing.ts). Without it the balance route answers 404 and credit never runs out. */
	billing?: BillingOptions;
	/** What the key may not do: create batches (401/403), read the balance (401/403/404). */
	denied?: {createBatch?: 401 | 403; balance?: BalanceRoute};
	/** A per-window request limit with X-RateLimit-* headers (ratelimit.ts); off by default. */
	rateLimit?: RateLimitOptions;
}

export interface Simulator {
	url: string;
	port: number;
	apiKey: string;
	faults: FaultControl;
	stats: SimStats;
	/** Ids of the batches created through the create route, oldest first. */
	created: readonly string[];
	close(): Promise<void>;
}

interface Exchange {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	/** null: over MAX_BODY_BYTES. */
	body: string | null;
	fault: Fault | undefined;
	stat: RouteStats;
}

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
	const clock = options.clock ?? Date.now;
	const apiKey = options.apiKey ?? DEMO_API_KEY;
	const errorStyle = options.errorStyle ?? 'standard';
	const created = clock();
	const models = new Map<string, BatchModel>();
	const billing = options.billing ? new Billing(options.billing, created, () => models.values()) : undefined;
	const add = (spec: BatchSpec, at: number): BatchModel => {
		const model = new BatchModel(spec, at, billing);
		models.set(spec.id, model);
		billing?.invalidate();
		return model;
	};

	for (const spec of options.batches ?? [demoBatchSpec()]) {
		add(spec, created);
	}

	const writes = new Writes(options.models ?? DEFAULT_MODELS, {add, canPay: (now) => billing?.canPay(now) ?? true, denied: options.denied?.createBatch});
	const rate = options.rateLimit ? new RateWindow(options.rateLimit, created) : undefined;
	const faults = new FaultQueue();
	const sockets = new Set<Socket>();
	const stats = makeStats();
	let origin = '';
	const refuse = new Set(options.refuseParams ?? []);

	const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({status, body: JSON.stringify(body), headers});
	const error = (status: number, code: string, message: string, errors: FieldError[] = [], headers?: Record<string, string>): Reply =>
		json(status, errorBody(errorStyle, code, message, errors), headers);

	function route(req: IncomingMessage, url: URL, body: string): Reply {
		const segments = url.pathname.replace(/\/+$/, '').split('/').slice(1);
		if (segments[0] === 'v1' && segments[1] === 'models' && segments.length === 5 && segments[4] === 'batches') {
			if (req.method !== 'POST') {
				return error(405, 'METHOD_NOT_ALLOWED', `Method ${req.method ?? ''} not allowed`, [], {allow: 'POST'});
			}

			const key = req.headers['idempotency-key'];
			return writes.create(
				segments.map((part) => decodeURIComponent(part)),
				body,
				typeof key === 'string' ? key : undefined,
				clock(),
			);
		}

		if (req.method !== 'GET') {
			return error(405, 'METHOD_NOT_ALLOWED', `Method ${req.method ?? ''} not allowed`, [], {allow: 'GET'});
		}

		if (url.pathname.replace(/\/+$/, '') === '/v1/billing/balance') {
			return json(200, balanceRoute(billing, options.denied?.balance, clock()));
		}

		const refused = refusedParameter(options, url);
		if (refused) {
			return error(refused.status, refused.code, refused.message, refused.errors);
		}

		const list = {cursorStyle: options.cursorStyle ?? 'token', legacyCursorNames: options.legacyCursorNames === true, origin, refuse};
		return json(200, handle(url, {models, now: clock(), list}));
	}

	function respond(req: IncomingMessage, url: URL, body: string | null): Reply {
		const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
		if (auth?.[1] !== apiKey) {
			return error(401, 'UNAUTHORIZED', 'Invalid or missing API key');
		}

		const org = req.headers['x-organization-id'];
		if (options.orgId !== undefined && org !== undefined && org !== options.orgId) {
			return error(403, 'ORGANIZATION_MEMBERSHIP_REQUIRED', `You are not a member of organization ${String(org)}`);
		}

		if (body === null) {
			return error(413, 'PAYLOAD_TOO_LARGE', `The request body is over ${MAX_BODY_BYTES} bytes`);
		}

		try {
			return route(req, url, body);
		} catch (error_: unknown) {
			if (error_ instanceof SimError) {
				return error(error_.status, error_.code, error_.message, error_.errors);
			}

			return error(500, 'INTERNAL_ERROR', error_ instanceof Error ? error_.message : 'Internal error');
		}
	}

	function onRequest(req: IncomingMessage, res: ServerResponse): void {
		const raw = req.url ?? '/';
		let url: URL;
		try {
			url = new URL(raw, 'http://127.0.0.1');
		} catch {
			url = new URL('http://127.0.0.1/');
		}

		const stat = countRequest(stats, routeKey(req.method ?? 'GET', url.pathname), raw);
		options.onRequest?.(raw);
		const fault = faults.take(raw);
		if (fault?.kind === 'hang') {
			req.resume();
			return; // Sockets are destroyed by close().
		}

		if (fault?.kind === 'reset') {
			req.socket.destroy();
			return;
		}

		void readBody(req).then(
			(body) => {
				answer({req, res, url, body, fault, stat});
			},
			() => {
				req.socket.destroy();
			},
		);
	}

	function answer({req, res, url, body, fault, stat}: Exchange): void {
		const limited = rate?.hit(clock());
		const faulted = faultReply(fault, {req, res, clock, error, respond: () => respond(req, url, body)});
		if (faulted === 'answered') return;
		let reply =
			faulted ??
			(limited?.over
				? error(429, 'RATE_LIMITED', 'Rate limit exceeded for this organization', [], {'retry-after': String(limited.retryAfterSeconds)})
				: respond(req, url, body));

		if (options.etags === true && reply.status === 200 && fault === undefined) {
			const etag = etagOf(reply.body);
			const same = notModified(req.headers['if-none-match'], etag);
			if (same) stats.notModified++;
			reply = same ? {status: 304, body: '', headers: {etag}} : {...reply, headers: {...reply.headers, etag}};
		}

		const bytes = Buffer.byteLength(reply.body);
		stats.bytesOut += bytes;
		stat.bytesOut += bytes;
		res.writeHead(reply.status, {
			// The server's clock, as every HTTP server sends it (RFC 9110), on the simulator's clock.
			date: new Date(clock()).toUTCString(),
			'content-type': reply.contentType ?? 'application/json',
			'content-length': String(bytes),
			...limited?.headers,
			...reply.headers,
		});
		res.end(reply.body);
	}

	const server = createServer(onRequest);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const {port} = server.address() as AddressInfo;
	origin = `http://127.0.0.1:${port}`;

	let closing: Promise<void> | undefined;
	return {
		url: origin,
		port,
		apiKey,
		faults,
		stats,
		created: writes.created,
		close() {
			closing ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) {
					socket.destroy();
				}
			});
			return closing;
		},
	};
}
