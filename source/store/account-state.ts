// The organization's side of the watch as the store holds it (account.ts has the actions).
import type {LimitsShown} from '../lib/limits.js';

/** The balance as last read. */
export interface BalanceShown {
	/** An exact decimal string ('12.40'), or null when the answer held none we could read. */
	amount: string | null;
	/** ISO 4217 ('USD'). */
	currency: string;
	/** `low_balance_threshold`, when sent. */
	lowThreshold: string | null;
	/** When it was read (ms epoch). */
	readAt: number;
}

export interface AccountState {
	/** What the budget follows of the server's stated limit, or null (none stated). */
	limits: LimitsShown | null;
	/** 'unknown' before the first read (or when reads fail), 'hidden' when the key may not read it. */
	balance: BalanceShown | 'unknown' | 'hidden';
	/** When a 402 (insufficient credit) was last answered, by any route, or null. */
	refusedAt: number | null;
}

export function initialAccount(): AccountState {
	return {limits: null, balance: 'unknown', refusedAt: null};
}
