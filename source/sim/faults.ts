// Fault injection: what a flaky network, proxy or API can do to a request.

import type {ServerResponse} from 'node:http';

export type Fault =
	| {kind: 'status'; status: 500 | 502 | 503} // JSON error body in the configured style
	| {kind: 'rate_limit'; retryAfterSeconds?: number} // 429 {code:'RATE_LIMITED'}, Retry-After only when given
	| {kind: 'hang'} // never answers (until close())
	| {kind: 'reset'} // destroys the socket
	| {kind: 'invalid_json'} // 200 with a truncated JSON body
	| {kind: 'html'; status: number} // an nginx-like HTML error page, content-type text/html
	| {kind: 'unauthorized'} // 401 as for a revoked key
	| {kind: 'lost_answer'} // the request is handled (a batch is created), then the socket is destroyed before any answer
	| {kind: 'huge'; bytes?: number} // 200 with a JSON body of `bytes` (Content-Length sent), or without end when absent (chunked)
	| {kind: 'refuse'; status: 400 | 422; field?: string} // the API refusing the request (a cursor it does not take: field 'pq')
	| {kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string}; // a redirect, to another host or not

export interface FaultControl {
	/** Apply `fault` to the next `count` requests (default 1) whose path matches `route` (a substring or RegExp; default all). Queued faults apply in order. */
	inject(fault: Fault, options?: {count?: number; route?: string | RegExp}): void;
	/** Apply to every request until clear(). */
	always(fault: Fault, options?: {route?: string | RegExp}): void;
	clear(): void;
}

interface Entry {
	fault: Fault;
	remaining: number;
	route: string | RegExp | undefined;
}

function matches(route: string | RegExp | undefined, path: string): boolean {
	if (route === undefined) {
		return true;
	}

	if (typeof route === 'string') {
		return path.includes(route);
	}

	route.lastIndex = 0;
	return route.test(path);
}

/** Queued faults first (the earliest matching entry), then permanent ones. */
export class FaultQueue implements FaultControl {
	private queue: Entry[] = [];
	private permanent: Entry[] = [];

	inject(fault: Fault, options: {count?: number; route?: string | RegExp} = {}): void {
		const count = options.count ?? 1;
		if (count > 0) {
			this.queue.push({fault, remaining: count, route: options.route});
		}
	}

	always(fault: Fault, options: {route?: string | RegExp} = {}): void {
		this.permanent.push({fault, remaining: Number.POSITIVE_INFINITY, route: options.route});
	}

	clear(): void {
		this.queue = [];
		this.permanent = [];
	}

	/** The fault for a request to `path` (path and query), consuming one use of a queued fault. */
	take(path: string): Fault | undefined {
		const index = this.queue.findIndex((entry) => matches(entry.route, path));
		const entry = this.queue[index];
		if (entry) {
			entry.remaining--;
			if (entry.remaining <= 0) {
				this.queue.splice(index, 1);
			}

			return entry.fault;
		}

		return this.permanent.find((e) => matches(e.route, path))?.fault;
	}
}

const REASONS: Record<number, string> = {
	301: 'Moved Permanently',
	302: 'Found',
	303: 'See Other',
	307: 'Temporary Redirect',
	308: 'Permanent Redirect',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};

export function reason(status: number): string {
	return REASONS[status] ?? 'Error';
}

export function htmlPage(status: number): string {
	const title = `${status} ${reason(status)}`;
	const head = `<html>\r\n<head><title>${title}</title></head>\r\n`;
	const body = `<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n`;
	return `${head}${body}</html>\r\n`;
}

export const STATUS_CODES: Record<500 | 502 | 503, string> = {
	500: 'INTERNAL_ERROR',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
};

/**
 * A 200 whose JSON body weighs `bytes` (sent with its Content-Length), or never ends (`bytes`
 * absent: chunked, until the client goes away). Written as the client reads it (backpressure),
 * so the simulator itself holds one chunk.
 */
export function sendHuge(res: ServerResponse, bytes: number | undefined, headers: Record<string, string>): void {
	const head = '{"items":[],"padding":"';
	const tail = '"}';
	const chunk = 'x'.repeat(64 * 1024);
	let left = bytes === undefined ? Number.POSITIVE_INFINITY : Math.max(0, bytes - head.length - tail.length);
	res.writeHead(200, {
		...headers,
		'content-type': 'application/json',
		...(bytes === undefined ? {} : {'content-length': String(head.length + left + tail.length)}),
	});
	res.write(head);
	const pump = (): void => {
		while (left > 0 && !res.destroyed) {
			const part = left >= chunk.length ? chunk : chunk.slice(0, left);
			left -= part.length;
			if (!res.write(part)) {
				res.once('drain', pump);
				return;
			}
		}
		if (!res.destroyed) res.end(tail);
	};
	pump();
}
