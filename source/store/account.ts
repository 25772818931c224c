// The organization's side of the watch, a slice merged into the store: the server's own rate
// limit as the request budget follows it, and the balance (read by poller/balance.ts), with
// whether a 402 said new runs are refused. Knows nothing of HTTP or React.
import {sameLimitsShown, type LimitsShown} from '../lib/limits.js';
import type {AccountState, BalanceShown} from './account-state.js';
import type {Get, Set} from './logs.js';

export {initialAccount, type AccountState, type BalanceShown} from './account-state.js';

export interface AccountActions {
	/** The budget follows a new statement of the server's limit (redrawn only when the words change enough). */
	limitsFollowed(limits: LimitsShown): void;
	/** A read of the balance: its figures, or null when the key may not read it (401/403/404). */
	balanceRead(balance: Omit<BalanceShown, 'readAt'> | null, at: number): void;
	/** A 402 from any route: new runs are refused. */
	paymentRefused(at: number): void;
}

export function createAccountSlice(set: Set, get: Get): AccountActions {
	const patch = (change: Partial<AccountState>) => set({account: {...get().account, ...change}});
	return {
		limitsFollowed(limits) {
			if (!sameLimitsShown(get().account.limits, limits)) patch({limits});
		},

		balanceRead(balance, at) {
			const old = get().account.balance;
			if (balance === null) {
				if (old !== 'hidden') patch({balance: 'hidden'});
				return;
			}

			const same =
				typeof old === 'object' && old.amount === balance.amount && old.currency === balance.currency && old.lowThreshold === balance.lowThreshold;
			if (same) return;
			// Credit added since a 402: new runs may go again.
			const toppedUp = typeof old === 'object' && old.amount !== null && balance.amount !== null && Number(balance.amount) > Number(old.amount);
			patch({balance: {...balance, readAt: at}, ...(toppedUp ? {refusedAt: null} : {})});
		},

		paymentRefused(at) {
			if (get().account.refusedAt === null) patch({refusedAt: at});
		},
	};
}
