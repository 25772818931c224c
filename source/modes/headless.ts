// The plain and json modes: no terminal needed. They watch the same store the TUI does,
// report what changed, and exit when the batch finishes (code tells the outcome).
import type {RunflowClient} from '../api/client.js';
import {ITEM_FIELDS} from '../api/fields.js';
import type {Batch, BatchItem} from '../api/types.js';
import {failureCause, failureMessage} from '../lib/failures.js';
import {glanceOf} from '../lib/glance.js';
import {formatMoney, formatMoneyExact, type Money} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {estimateSpend, overBudget} from '../lib/spend.js';
import {isFailure} from '../lib/status.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import {systemClock, type Clock, type Poller} from '../poller/poller.js';
import {findHeldItem} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {watchAttempts, type RetryFeed} from './attempts.js';
import {jsonReporter, plainReporter, type Reporter} from './reporters.js';
import {balanceField, warnOfBalance} from './balance-report.js';
import {watchRules} from './rules.js';
import {endWord, onSignals, type WatchEnd} from './watch-end.js';

/** What the headless modes take from the command line. */
export interface HeadlessConfig {
	ui: 'plain' | 'json' | 'tui';
	color: boolean;
	failFast: boolean;
	timeoutMs: number | undefined;
	heartbeatMs: number;
	/** --max-cost (nano-dollars): a `budget` line/event when first passed. */
	maxCost?: Money | null;
}

export interface HeadlessOptions {
	config: HeadlessConfig;
	store: AppStore;
	poller: Poller;
	client: RunflowClient;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	clock?: Clock;
	/** Give up after errors for this long (exit 6), default 5 minutes. */
	giveUpMs?: number;
	/** The client's quick retries (its `onRetry`), each said as a failed try. */
	retries?: RetryFeed;
}

const DETAIL_WAIT_MS = 5_000;

function countsKey(summary: BatchSummary, batch: Batch): string {
	return `${batch.status_code}|${summary.counts.map((c) => `${c.status}:${c.count}`).join(',')}|${summary.cost ?? ''}`;
}

