// The job poller of the watch: there from the start for several batches; for one batch, started
// when `R` creates batches from it (the store then holds a job of two: store/resubmit.ts), every
// request from then on within the job's request budget, --max-rps, as a job's are from the start.
import type {RequestBudget} from '../api/budget.js';
import type {RunflowClient} from '../api/client.js';
import {JobPoller} from '../poller/job-poller.js';
import type {Poller} from '../poller/poller.js';
import type {AppStore} from '../store/store.js';

export interface JobHolderOptions {
	client: RunflowClient;
	store: AppStore;
	intervalMs: number;
	/** The batch screen's poller: its reads go first. */
	batchPoller: Poller;
	/** The job's budget, taken up by the client when one batch becomes a job (null: it already has it). */
	budget: RequestBudget | null;
	/** A job's own, made at the start. */
	jobPoller?: JobPoller;
}

export class JobHolder {
	private poller: JobPoller | undefined;

	constructor(private readonly options: JobHolderOptions) {
		this.poller = options.jobPoller;
	}

	get jobPoller(): JobPoller | undefined {
		return this.poller;
	}

	/** Batches joined the job (the store has them): read now; one batch's watch gets its job poller here. */
	joined(): void {
		if (this.poller) {
			this.poller.poke();
			return;
		}

		const {client, store, intervalMs, batchPoller, budget} = this.options;
		if (budget) client.useBudget(budget);
		this.poller = new JobPoller({client, store, intervalMs, yieldTo: () => batchPoller.busy});
		this.poller.start();
	}

	stop(): void {
		this.poller?.stop();
	}
}
