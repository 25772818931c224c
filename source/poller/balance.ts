// The organization's balance (GET /v1/billing/balance), read at the start and at most once a
// minute while work remains, at the lowest priority of the request budget (it waits behind every
// other request: never delays the batch on screen). A key that may not read it (401/403/404)
// hides the figure and stops the reads; a failed read keeps the last figure and tries again a
// minute later. Plain TypeScript: client and store.
import type {RunflowClient} from '../api/client.js';
import {summarizeJob} from '../lib/job.js';
import {isBatchFinished} from '../lib/finished.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {systemClock, type Clock} from './clock.js';

export interface BalanceReaderOptions {
	client: RunflowClient;
	store: AppStore;
	/** Whether anything is left to run (reads stop once not: nothing more will be billed). */
	workRemains: () => boolean;
	clock?: Clock;
	everyMs?: number;
}

export const BALANCE_EVERY_MS = 60_000;

/** Something may still run (and be billed): the job not all finished, the batch not finished. */
export function workRemains(state: AppState): boolean {
	const {job} = state;
	if (job) return !summarizeJob(job.ids.map((id) => job.batches[id]!).filter(Boolean), 0).done;
	return !isBatchFinished(state.batch);
}

export class BalanceReader {
	private readonly clock: Clock;
	private timer: unknown = null;
	private controller: AbortController | null = null;
	private stopped = true;
	/** Reads made (tests). */
	reads = 0;

	constructor(private readonly options: BalanceReaderOptions) {
		this.clock = options.clock ?? systemClock;
	}

	start(): void {
		if (!this.stopped) return;
		this.stopped = false;
		void this.read();
	}

	stop(): void {
		this.stopped = true;
		this.controller?.abort();
		if (this.timer !== null) this.clock.clearTimeout(this.timer);
		this.timer = null;
	}

	private async read(): Promise<void> {
		this.timer = null;
		if (this.stopped) return;
		const {client, store} = this.options;
		const controller = new AbortController();
		this.controller = controller;
		this.reads++;
		try {
			const balance = await client.getBalance({signal: controller.signal, priority: 'low'});
			if (this.stopped) return;
			store
				.getState()
				.balanceRead(balance && {amount: balance.balance, currency: balance.currency, lowThreshold: balance.lowThreshold}, this.clock.now());
			// The key may not read it: hidden, and not asked again.
			if (balance === null) return;
		} catch {
			// Kept as it was; another try in a minute.
		} finally {
			if (this.controller === controller) this.controller = null;
		}

		if (!this.stopped && this.options.workRemains()) this.timer = this.clock.setTimeout(() => void this.read(), this.options.everyMs ?? BALANCE_EVERY_MS);
	}
}
