// A simulator, a client that records every logs request and the lines it brought back, a store
// and a poller: the run view's fetching as it runs in the app, on a clock the test moves.
import {afterEach, expect} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {ListParams} from '../../source/api/types.js';
import {Poller} from '../../source/poller/poller.js';
import {makePlan, type BatchSpec} from '../../source/sim/plan.js';
import {createAppStore} from '../../source/store/store.js';
import {waitFor} from '../helpers/app.js';
import {batch, controlledSim} from '../helpers/sim.js';
import {tickCounter} from '../helpers/ticks.js';
import {pollerSession} from '../../source/cli/controller.js';
import {Command} from '../../source/lib/commands.js';

export const LOGS_ROUTE = 'GET /v1/runs/:id/logs';
export const RUN_ROUTE = 'GET /v1/runs/:id';

export interface LogRequest {
	params: ListParams;
	/** The lines' numbers (meta.line) as the sim wrote them; NaN for id-only lines. */
	lines: number[];
	ids: string[];
	next: string | null;
}

const pollers: Poller[] = [];

/** Stops the pollers a test started. Call once per file. */
export function stopPollersAfterEach(): void {
	afterEach(() => {
		for (const poller of pollers.splice(0)) poller.stop();
	});
}

export {waitFor} from '../helpers/app.js';

export async function runHarness(overrides: Partial<BatchSpec> = {}, item = 0) {
	const spec = batch('b_run', {items: 6, ...overrides});
	const plan = makePlan(spec, item);
	const h = await controlledSim({batches: [spec]});
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0, timeoutMs: 5000});
	const requests: LogRequest[] = [];
	const list = client.listRunLogs.bind(client);
	client.listRunLogs = async (runId, params = {}, call) => {
		const page = await list(runId, params, call);
		requests.push({
			params,
			lines: page.items.map((line) => Number(line.meta?.['line'])),
			ids: page.items.map((line) => line.id),
			next: page.next,
		});
		return page;
	};

	const store = createAppStore({batchId: spec.id, pageSize: 6});
	/** ticks.pass(n): n more polls have run (a sign that time has passed, when nothing else changes). */
	const ticks = tickCounter();
	// Slowing down while nothing changes stops at 4 intervals here: ticks keep coming.
	const poller = new Poller({client, store, intervalMs: 25, slowestMs: 100, maxBackoffMs: 200, onTick: ticks.onTick});
	pollers.push(poller);
	/** Sets the sim clock to a fraction of the item's run (0 = its start, 1 = its end). */
	const at = (fraction: number) => h.setTime(plan.runStartMs + Math.floor(fraction * (plan.endMs - plan.runStartMs)));
	/** A key's command, as on a screen of `rows` list rows and log lines. */
	const session = pollerSession(store, poller, () => {});
	const command = (name: Command, rows = 20) => session.run(name, {listRows: rows, logRows: rows});
	const logs = () => store.getState().logs;
	const numbers = () => logs()?.lines.map((line) => Number(line.meta?.['line'])) ?? [];
	/** Lines brought back in full (not the id-only walks). */
	const fullLines = () => requests.filter((r) => r.params.fields !== 'id').flatMap((r) => r.ids);
	const open = async () => {
		poller.start();
		await waitFor(() => expect(store.getState().list.pages.get('')?.items[item]?.run_id).toBeTruthy());
		store.getState().moveTo('first');
		store.getState().move(item);
		command(Command.OpenLogs);
		expect(store.getState().view).toBe('logs');
		await waitFor(() => expect(logs()?.loaded).toBe(true));
	};

	/** Polling stopped for good (the batch finished and was confirmed): no tick will come. */
	const stopped = () => store.getState().polling.settled && !poller.busy;
	return {...h, spec, plan, client, store, poller, command, ticks, stopped, requests, at, logs, numbers, fullLines, open};
}

/** numbers are consecutive: from, from + 1, …, to. */
export function expectRun(numbers: number[], from: number, to: number): void {
	expect(numbers).toEqual(Array.from({length: to - from + 1}, (_, i) => from + i));
}
