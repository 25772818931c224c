// The TUI watching a simulator, wired as cli/main.ts wires it for `R`: the client (a job's with the
// job's request budget; one batch's without, `R`'s reads and creates on a client of their own
// within the same budget), the batch poller, the job holder (a job poller from the start, or once
// `R` makes one batch a job), the resubmitter and the session, driven by keys.
import {RequestBudget} from '../../source/api/budget.js';
import {RunflowClient} from '../../source/api/client.js';
import type {ModelRef} from '../../source/api/writes.js';
import {jobSession} from '../../source/cli/controller.js';
import {JobHolder} from '../../source/cli/job-holder.js';
import {isFailure} from '../../source/lib/status.js';
import {JobPoller} from '../../source/poller/job-poller.js';
import {Poller} from '../../source/poller/poller.js';
import {Resubmitter} from '../../source/poller/resubmit.js';
import type {SimOptions} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {renderApp} from '../helpers/app.js';
import {batch, controlledSim, type SimHarness} from '../helpers/sim.js';

export const MODEL: ModelRef = {owner: 'demo', slug: 'vision-large'};
export const CREATE = 'POST /v1/models/:owner/:slug/batches';

export interface StartOptions {
	/** The batches watched (one: the batch screen). */
	ids?: string[];
	sim?: SimOptions;
	/** --model (null: asked). */
	model?: ModelRef | null;
	readOnly?: boolean;
	/** --max-rps. */
	rps?: number;
	appendTo?: string | null;
	/** Quick retries of the client (default got's 2: a lost answer is tried again). */
	retries?: number;
	columns?: number;
	rows?: number;
}

const stops: Array<() => void> = [];

export function stopAll(): void {
	for (const stop of stops.splice(0)) stop();
}

/** The source batches: b_src (30 items, about a third failing), b_two (12 items, failures too); all finished at 60 s. */
export const SOURCES = [
	batch('b_src', {items: 30, durationMs: 10_000, failureRate: 0.3, seed: 11}),
	batch('b_two', {items: 12, durationMs: 8000, failureRate: 0.4, seed: 5}),
];

export async function start(options: StartOptions = {}) {
	const ids = options.ids ?? ['b_src'];
	const h: SimHarness = await controlledSim({
		batches: SOURCES,
		models: [
			{owner: 'demo', slug: 'vision-large', run: {durationMs: 10_000, failureRate: 0, startDelayMs: 1}},
			{owner: 'demo', slug: 'no-batches', batches: false},
		],
		...options.sim,
	});
	h.setTime(60_000);
	const job = ids.length > 1;
	const budget = new RequestBudget({ratePerSecond: options.rps ?? 50});
	const clientWith = (withBudget: boolean) =>
		new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: options.retries, ...(withBudget ? {budget} : {})});
	const client = clientWith(job);
	const intervalMs = 400;
	const store = createAppStore({batchId: ids[0]!, pageSize: 10, jobIds: job ? ids : null, intervalMs});
	const poller = new Poller({client, store, intervalMs});
	poller.enableTriage();
	const jobPoller = job ? new JobPoller({client, store, intervalMs, yieldTo: () => poller.busy}) : undefined;
	const jobs = new JobHolder({client, store, intervalMs, batchPoller: poller, budget: job ? null : budget, ...(jobPoller ? {jobPoller} : {})});
	const resubmitter = new Resubmitter({
		client: job ? client : clientWith(true),
		store,
		readOnly: options.readOnly ?? false,
		appendTo: options.appendTo ?? null,
		onJoined: () => jobs.joined(),
	});
	const model = options.model === undefined ? MODEL : options.model;
	if (model) store.getState().resubmitModelGiven(model, 'flag');
	stops.push(() => {
		poller.stop();
		jobs.stop();
		resubmitter.stop();
	});
	if (jobPoller) jobPoller.start();
	else poller.start();
	const app = await renderApp(store, {
		commands: jobSession(
			store,
			poller,
			() => jobs.jobPoller,
			() => {},
			null,
			resubmitter,
		),
		columns: options.columns ?? 120,
		rows: options.rows ?? 30,
	});
	const reader = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	return {
		...h,
		app,
		store,
		jobs,
		budget,
		reader,
		creates: () => h.sim.stats.byRoute[CREATE]?.requests ?? 0,
		/** The failed items of a batch with their inputs, as the API has them (sequence order). */
		async failures(id: string) {
			const page = await reader.listExportItems(id, {limit: 500});
			return page.items.filter((item) => isFailure(item.status));
		},
		async items(id: string) {
			return (await reader.listExportItems(id, {limit: 500})).items;
		},
	};
}
