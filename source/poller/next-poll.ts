// After a good poll of the batch poller (poller.ts): what the poll changed on screen, and when to
// poll next or whether to stop. The pace (pace.ts) applied: slower while polls bring nothing new;
// once the batch is finished and a second poll confirmed it (with every failure's cause read),
// polling stops. The store hears of both (paced, settled).
import {isBatchFinished} from '../lib/finished.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {progressKey, type Pace} from './pace.js';

/** What a poll may change on screen; compared before and after, to tell a poll that brought nothing new. */
export function shown(state: AppState): unknown[] {
	return [state.batch ? progressKey(state.batch) : null, state.batch?.items, state.list.pages, state.logs?.lines, state.logs?.run];
}

export const sameShown = (a: unknown[], b: unknown[]): boolean => a.every((value, i) => value === b[i]);

export class NextPoll {
	/** Good polls in a row that found the batch finished: at two, polling stops. */
	private finishedPolls = 0;

	constructor(
		private readonly store: AppStore,
		private readonly intervalMs: number,
		private readonly pace: Pace,
	) {}

	/** Another batch: its finished polls are counted afresh. */
	reset(): void {
		this.finishedPolls = 0;
	}

	/**
	 * When to poll next after a good poll, or null to stop: the batch finished and a poll
	 * confirmed it (with every failure's cause read: `causesPending`); once stopped, a poll that
	 * changed something (logs still being read) is followed by another.
	 */
	after(settled: boolean, changed: boolean, causesPending: () => boolean): number | null {
		const {store, intervalMs} = this;
		if (settled) return changed ? intervalMs : null;
		const finished = isBatchFinished(store.getState().batch);
		this.finishedPolls = finished ? this.finishedPolls + 1 : 0;
		if (finished) {
			this.pace.reset();
			store.getState().pollingPaced(null);
			const pending = causesPending();
			if (this.finishedPolls < 2 || pending) return intervalMs;
			store.getState().pollingSettled(true);
			return null;
		}
		store.getState().pollingSettled(false);
		const every = this.pace.after(changed);
		store.getState().pollingPaced(every === intervalMs ? null : every);
		return every;
	}
}
