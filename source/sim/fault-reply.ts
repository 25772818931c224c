// The reply an injected fault (faults.ts) makes in place of the API's answer: an error status, a
// 429, an HTML page, a redirect, half a JSON body; or none at all (a body without end, an answer
// lost after the work was done).
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {FieldError} from './errors.js';
import {htmlPage, sendHuge, STATUS_CODES, type Fault} from './faults.js';

export interface Reply {
	status: number;
	body: string;
	headers?: Record<string, string>;
	contentType?: string;
}

/** An error reply in the configured style (server.ts). */
export type ErrorReply = (status: number, code: string, message: string, errors?: FieldError[], headers?: Record<string, string>) => Reply;

export interface FaultIo {
	req: IncomingMessage;
	res: ServerResponse;
	clock: () => number;
	error: ErrorReply;
	/** The API's own answer to the request (its work done). */
	respond: () => Reply;
}

/**
 * The reply `fault` makes, 'answered' when it took the answer over itself (or dropped it), or
 * undefined when it makes none (no fault): the request is answered as usual.
 */
export function faultReply(fault: Fault | undefined, {req, res, clock, error, respond}: FaultIo): Reply | 'answered' | undefined {
	switch (fault?.kind) {
		case 'status': {
			return error(fault.status, STATUS_CODES[fault.status], `Upstream answered ${fault.status}`);
		}

		case 'rate_limit': {
			const headers = fault.retryAfterSeconds === undefined ? undefined : {'retry-after': String(fault.retryAfterSeconds)};
			return error(429, 'RATE_LIMITED', 'Rate limit exceeded for this organization', [], headers);
		}

		case 'html': {
			return {status: fault.status, body: htmlPage(fault.status), contentType: 'text/html'};
		}

		case 'unauthorized': {
			return error(401, 'UNAUTHORIZED', 'API key has been revoked');
		}

		case 'huge': {
			sendHuge(res, fault.bytes, {date: new Date(clock()).toUTCString()});
			return 'answered';
		}

		case 'refuse': {
			const field = fault.field ?? 'pq';
			return error(fault.status, 'VALIDATION_ERROR', `Invalid ${field}`, [{field, message: field === 'pq' ? 'is not a valid cursor' : 'is not valid'}]);
		}

		case 'redirect': {
			return {status: fault.status, body: htmlPage(fault.status), contentType: 'text/html', headers: {location: fault.location}};
		}

		case 'invalid_json': {
			const full = respond().body;
			// Any strict prefix of a JSON object is invalid JSON.
			return {status: 200, body: full.slice(0, Math.max(1, Math.floor(full.length / 2)))};
		}

		case 'lost_answer': {
			respond(); // The work is done; the answer never arrives.
			req.socket.destroy();
			return 'answered';
		}

		default: {
			return undefined;
		}
	}
}
