// The plain and json modes watching a JOB (several batches, lib/job.ts): the job's progress
// lines (at most one per `progressGapMs`, when a figure changed), a `batch` line when a batch
// finishes, a failure line per failed item carrying its batch id (the cause read by id, one read
// at a time, within the job's request budget), heartbeats, errors on stderr, and a final `done`
// line when every batch is finished. The exit code tells the outcome over the whole job, as
// for one batch (modes/exit-codes.ts); a batch id the server does not know ends it with 4.
import type {RunflowClient} from '../api/client.js';
import {ITEM_FIELDS} from '../api/fields.js';
import type {BatchItem, LeanItem} from '../api/types.js';
import {failureCause, failureMessage} from '../lib/failures.js';
import {jobStatus, laggingAge, summarizeJob} from '../lib/job.js';
import {formatMoneyExact} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {estimateSpend, overBudget} from '../lib/spend.js';
import {systemClock, type Clock} from '../poller/clock.js';
import {JobPoller} from '../poller/job-poller.js';
import type {AppStore} from '../store/store.js';
import type {HeadlessConfig} from './headless.js';
import {watchAttempts, type RetryFeed} from './attempts.js';
import {jobJsonReporter, jobPlainReporter, type JobReporter, type JobView} from './job-reporters.js';
import {JobTracker} from './job-tracker.js';
import {balanceField, warnOfBalance} from './balance-report.js';
import {digestOf, digestText, figuresOf} from '../lib/journal-entries.js';
import {usd} from './reporters.js';
import {watchRules} from './rules.js';
import {endWord, onSignals, type WatchEnd} from './watch-end.js';

export interface JobHeadlessOptions {
	config: HeadlessConfig;
	/** A store made with `jobIds` (createAppStore): its `job` holds the batches. */
	store: AppStore;
	/** The job's client: every request (the poller's and the cause reads) waits on its RequestBudget. */
	client: RunflowClient;
	/** The job's poller; made here (on `client`, `store`, `intervalMs`, `clock`) when not given. */
	poller?: JobPoller;
	/** Polling interval (--interval), default 2 s: a running batch's period, and the least time between two progress lines. */
	intervalMs?: number;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	/** The poller's clock (the store's times are on it). */
	clock?: Clock;
	/** Give up after errors for this long (exit 6), default 5 minutes. */
	giveUpMs?: number;
	/** The least time between two progress lines, default `intervalMs`. */
	progressGapMs?: number;
	/** Failure causes read by id at most; later failures are said without their cause. Default 200. */
	maxCauseReads?: number;
	/** The client's quick retries (its `onRetry`), each said as a failed try. */
	retries?: RetryFeed;
}

/** How long the end waits for the cause reads under way (real time), as runHeadless does. */
const DETAIL_WAIT_MS = 5_000;

interface Failure {
	batchId: string;
	item: LeanItem;
}

