// The server's own rate limit as the request budget follows it (budget.ts): the X-RateLimit-*
// headers (ratelimit.ts) say how many requests are left in the organization's window and when it
// ends. The monitor takes at most half of what is left, spread evenly over the rest of the
// window, so that the user's own work (submitting batches, reading results) keeps the other half;
// and never more than half of what the window held when it was first seen. Pure arithmetic on the
// budget's clock.
import type {RateLimit} from './ratelimit.js';

/** A window whose end the headers do not say is taken to last this long. */
export const DEFAULT_WINDOW_MS = 60_000;
/** The share of what is left that the monitor may use. */
export const MONITOR_SHARE = 0.5;

export interface ServerWindow {
	limit: number;
	/** What the latest answer said is left. */
	remaining: number;
	/** What was left when this window was first seen. */
	startRemaining: number;
	/** Requests granted since this window was first seen. */
	ours: number;
	/** When the window ends, on the budget's clock. */
	endsAt: number;
	/** When it ends, on the local wall clock (epoch ms): for saying so. */
	resetAt: number;
}

/** The window after an answer's headers: the same window told what is left, or a new one. */
export function nextWindow(previous: ServerWindow | null, limit: RateLimit, now: number): ServerWindow {
	const lengthMs = limit.resetAt === null ? null : Math.max(0, limit.resetAt - limit.seenAt);
	const remaining = Math.max(0, Math.min(limit.remaining, limit.limit));
	const same =
		previous !== null &&
		now < previous.endsAt &&
		remaining <= previous.remaining &&
		// A reset stated in seconds from now moves by a second or so between answers; a new window moves it by more.
		(lengthMs === null || Math.abs(now + lengthMs - previous.endsAt) < 2000);
	if (same) return {...previous, limit: limit.limit, remaining};
	const endsAt = now + (lengthMs ?? DEFAULT_WINDOW_MS);
	return {limit: limit.limit, remaining, startRemaining: remaining, ours: 0, endsAt, resetAt: limit.resetAt ?? limit.seenAt + DEFAULT_WINDOW_MS};
}

/** Requests the monitor may still make in the window: half of what is left, and never past half of what it started with. */
export function allowance(window: ServerWindow): number {
	return Math.min(window.startRemaining * MONITOR_SHARE - window.ours, window.remaining * MONITOR_SHARE);
}

/**
 * The earliest the next request may go by the server's window (budget clock), given the last
 * grant: the time left spread over the requests allowed; the window's end when none is.
 * -Infinity when the window asks nothing (none seen, or it ended).
 */
export function windowReadyAt(window: ServerWindow | null, lastGrantAt: number, now: number): number {
	if (!window || now >= window.endsAt) return Number.NEGATIVE_INFINITY;
	const left = allowance(window);
	if (left < 1) return window.endsAt;
	if (!Number.isFinite(lastGrantAt)) return Number.NEGATIVE_INFINITY;
	return lastGrantAt + (window.endsAt - lastGrantAt) / left;
}

/** Requests per second the window allows from `now` (Infinity when it asks nothing; 0 while nothing is allowed). */
export function windowRate(window: ServerWindow | null, now: number): number {
	if (!window || now >= window.endsAt) return Number.POSITIVE_INFINITY;
	const left = allowance(window);
	if (left < 1) return 0;
	return left / Math.max(0.001, (window.endsAt - now) / 1000);
}