export async function runHeadless(options: HeadlessOptions): Promise<number> {
	const {config, store, poller, client} = options;
	const clock = options.clock ?? systemClock;
	const writeOut = (line: string) => options.stdout.write(`${line}\n`);
	const writeErr = (line: string) => options.stderr.write(`${line}\n`);
	const forced = process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0';
	const reporter: Reporter =
		config.ui === 'json' ? jsonReporter(writeOut, () => balanceField(store.getState())) : plainReporter(writeOut, writeErr, forced && config.color);
	// The balance: one warning (line or event) when it will run out, one when new runs are refused.
	const stopBalance = warnOfBalance(store, config.ui === 'json', forced && config.color, writeOut, clock);

	const seen = new Map<string, string>(); // item id → last status reported
	const pending = new Set<Promise<void>>();
	let lastKey = '';
	let lastOutputAt = clock.now();
	let failedCounter = 0;
	let budgetReported = false;
	const usd = (value: Money | null) => (value === null ? null : formatMoney(value).replace(/[$,]/g, ''));

	const reportFailure = (lean: {id: string; sequence_index: number; client_ref?: string | null; status_code: string; run_id: string | null}) => {
		const held = findHeldItem(store.getState().list.pages, lean.id);
		const emit = (item: BatchItem | undefined) => {
			reporter.failure({
				id: lean.id,
				sequence_index: lean.sequence_index,
				client_ref: lean.client_ref ?? null,
				status: lean.status_code,
				run_id: lean.run_id,
				cause: item ? failureCause(item) : null,
				message: item ? failureMessage(item) : null,
				cause_read: item !== undefined,
			}, clock.now());
			lastOutputAt = clock.now();
		};
		// The poller stores the batch before the page: a held row may still show the item running.
		if (held && held.status_code === lean.status_code && (held.run || held.error)) {
			emit(held);
			return;
		}
		const job = client
			.getItem(store.getState().batchId, lean.id, {fields: ITEM_FIELDS})
			.then(emit, () => emit(held))
			.finally(() => pending.delete(job));
		pending.add(job);
	};

	const onBatch = (batch: Batch) => {
		const at = clock.now();
		const summary = summarizeBatch(batch);
		const key = countsKey(summary, batch);
		if (key !== lastKey) {
			lastKey = key;
			const state = store.getState();
			const held = [...state.list.pages.values()].flatMap((page) => page.items);
			reporter.snapshot(batch, summary, at, glanceOf(summary, batch, held, state.samples, null, client.serverNow()));
			lastOutputAt = at;
		}
		const maxCost = config.maxCost ?? null;
		const spend = estimateSpend(summary.cost, summary.finished, summary.total);
		const which = overBudget(spend, maxCost);
		if (!budgetReported && which !== null && maxCost !== null) {
			budgetReported = true;
			reporter.budget({which, spent: usd(spend.spent), projected: usd(spend.projected), max_cost: formatMoneyExact(maxCost).replace(/[$,]/g, '')}, at);
		}
		if (batch.items) {
			const first = seen.size === 0;
			for (const item of batch.items) {
				const before = seen.get(item.id);
				if (before === item.status_code) continue;
				seen.set(item.id, item.status_code);
				if (!first) {
					reporter.item({id: item.id, sequence_index: item.sequence_index, client_ref: item.client_ref ?? null, status: item.status_code, previous_status: before ?? null, run_id: item.run_id}, at);
				}
				if (isFailure(item.status_code)) reportFailure(item);
			}
		} else if (summary.failed > failedCounter) {
			reporter.error({kind: 'failures', scope: null, message: `${summary.failed - failedCounter} more item(s) failed (the server sent no item list: open the TUI to see them)`, attempt: 0, retry_in_ms: null}, at);
		}
		failedCounter = summary.failed;
	};

	const unsubscribe = store.subscribe((state, previous) => {
		if (state.batch && state.batch !== previous.batch) onBatch(state.batch);
	});
	// Every failed try and failed poll, one `error` each; whether the figures are stale.
	const attempts = watchAttempts(store, options.retries, clock, (event) => reporter.error(event, clock.now()));

	// A heartbeat when nothing was written for a while, so CI does not kill a silent job.
	let heartbeat: unknown = null;
	const beat = () => {
		const quiet = clock.now() - lastOutputAt;
		if (quiet >= config.heartbeatMs) {
			const {batch} = store.getState();
			reporter.heartbeat(batch, batch ? summarizeBatch(batch) : null, clock.now(), quiet, attempts.staleness());
			lastOutputAt = clock.now();
		}
		heartbeat = clock.setTimeout(beat, Math.max(250, config.heartbeatMs - (clock.now() - lastOutputAt)));
	};
	heartbeat = clock.setTimeout(beat, config.heartbeatMs);

	const end = await new Promise<WatchEnd>((resolve) => {
		let stopSignals = () => {};
		let dispose = () => {};
		const finish = (result: WatchEnd) => {
			stopSignals();
			dispose();
			resolve(result);
		};
		stopSignals = onSignals(finish);
		dispose = watchRules(store, {exitOnComplete: true, exitStatus: true, failFast: config.failFast, timeoutMs: config.timeoutMs, giveUpMs: options.giveUpMs ?? 300_000}, clock, finish);
		poller.start();
	});
	poller.stop();
	stopBalance();
	if (heartbeat !== null) clock.clearTimeout(heartbeat);
	unsubscribe();
	attempts.dispose();
	// Report the failures still being looked up before the last line.
	if (pending.size > 0) {
		let wait: NodeJS.Timeout | undefined;
		await Promise.race([Promise.allSettled([...pending]), new Promise((r) => {
			wait = setTimeout(r, DETAIL_WAIT_MS);
		})]);
		clearTimeout(wait);
	}
	const {batch} = store.getState();
	if (end.message) writeErr(`runflow-watch: ${sanitize(end.message)}`);
	reporter.done(batch, batch ? summarizeBatch(batch) : null, {reason: endWord(end.reason), exit_code: end.code}, clock.now());
	return end.code;
}
