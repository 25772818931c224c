// "The next one, in a direction, wrapping round": the one walk under every f/F and n/N. The
// failures of the batch's lean list (lib/triage.ts pickFailure), of the whole job
// (lib/job-rows.ts pickJobFailure), of the page on screen (session/page-failures.ts), of each
// page the navigator walks (poller/navigator.ts, without wrapping: it goes on to the next page),
// and the log search's hits (lib/log-search.ts stepHit). Each says where it stands and what it
// looks for; this says which item comes next and whether it went round an end to get there. Pure.

export type Direction = 1 | -1;

export interface Match<T> {
	/** The item's index in the list looked through. */
	index: number;
	item: T;
	/** Reached by going round past the last item (forward) or the first (back) to the other end. */
	wrapped: boolean;
}

const any = (): boolean => true;

/**
 * The first item after index `from` in `direction` (1 forward, -1 back) that passes `test`
 * (default: any), going round past the end to the other (unless `wrap` is false) and coming back
 * to `from` itself last, every item looked at once at most. `from` is the index one stands at;
 * one past an end (fromEdge) starts at the other end without wrapping. Null when none passes.
 */
export function nextMatch<T>(items: readonly T[], from: number, direction: Direction, test: (item: T) => boolean = any, {wrap = true} = {}): Match<T> | null {
	const count = items.length;
	for (let step = 1; step <= count; step++) {
		const position = from + direction * step;
		const wrapped = position < 0 || position >= count;
		if (wrapped && !wrap) return null;
		const index = ((position % count) + count) % count;
		const item = items[index]!;
		if (test(item)) return {index, item, wrapped};
	}

	return null;
}

/** Where to stand to start at the first item (forward) or the last (back): one past the other end. */
export function fromEdge(items: readonly unknown[], direction: Direction): number {
	return direction === 1 ? -1 : items.length;
}

/**
 * Where one stands among `items` kept in order, as nextMatch's `from`: just before the first
 * item that `isPast` says lies beyond one's place in `direction` (the last such, going back),
 * so the next is that item; at the far end when none does, so the next wraps round.
 * `isPast` must hold for the items from some point on, in `direction` (an order kept).
 */
export function standingBefore<T>(items: readonly T[], direction: Direction, isPast: (item: T) => boolean): number {
	if (direction === 1) {
		const first = items.findIndex(isPast);
		return (first === -1 ? items.length : first) - 1;
	}

	for (let index = items.length - 1; index >= 0; index--) {
		if (isPast(items[index]!)) return index + 1;
	}

	return 0;
}
