// The balance in plain and JSON output (lib/balance.ts): a `balance` field on the JSON events that
// carry the figures (job, snapshot, heartbeat, done), and one warning, line or `balance` event,
// when the balance will run out before the work does, and one more if new runs are then refused
// (a 402, or a balance below an item's cost with items queued).
import {formatClock} from '../lib/format.js';
import {balanceWords, queuedIn} from '../lib/balance.js';
import {summarizeJob} from '../lib/job.js';
import {estimateSpend} from '../lib/spend.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import type {Clock} from '../poller/clock.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {safeJson} from './json-text.js';
import {paint, type Write} from './reporters.js';

export interface BalanceEvent {
	balance: string;
	currency: string;
	/** Items the balance pays for at the average cost so far, null when unknown. */
	covers_items: number | null;
	items_left: number;
	/** New runs are refused now. */
	refused: boolean;
	message: string;
}

/** The `balance` field: the last balance read (exact decimal string), null while unknown or when the key may not read it. */
export function balanceField(state: AppState): {balance: string | null} {
	const {balance} = state.account;
	return {balance: typeof balance === 'object' ? balance.amount : null};
}

function summaryOf(state: AppState): BatchSummary | null {
	const {job} = state;
	if (job) return {...summarizeJob(job.ids.map((id) => job.batches[id]!).filter(Boolean), 0), source: 'counters'};
	return state.batch ? summarizeBatch(state.batch) : null;
}

/** Says the balance's warning once per level ('low', then 'out'). Returns the unsubscribe. */
export function warnOfBalance(store: AppStore, json: boolean, color: boolean, write: Write, clock: Clock): () => void {
	const said = new Set<string>();
	const check = (state: AppState) => {
		const {balance} = state.account;
		if (typeof balance !== 'object' || balance.amount === null) return;
		const summary = summaryOf(state);
		const words = balanceWords({
			amount: balance.amount,
			currency: balance.currency,
			lowThreshold: balance.lowThreshold,
			average: summary ? estimateSpend(summary.cost, summary.finished, summary.total).average : null,
			itemsLeft: summary ? summary.total - summary.finished : 0,
			queued: summary ? queuedIn(summary.counts) : 0,
			refused: state.account.refusedAt !== null,
		});
		// Below its low threshold alone is no warning: only running out before the work does.
		if (!words || words.level === 'ok' || (words.level === 'low' && words.covers === null) || said.has(words.level)) return;
		said.add(words.level);
		const at = clock.now();
		if (json) {
			const event: BalanceEvent = {
				balance: balance.amount,
				currency: balance.currency,
				covers_items: words.covers,
				items_left: summary ? summary.total - summary.finished : 0,
				refused: words.level === 'out',
				message: words.text,
			};
			write(safeJson({type: 'balance', ts: new Date(at).toISOString(), ...event}));
		} else {
			write(`${formatClock(at)} ${paint('!', words.level === 'out' ? 31 : 33, color)} ${words.text}`);
		}
	};

	check(store.getState());
	return store.subscribe((state, previous) => {
		if (state.account !== previous.account || state.job !== previous.job || state.batch !== previous.batch) check(state);
	});
}
