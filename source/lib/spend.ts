// What the batch costs: spent so far (exact), the average per finished item, and the total it
// heads for, an estimate until enough items finished. Money stays in nano-dollars (money.ts). Pure.
import type {Money} from './money.js';

/** The projection is an estimate (and not used for --max-cost) until this many items finished, or this share of them. */
export const MIN_PROJECTION_ITEMS = 5;
export const MIN_PROJECTION_SHARE = 0.05;

export interface Spend {
	spent: Money | null;
	/** spent / finished, or null before any item finished. */
	average: Money | null;
	/** average × total (spent once every item finished), or null. */
	projected: Money | null;
	/** The projection is still a guess (shown with '~'). */
	estimate: boolean;
	/** Enough items finished for the projection to count (for --max-cost). */
	meaningful: boolean;
}

/** a / b rounded half up, for non-negative b > 0. */
function divide(a: Money, b: bigint): Money {
	const negative = a < 0n;
	const magnitude = negative ? -a : a;
	const q = magnitude / b;
	const rounded = (magnitude % b) * 2n >= b ? q + 1n : q;
	return negative ? -rounded : rounded;
}

export function estimateSpend(spent: Money | null, finished: number, total: number): Spend {
	const done = Math.max(0, Math.floor(finished));
	const all = Math.max(done, Math.floor(total));
	if (spent === null) return {spent, average: null, projected: null, estimate: true, meaningful: false};
	if (done >= all && all > 0) return {spent, average: divide(spent, BigInt(all)), projected: spent, estimate: false, meaningful: true};
	if (done === 0) return {spent, average: null, projected: null, estimate: true, meaningful: false};
	const average = divide(spent, BigInt(done));
	const meaningful = done >= Math.min(all, Math.max(MIN_PROJECTION_ITEMS, Math.ceil(all * MIN_PROJECTION_SHARE)));
	// Never below what is already spent (running items may have costs of their own).
	const scaled = divide(spent * BigInt(all), BigInt(done));
	const projected = scaled > spent ? scaled : spent;
	return {spent, average, projected, estimate: true, meaningful};
}

/** Which figure passes `max`: what is spent, else the projection once it is meaningful; null when neither (or no limit). */
export function overBudget(spend: Spend, max: Money | null): 'spent' | 'projected' | null {
	if (max === null) return null;
	if (spend.spent !== null && spend.spent > max) return 'spent';
	if (spend.meaningful && spend.projected !== null && spend.projected > max) return 'projected';
	return null;
}
