// The one loop of the plain and json modes, over what is watched: one batch (headless.ts) or a
// job (job-headless.ts). It watches the store the TUI does and has what is watched say what
// changed, under one set of rules for both: how the watch ends (rules.ts: complete, --fail-fast,
// --timeout, polling halted, giving up after errors) and the signals (watch-end.ts), every
// failed attempt (attempts.ts), the heartbeat when nothing was said for a while, --max-cost
// (one line the first time it is passed), the failed items' causes read by id (cause-reads.ts),
// and the last line after the reads under way. What is watched brings its lines (a Reporter on
// reporters.ts's CommonReporter), what it says on a change, its heartbeat and its last line.
import type {RunflowClient} from '../api/client.js';
import type {Money} from '../lib/money.js';
import {usdDecimal} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {estimateSpend, overBudget} from '../lib/spend.js';
import type {BatchSummary} from '../lib/summary.js';
import {systemClock, type Clock} from '../poller/clock.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {watchAttempts, type RetryFeed, type Staleness} from './attempts.js';
import {balanceField, warnOfBalance} from './balance-report.js';
import {CauseReads, type SeenFailure} from './cause-reads.js';
import type {CommonReporter, FailureEvent, Write} from './reporters.js';
import {watchRules} from './rules.js';
import {onSignals, type WatchEnd} from './watch-end.js';

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

/** Polls the store into being (poller.ts's Poller for one batch, job-poller.ts's JobPoller for a job). */
export interface Polling {
	start(): void;
	stop(): void;
}

/** What the headless modes take, one batch's watch or a job's. */
export interface HeadlessOptions {
	config: HeadlessConfig;
	store: AppStore;
	/** Every request (the poller's and the cause reads) goes through it (a job's: within its RequestBudget). */
	client: RunflowClient;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	/** The poller's clock (the store's times are on it). */
	clock?: Clock;
	/** Give up after errors for this long (exit 6), default 5 minutes. */
	giveUpMs?: number;
	/** The client's quick retries (its `onRetry`), each said as a failed try. */
	retries?: RetryFeed;
	/** Failure causes read by id at most; later failures are said without their cause. Default 200. */
	maxCauseReads?: number;
	/** The poller; one is made (on `client`, `store`, `intervalMs`, `clock`) when not given. */
	poller?: Polling;
	/** Polling interval (--interval), default 2 s; a job's least time between two progress lines too. */
	intervalMs?: number;
	/** A job's least time between two progress lines, default `intervalMs`. */
	progressGapMs?: number;
}

/** How long the end waits for the cause reads under way (real time). */
const DETAIL_WAIT_MS = 5_000;

/** What the loop gives what is watched. */
export interface WatchContext {
	readonly clock: Clock;
	/** Something was said at `at` (default now): the heartbeat counts quiet time from the last. */
	said(at?: number): void;
	/** --max-cost against the figures (worked out only while it may still be said): its one line (one `budget` event) the first time they pass it. */
	budget(figures: () => Pick<BatchSummary, 'cost' | 'finished' | 'total'>, at: number): void;
	/** Failed items, each said once with its cause (read by id). */
	failures(failures: readonly SeenFailure[]): void;
}

/** One batch or a job: what it says when the store changes, its heartbeat and its last line. */
export interface Watched {
	onChange(state: AppState, previous: AppState): void;
	heartbeat(at: number, quietMs: number, staleness: Staleness): void;
	done(end: WatchEnd, at: number): void;
	/** A failure was said (its cause read or not). */
	failureSaid?(event: FailureEvent): void;
	/** Stops its own timers (the end). */
	stop?(): void;
}

/** What is watched (one batch, a job), before the watch starts: its lines, its poller, and how it says what changed. */
export interface Subject<R extends CommonReporter> {
	/** `extra`: fields for the JSON events that carry the figures (the balance). */
	reporter: {json(write: Write, extra?: () => object): R; plain(write: Write, writeError: Write, color: boolean): R};
	/** Whether a failure names its batch (a job's). */
	namesBatch: boolean;
	/** Started when the watch is, stopped at its end. */
	poller: Polling;
	watch(context: WatchContext, reporter: R): Watched;
}

