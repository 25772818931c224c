// One flag's value, checked: numbers, durations, amounts, the base URL, a model; each refused with
// a one-line usage error that says what it takes. Shared by the watch's flags (args.ts) and
// `resubmit`'s (resubmit-args.ts).
import {isIP} from 'node:net';
import {DEFAULT_BASE_URL} from '../api/client.js';
import {parseModelRef, type ModelRef} from '../api/writes.js';
import {parseMoney, type Money} from '../lib/money.js';
import {usageError} from '../modes/exit-codes.js';
import {quote} from './batches-file.js';

/** --max-rps when not given: see the readme (*A whole job*) for why. */
export const DEFAULT_MAX_RPS = 1;
/** The slowest --max-rps: one request every 100 s (slower, a batch's figures would be older than any use). */
export const MIN_MAX_RPS = 0.01;

export function numberFlag(raw: unknown, name: string, what: string): number | undefined {
	if (raw === undefined) return undefined;
	const text = String(raw).trim();
	const value = Number(text);
	if (text === '' || !Number.isFinite(value)) throw usageError(`${name} takes ${what}, not "${text.slice(0, 40)}"`);
	return value;
}

/** '90s', '30m', '2h', '1h30m', '500ms', '1d' → milliseconds; null for anything else (a bare number too: see parseTimeout). */
export function parseDuration(text: string): number | null {
	const trimmed = text.trim().toLowerCase();
	const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};
	const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
	if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return null;
	return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
}

/** --timeout: a duration with its unit. A bare number is refused with the forms it could mean (90 seconds? minutes?). */
export function parseTimeout(raw: string): number {
	const text = raw.trim();
	const shown = quote(text, 20);
	const negative = text.startsWith('-');
	const body = negative ? text.slice(1) : text;
	const bare = /^\d+(\.\d+)?$/.test(body);
	if (bare && !negative) throw usageError(`--timeout needs a unit: ${body}s, ${body}m or ${body}h, not ${shown}`);
	const parsed = bare ? Number(body) : parseDuration(body);
	if (parsed === null) throw usageError(`--timeout takes a duration like 90s, 30m, 2h or 1h30m, not ${shown}`);
	if (negative || parsed === 0) throw usageError(`--timeout must be above 0 (a duration like 90s, 30m or 2h), not ${shown}`);
	return parsed;
}

/** --max-cost: an amount in USD above 0 (a leading $ allowed), in nano-dollars. */
export function parseMaxCost(given: unknown): Money {
	const raw = String(given).trim().replace(/^\$/, '');
	const maxCost = /^\d+(?:\.\d+)?$|^\.\d+$/.test(raw) ? parseMoney(raw) : null;
	if (maxCost === null || maxCost <= 0n) throw usageError(`--max-cost takes an amount in USD above 0, like 5 or 12.50, not "${String(given).slice(0, 20)}"`);
	return maxCost;
}

/**
 * Plain http goes only to this machine: an IPv4 literal in 127.0.0.0/8, [::1], or exactly
 * `localhost`. `hostname` is the URL parser's, which has already turned every other spelling of
 * an IPv4 address (2130706433, 0x7f.1, 127.1, 0177.0.0.1) into dotted decimal: that literal is
 * what the client connects to, with no name looked up. Any other name (127.0.0.1.nip.io,
 * 127.evil.example, localhost.evil.com, `localhost.`) is resolved by DNS, which whoever owns the
 * name controls: never trusted with the key in cleartext.
 */
export function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/** The API's own prefix: a base URL given with it (https://api.runflow.io/v1) is taken without it (every route adds it). */
const API_PREFIX = /\/v1\/?$/i;

export function checkBaseUrl(raw: string): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw usageError(`--base-url is not a URL: ${quote(raw, 60)} (e.g. ${DEFAULT_BASE_URL})`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError(`--base-url must be http(s), not ${url.protocol}`);
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw usageError(
			`refusing to send the API key over plain http to ${quote(url.host, 60)}: use https (plain http only to 127.0.0.1, [::1] or localhost)`,
		);
	}
	if (url.username || url.password) throw usageError('--base-url must not carry a user or password');
	url.pathname = url.pathname.replace(API_PREFIX, '/');
	return url.toString().replace(/\/$/, '');
}

/** --model (the watch's and `resubmit`'s): owner/slug, or a usage error saying so. */
export function parseModelFlag(raw: string): ModelRef {
	const model = parseModelRef(raw);
	if (!model) throw usageError(`--model takes owner/slug (letters, digits, . _ -), not ${quote(raw, 60)}`);
	return model;
}
