// The organization's balance against the cost still to come (the projected total less what is
// spent): 'balance $12.40 · covers ~310 more items', or 'balance $3.10 will run out in ~80
// items: new runs will be refused', and once the credit is out (a 402, or a balance below an
// item's cost with items queued) 'new runs are refused'. Pure.
import {formatMoney, parseMoney, type Money} from './money.js';
import {statusCategory} from './status.js';
import type {StatusCount} from './summary.js';

export interface BalanceFacts {
	/** The balance read (exact decimal string), its currency and low threshold. */
	amount: string;
	currency: string;
	lowThreshold: string | null;
	/** Cost per finished item, when known. */
	average: Money | null;
	/** Items not finished yet. */
	itemsLeft: number;
	/** Of them, queued (not started). */
	queued: number;
	/** A 402 said new runs are refused. */
	refused: boolean;
}

/** 'ok': it covers what is to come; 'low': it will run out (or is below its low threshold); 'out': new runs are refused now. */
export type BalanceLevel = 'ok' | 'low' | 'out';

export interface BalanceWords {
	text: string;
	/** Shorter, when room runs short. */
	short: string;
	level: BalanceLevel;
	/** Items the balance pays for at the average cost, or null when unknown. */
	covers: number | null;
}

/** Items queued in counts (status → count). */
export function queuedIn(counts: readonly StatusCount[]): number {
	let queued = 0;
	for (const {status, count} of counts) if (statusCategory(status) === 'queued') queued += count;
	return queued;
}

export function balanceWords(facts: BalanceFacts): BalanceWords | null {
	const balance = parseMoney(facts.amount);
	if (balance === null) return null;
	const usd = facts.currency === 'USD';
	const shown = usd ? formatMoney(balance).replace(/\.(\d\d)00$/, '.$1') : `${facts.amount} ${facts.currency}`;
	const word = `balance ${shown}`;
	if (facts.refused) return {text: `${word}: new runs are refused (402 insufficient credit)`, short: `${word}: runs refused`, level: 'out', covers: null};
	// Costs are in USD: another currency's balance is shown, not weighed; nothing left to run: nothing to weigh.
	if (!usd || facts.average === null || facts.average <= 0n || facts.itemsLeft <= 0) {
		const low = facts.lowThreshold !== null && parseMoney(facts.lowThreshold) !== null && balance <= parseMoney(facts.lowThreshold)!;
		return {text: word, short: word, level: low ? 'low' : 'ok', covers: null};
	}

	const covers = balance <= 0n ? 0 : Number(balance / facts.average);
	if (covers === 0 && facts.queued > 0) {
		return {
			text: `${word} is below an item's cost (~${formatMoney(facts.average)}): new runs are refused, ${facts.queued} queued`,
			short: `${word}: runs refused`,
			level: 'out',
			covers,
		};
	}

	if (covers >= facts.itemsLeft) {
		const low = facts.lowThreshold !== null && balance <= (parseMoney(facts.lowThreshold) ?? -1n);
		return {text: `${word} · covers ~${covers} more items`, short: word, level: low ? 'low' : 'ok', covers};
	}

	return {text: `${word} will run out in ~${covers} items: new runs will be refused`, short: `${word} runs out in ~${covers}`, level: 'low', covers};
}
