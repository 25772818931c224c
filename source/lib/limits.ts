// The request budget as the header says it when the server states its own limit
// (X-RateLimit-*): 'budget 0.4 rps: 38 of 600 left until 02:15:00'. Pure.
import {formatClock} from './format.js';

export interface LimitsShown {
	/** Requests per second the budget allows now. */
	rate: number;
	limit: number;
	remaining: number;
	/** When the server's window ends (local epoch ms). */
	resetAt: number;
}

/** '5 rps', '1.5 rps', '0.4 rps', '0.05 rps', '0 rps'. */
export function formatRps(rate: number): string {
	if (!(rate > 0) || !Number.isFinite(rate)) return '0 rps';
	const digits = rate >= 10 ? 0 : rate >= 1 ? 1 : rate >= 0.1 ? 2 : 3;
	return `${Number(rate.toFixed(digits))} rps`;
}

/** The header's words, in parts (the numbers change with every answer: drawn apart from the words). */
export function limitsParts(shown: LimitsShown): {text: string; opaque: boolean}[] {
	return [
		{text: 'budget ', opaque: false},
		{text: formatRps(shown.rate), opaque: true},
		{text: ': ', opaque: false},
		{text: String(shown.remaining), opaque: true},
		{text: ` of ${shown.limit} left until `, opaque: false},
		{text: formatClock(shown.resetAt), opaque: true},
	];
}

/**
 * Whether `next` says nothing new on screen beside `shown`: the same rate and window end, and
 * Remaining within a hundredth of the limit (it falls with every answer: the header is not
 * redrawn for each one).
 */
export function sameLimitsShown(shown: LimitsShown | null, next: LimitsShown): boolean {
	if (shown === null) return false;
	return (
		formatRps(shown.rate) === formatRps(next.rate) &&
		formatClock(shown.resetAt) === formatClock(next.resetAt) &&
		shown.limit === next.limit &&
		Math.abs(shown.remaining - next.remaining) < Math.max(1, next.limit / 100)
	);
}