/** Watches until a rule or a signal ends it; the last line said, returns the exit code. */
export async function runWatch<R extends CommonReporter>(options: HeadlessOptions, subject: Subject<R>): Promise<number> {
	const {config, store, client} = options;
	const clock = options.clock ?? systemClock;
	const writeOut = (line: string) => options.stdout.write(`${line}\n`);
	const writeErr = (line: string) => options.stderr.write(`${line}\n`);
	const forced = process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0';
	const reporter =
		config.ui === 'json'
			? subject.reporter.json(writeOut, () => balanceField(store.getState()))
			: subject.reporter.plain(writeOut, writeErr, forced && config.color);
	// The balance: one warning (line or event) when it will run out, one when new runs are refused.
	const stopBalance = warnOfBalance(store, config.ui === 'json', forced && config.color, writeOut, clock);
	let lastOutputAt = clock.now();
	const said = (at = clock.now()) => {
		lastOutputAt = at;
	};

	const causes = new CauseReads({
		client,
		maxReads: options.maxCauseReads,
		namesBatch: subject.namesBatch,
		say(event) {
			reporter.failure(event, clock.now());
			said();
			watched.failureSaid?.(event);
		},
	});
	let budgetSaid = false;
	const context: WatchContext = {
		clock,
		said,
		budget(figures, at) {
			const maxCost = config.maxCost ?? null;
			if (budgetSaid || maxCost === null) return;
			const {cost, finished, total} = figures();
			const spend = estimateSpend(cost, finished, total);
			const which = overBudget(spend, maxCost);
			if (which === null) return;
			budgetSaid = true;
			reporter.budget(
				{
					which,
					spent: usdDecimal(spend.spent, 'rounded'),
					projected: usdDecimal(spend.projected, 'rounded'),
					max_cost: usdDecimal(maxCost, 'as-given'),
				},
				at,
			);
		},
		failures: (failures) => causes.add(failures),
	};
	// Made before any failure is seen (`say` above tells it of each).
	const watched = subject.watch(context, reporter);

	// What changed is said first: the change that ends the watch is still said (the rules listen after).
	const unsubscribe = store.subscribe((state, previous) => watched.onChange(state, previous));
	// Every failed try and failed poll, one `error` each; whether the figures are stale.
	const attempts = watchAttempts(store, options.retries, clock, (event) => reporter.error(event, clock.now()));

	// A heartbeat when nothing was written for a while, so CI does not kill a silent job.
	let heartbeat: unknown = null;
	const beat = () => {
		const quiet = clock.now() - lastOutputAt;
		if (quiet >= config.heartbeatMs) {
			watched.heartbeat(clock.now(), quiet, attempts.staleness());
			said();
		}

		heartbeat = clock.setTimeout(beat, Math.max(250, config.heartbeatMs - (clock.now() - lastOutputAt)));
	};
	heartbeat = clock.setTimeout(beat, config.heartbeatMs);

	const end = await new Promise<WatchEnd>((resolve) => {
		let stopSignals = () => {};
		let stopRules = () => {};
		let ended = false;
		const finish = (result: WatchEnd) => {
			if (ended) return;
			ended = true;
			stopSignals();
			stopRules();
			resolve(result);
		};

		stopSignals = onSignals(finish);
		stopRules = watchRules(
			store,
			{exitOnComplete: true, exitStatus: true, failFast: config.failFast, timeoutMs: config.timeoutMs, giveUpMs: options.giveUpMs ?? 300_000},
			clock,
			finish,
		);
		subject.poller.start();
	});
	subject.poller.stop();
	stopBalance();
	if (heartbeat !== null) clock.clearTimeout(heartbeat);
	unsubscribe();
	attempts.dispose();
	watched.stop?.();
	// The failures still being looked up are said before the last line; those not read in time without their cause.
	await causes.finish(DETAIL_WAIT_MS);
	if (end.message) writeErr(`runflow-watch: ${sanitize(end.message)}`);
	watched.done(end, clock.now());
	return end.code;
}
