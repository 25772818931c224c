// How the simulator answers requests that ask for less: a server that refuses `fields` or
// `embed` (422, as some routes of a real API may), and ETags with `If-None-Match` → 304.
// Options of startSimulator (server.ts); the routes themselves project and embed (list.ts).
import {createHash} from 'node:crypto';
import {validationError, type SimError} from './errors.js';

export interface ShapingOptions {
	/** Answer 422 to any request carrying `fields` (true, or only on the routes whose path matches). */
	refuseFields?: boolean | RegExp;
	/** Answer 422 to any request carrying `embed`. */
	refuseEmbed?: boolean | RegExp;
	/** Send an ETag with every 200, and answer 304 to an `If-None-Match` that matches it. */
	etags?: boolean;
}

const refuses = (rule: boolean | RegExp | undefined, path: string): boolean => rule === true || (rule instanceof RegExp && rule.test(path));

/** The 422 for a parameter this server refuses, or null. */
export function refusedParameter(options: ShapingOptions, url: URL): SimError | null {
	if (url.searchParams.has('fields') && refuses(options.refuseFields, url.pathname)) {
		return validationError('fields', 'Unknown query parameter: fields');
	}

	if (url.searchParams.has('embed') && refuses(options.refuseEmbed, url.pathname)) {
		return validationError('embed', 'Unknown query parameter: embed');
	}

	return null;
}

/** A strong ETag of a body. */
export function etagOf(body: string): string {
	return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether `If-None-Match` (a list, or *) names `etag`. */
export function notModified(header: string | string[] | undefined, etag: string): boolean {
	if (header === undefined) return false;
	const text = Array.isArray(header) ? header.join(',') : header;
	return text.split(',').some((tag) => {
		const t = tag.trim();
		return t === '*' || t === etag || t === `W/${etag}`;
	});
}