export async function runJobHeadless(options: JobHeadlessOptions): Promise<number> {
	const {config, store, client} = options;
	const clock = options.clock ?? systemClock;
	const intervalMs = options.intervalMs ?? 2000;
	const poller = options.poller ?? new JobPoller({client, store, intervalMs, clock});
	const gapMs = options.progressGapMs ?? intervalMs;
	const writeOut = (line: string) => options.stdout.write(`${line}\n`);
	const writeErr = (line: string) => options.stderr.write(`${line}\n`);
	const forced = process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0';
	const reporter: JobReporter = config.ui === 'json' ? jobJsonReporter(writeOut, () => balanceField(store.getState())) : jobPlainReporter(writeOut, writeErr, forced && config.color);
	// The balance: one warning (line or event) when it will run out, one when new runs are refused.
	const stopBalance = warnOfBalance(store, config.ui === 'json', forced && config.color, writeOut, clock);
	const tracker = new JobTracker();
	let lastOutputAt = clock.now();
	const said = (at = clock.now()) => {
		lastOutputAt = at;
	};

	const view = (): JobView => {
		const job = store.getState().job;
		const entries = job ? job.ids.map((id) => job.batches[id]!).filter(Boolean) : [];
		const summary = summarizeJob(entries, clock.now());
		return {summary, missing: tracker.missing.size, laggingMs: laggingAge(summary, intervalMs)};
	};

	// Failure lines: the cause is read by id, one read at a time (each waits on the budget like the poller's).
	const queue: Failure[] = [];
	const reads = new AbortController();
	let causeReads = 0;
	let worker: Promise<void> | null = null;
	const sayFailure = ({batchId, item}: Failure, detail: BatchItem | undefined) => {
		reporter.failure({
			batch_id: batchId,
			id: item.id,
			sequence_index: item.sequence_index,
			client_ref: item.client_ref ?? null,
			status: item.status_code,
			run_id: item.run_id,
			cause: detail ? failureCause(detail) : null,
			message: detail ? failureMessage(detail) : null,
			cause_read: detail !== undefined,
		}, clock.now());
		said();
	};

	const work = async () => {
		while (queue.length > 0) {
			const failure = queue.shift()!;
			if (reads.signal.aborted || causeReads >= (options.maxCauseReads ?? 200)) {
				sayFailure(failure, undefined);
				continue;
			}

			causeReads++;
			let detail: BatchItem | undefined;
			try {
				detail = await client.getItem(failure.batchId, failure.item.id, {fields: ITEM_FIELDS}, {signal: reads.signal});
			} catch {
				detail = undefined;
			}

			sayFailure(failure, detail);
		}

		worker = null;
	};

	const enqueue = (failures: Failure[]) => {
		queue.push(...failures);
		worker ??= work();
	};

	// Progress lines: when a figure changed, at most one per gap.
	let lastKey = '';
	let lastProgressAt = Number.NEGATIVE_INFINITY;
	let progressTimer: unknown = null;
	const progress = () => {
		progressTimer = null;
		const current = view();
		const {summary} = current;
		const key = `${Object.values(summary.byState).join(',')}|${current.missing}|${summary.counts.map((c) => `${c.status}:${c.count}`).join(',')}|${summary.cost ?? ''}`;
		if (key === lastKey) return;
		lastKey = key;
		lastProgressAt = clock.now();
		reporter.job(current, lastProgressAt);
		said(lastProgressAt);
	};

	const progressSoon = () => {
		if (progressTimer !== null) return;
		const wait = lastProgressAt + gapMs - clock.now();
		if (wait <= 0) progress();
		else progressTimer = clock.setTimeout(progress, wait);
	};

	// --max-cost over the whole job: one line (one `budget` event) the first time it is passed.
	let budgetSaid = false;
	const checkBudget = (at: number) => {
		const maxCost = config.maxCost ?? null;
		if (budgetSaid || maxCost === null) return;
		const {summary} = view();
		const spend = estimateSpend(summary.cost, summary.finished, summary.total);
		const which = overBudget(spend, maxCost);
		if (which === null) return;
		budgetSaid = true;
		reporter.budget({which, spent: usd(spend.spent), projected: usd(spend.projected), max_cost: formatMoneyExact(maxCost).replace(/[$,]/g, '')}, at);
	};

	// A restart: what changed since the journal, one line (one `digest` event) once its figures are whole.
	let digestSaid = false;
	const checkDigest = (job: NonNullable<ReturnType<AppStore['getState']>['job']>, at: number) => {
		const mark = job.journal;
		if (digestSaid || !mark?.digest || mark.savedAt === null || mark.base === null) return;
		const entries = job.ids.map((id) => job.batches[id]!).filter(Boolean);
		const digest = digestOf(mark.base, figuresOf(entries), mark.savedAt, entries.every((entry) => entry.confirmed || entry.missing || (entry.refreshedAt ?? 0) > mark.savedAt!));
		if (!digest.whole) return;
		digestSaid = true;
		reporter.digest({since: new Date(digest.since).toISOString(), finished: digest.finished, failed: digest.failed, cost: formatMoneyExact(digest.cost).replace(/[$,]/g, ''), batches_finished: digest.batchesFinished, text: digestText(digest)}, at);
		said(at);
	};

	const onChange = (state: ReturnType<AppStore['getState']>, previous: ReturnType<AppStore['getState']>) => {
		const {job} = state;
		if (job && job !== previous.job) {
			checkDigest(job, clock.now());
			if (previous.job && job.ids.length > previous.job.ids.length) poller.poke();
			const changes = tracker.update(job);
			const at = clock.now();
			checkBudget(at);
			for (const {batch, summary} of changes.finished) reporter.batch(batch, summary, at);
			if (changes.finished.length > 0) said(at);
			if (changes.failures.length > 0) enqueue(changes.failures);
			for (const {batchId, more} of changes.blindFailures) {
				reporter.error({kind: 'failures', scope: null, batch_id: batchId, message: `${more} more item(s) failed (the server sent no item list: open the TUI to see them)`, attempt: 0, retry_in_ms: null}, at);
			}

			progressSoon();
		}
	};

	// Every failed try and failed poll, one `error` each; whether the figures are stale.
	const attempts = watchAttempts(store, options.retries, clock, (event) => reporter.error(event, clock.now()));

	// A heartbeat when nothing was written for a while, so CI does not kill a silent job.
	let heartbeat: unknown = null;
	const beat = () => {
		const quiet = clock.now() - lastOutputAt;
		if (quiet >= config.heartbeatMs) {
			reporter.heartbeat(view(), clock.now(), quiet, attempts.staleness());
			said();
		}

		heartbeat = clock.setTimeout(beat, Math.max(250, config.heartbeatMs - (clock.now() - lastOutputAt)));
	};

	let unsubscribe = () => {};
	let stopRules = () => {};
	let stopSignals = () => {};
	const end = await new Promise<WatchEnd>((resolve) => {
		let done = false;
		const finish = (result: WatchEnd) => {
			if (done) return;
			done = true;
			resolve(result);
		};

		stopSignals = onSignals(finish);
		// The journal's batches and failures were said by the run that wrote it.
		const restored = store.getState().job;
		if (restored?.journal?.savedAt) {
			tracker.seed(restored);
			checkDigest(restored, clock.now());
			// Its figures at once, before any read.
			progressSoon();
		}
		// The reports first: the change that ends the watch is still said (its batch line, its failures).
		unsubscribe = store.subscribe(onChange);
		heartbeat = clock.setTimeout(beat, config.heartbeatMs);
		stopRules = watchRules(store, {exitOnComplete: true, exitStatus: true, failFast: config.failFast, timeoutMs: config.timeoutMs, giveUpMs: options.giveUpMs ?? 300_000}, clock, finish);
		poller.start();
	});
	stopSignals();
	stopRules();
	stopBalance();
	poller.stop();
	unsubscribe();
	attempts.dispose();
	for (const timer of [heartbeat, progressTimer]) if (timer !== null) clock.clearTimeout(timer);
	// The failures still being looked up are said before the last line; those not read in time without their cause.
	if (worker) {
		let wait: NodeJS.Timeout | undefined;
		await Promise.race([worker, new Promise((resolve) => {
			wait = setTimeout(resolve, DETAIL_WAIT_MS);
		})]);
		clearTimeout(wait);
		reads.abort();
		await worker;
	}

	if (end.message) writeErr(`runflow-watch: ${sanitize(end.message)}`);
	const finished = end.reason === 'complete';
	const outcome = finished ? (tracker.failedOutcome ? 'failed' : 'succeeded') : 'running';
	// The job's word, as the TUI's header says it (lib/job.ts jobStatus): `partial_succeeded` when its batches are.
	const last = view();
	const status = finished ? jobStatus(Object.values(store.getState().job?.batches ?? {}), last.summary) : outcome;
	reporter.done(last, {reason: endWord(end.reason), exit_code: end.code, outcome, status}, clock.now());
	return end.code;
}
