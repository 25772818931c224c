// The balance's words on the glance line (lib/balance.ts): against the whole job's cost still to
// come when there is a job (on its batch screens too: the credit is the organization's), else
// the batch's. Nothing while unknown or when the key may not read it. Pure; memoized.
import {balanceWords, queuedIn, type BalanceWords} from '../lib/balance.js';
import {estimateSpend} from '../lib/spend.js';
import type {BatchSummary} from '../lib/summary.js';
import type {AppState} from '../store/state.js';
import {selectJobSummary} from './job-selectors.js';
import {memoLast} from './memo.js';
import {selectSummary} from './summary-selectors.js';

const wordsMemo = memoLast(
	(
		balance: AppState['account']['balance'],
		refused: boolean,
		summary: Pick<BatchSummary, 'cost' | 'finished' | 'total' | 'counts'> | null,
	): BalanceWords | null => {
		if (typeof balance !== 'object' || balance.amount === null) return null;
		const spend = summary ? estimateSpend(summary.cost, summary.finished, summary.total) : null;
		return balanceWords({
			amount: balance.amount,
			currency: balance.currency,
			lowThreshold: balance.lowThreshold,
			average: spend?.average ?? null,
			itemsLeft: summary ? summary.total - summary.finished : 0,
			queued: summary ? queuedIn(summary.counts) : 0,
			refused,
		});
	},
);

export function selectBalanceWords(state: AppState): BalanceWords | null {
	const summary = state.job ? selectJobSummary(state) : selectSummary(state.batch, state.list.pages);
	return wordsMemo(state.account.balance, state.account.refusedAt !== null, summary);
}

export const BALANCE_COLOR: Readonly<Record<BalanceWords['level'], string | undefined>> = {ok: undefined, low: 'yellow', out: 'red'};
