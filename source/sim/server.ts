// The simulated Runflow API: a real HTTP server on 127.0.0.1 (node:http, no framework).
// Order of checks per request: fault injection → auth (401) → organization (403) →
// method (405) → route (404/422/…). All bodies are JSON (content-type application/json)
// except the `html` fault.

import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import type {CursorStyle} from './cursor.js';
import {DEMO_API_KEY, demoBatchSpec} from './demo.js';
import {errorBody, SimError, type ErrorStyle, type FieldError} from './errors.js';
import {FaultQueue, htmlPage, sendHuge, STATUS_CODES, type FaultControl} from './faults.js';
import {BatchModel} from './model.js';
import type {BatchSpec} from './plan.js';
import {handle, routeKey} from './routes.js';
import {etagOf, notModified, refusedParameter, type ShapingOptions} from './shaping.js';

export type {BatchSpec} from './plan.js';
export type {Fault, FaultControl} from './faults.js';

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
}

export interface RouteStats {
	requests: number;
	bytesOut: number;
}

export interface SimStats {
	requests: number;
	bytesOut: number;
	byRoute: Record<string, RouteStats>;
	/** Path and query of the last requests (at most LOG_SIZE), oldest first. */
	urls: string[];
	/** 304s sent (the `etags` option). */
	notModified: number;
	reset(): void;
}

export interface Simulator {
	url: string;
	port: number;
	apiKey: string;
	faults: FaultControl;
	stats: SimStats;
	close(): Promise<void>;
}

/** Requests kept in stats.log. */
const LOG_SIZE = 2000;

interface Reply {
	status: number;
	body: string;
	headers?: Record<string, string>;
	contentType?: string;
}

export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
	const clock = options.clock ?? Date.now;
	const apiKey = options.apiKey ?? DEMO_API_KEY;
	const errorStyle = options.errorStyle ?? 'standard';
	const created = clock();
	const models = new Map<string, BatchModel>();
	for (const spec of options.batches ?? [demoBatchSpec()]) {
		models.set(spec.id, new BatchModel(spec, created));
	}

	const faults = new FaultQueue();
	const sockets = new Set<Socket>();
	const stats: SimStats = {
		requests: 0,
		bytesOut: 0,
		byRoute: {},
		urls: [],
		notModified: 0,
		reset() {
			stats.requests = 0;
			stats.bytesOut = 0;
			stats.urls = [];
			stats.notModified = 0;
			for (const key of Object.keys(stats.byRoute)) {
				delete stats.byRoute[key];
			}
		},
	};
	let origin = '';
	const refuse = new Set(options.refuseParams ?? []);

	const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({status, body: JSON.stringify(body), headers});
	const error = (status: number, code: string, message: string, errors: FieldError[] = [], headers?: Record<string, string>): Reply =>
		json(status, errorBody(errorStyle, code, message, errors), headers);

	function respond(req: IncomingMessage, url: URL): Reply {
		const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
		if (auth?.[1] !== apiKey) {
			return error(401, 'UNAUTHORIZED', 'Invalid or missing API key');
		}

		const org = req.headers['x-organization-id'];
		if (options.orgId !== undefined && org !== undefined && org !== options.orgId) {
			return error(403, 'ORGANIZATION_MEMBERSHIP_REQUIRED', `You are not a member of organization ${String(org)}`);
		}

		if (req.method !== 'GET') {
			return error(405, 'METHOD_NOT_ALLOWED', `Method ${req.method ?? ''} not allowed`, [], {allow: 'GET'});
		}

		const refused = refusedParameter(options, url);
		if (refused) {
			return error(refused.status, refused.code, refused.message, refused.errors);
		}

		try {
			const list = {cursorStyle: options.cursorStyle ?? 'token', legacyCursorNames: options.legacyCursorNames === true, origin, refuse};
			return json(200, handle(url, {models, now: clock(), list}));
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

		const key = routeKey(req.method ?? 'GET', url.pathname);
		const route = (stats.byRoute[key] ??= {requests: 0, bytesOut: 0});
		stats.requests++;
		route.requests++;
		options.onRequest?.(raw);
		stats.urls.push(raw);
		if (stats.urls.length > LOG_SIZE) stats.urls.splice(0, stats.urls.length - LOG_SIZE);
		req.resume();

		const fault = faults.take(raw);
		let reply: Reply;
		switch (fault?.kind) {
			case 'hang': {
				return; // Sockets are destroyed by close().
			}

			case 'reset': {
				req.socket.destroy();
				return;
			}

			case 'status': {
				reply = error(fault.status, STATUS_CODES[fault.status], `Upstream answered ${fault.status}`);
				break;
			}

			case 'rate_limit': {
				const headers = fault.retryAfterSeconds === undefined ? undefined : {'retry-after': String(fault.retryAfterSeconds)};
				reply = error(429, 'RATE_LIMITED', 'Rate limit exceeded for this organization', [], headers);
				break;
			}

			case 'html': {
				reply = {status: fault.status, body: htmlPage(fault.status), contentType: 'text/html'};
				break;
			}

			case 'unauthorized': {
				reply = error(401, 'UNAUTHORIZED', 'API key has been revoked');
				break;
			}

			case 'huge': {
				sendHuge(res, fault.bytes, {date: new Date(clock()).toUTCString()});
				return;
			}

			case 'refuse': {
				const field = fault.field ?? 'pq';
				reply = error(fault.status, 'VALIDATION_ERROR', `Invalid ${field}`, [{field, message: field === 'pq' ? 'is not a valid cursor' : 'is not valid'}]);
				break;
			}

			case 'redirect': {
				reply = {status: fault.status, body: htmlPage(fault.status), contentType: 'text/html', headers: {location: fault.location}};
				break;
			}

			case 'invalid_json': {
				const full = respond(req, url).body;
				// Any strict prefix of a JSON object is invalid JSON.
				reply = {status: 200, body: full.slice(0, Math.max(1, Math.floor(full.length / 2)))};
				break;
			}

			default: {
				reply = respond(req, url);
			}
		}

		if (options.etags === true && reply.status === 200 && fault === undefined) {
			const etag = etagOf(reply.body);
			const same = notModified(req.headers['if-none-match'], etag);
			if (same) stats.notModified++;
			reply = same ? {status: 304, body: '', headers: {etag}} : {...reply, headers: {...reply.headers, etag}};
		}

		const bytes = Buffer.byteLength(reply.body);
		stats.bytesOut += bytes;
		route.bytesOut += bytes;
		res.writeHead(reply.status, {
			// The server's clock, as every HTTP server sends it (RFC 9110), on the simulator's clock.
			date: new Date(clock()).toUTCString(),
			'content-type': reply.contentType ?? 'application/json',
			'content-length': String(bytes),
			...reply.headers,
		});
		res.end(reply.body);
	}

	const server = createServer(onRequest);
	server.on('connection', socket => {
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
		close() {
			closing ??= new Promise<void>(resolve => {
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
