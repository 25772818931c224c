// The plain and json modes watching a JOB (several batches, lib/job.ts), on the one loop of
// watch-loop.ts: the job's progress lines (at most one per `progressGapMs`, when a figure
// changed), a `batch` line when a batch finishes, a failure line per failed item carrying its
// batch id, the job in the heartbeat, and a final `done` line when every batch is finished. The
// exit code tells the outcome over the whole job, as for one batch (modes/exit-codes.ts); a
// batch id the server does not know ends it with 4 (job-rules.ts).
import {jobStatus, laggingAge, summarizeJob} from '../lib/job.js';
import {digestCausesOf, digestOf, digestText, failedSince, figuresOf, itemKey, unreadSince} from '../lib/journal-entries.js';
import {usdDecimal} from '../lib/money.js';
import {JobPoller} from '../poller/job-poller.js';
import type {JobState} from '../store/job-state.js';
import type {AppStore} from '../store/store.js';
import {jobJsonReporter, jobPlainReporter, type JobReporter, type JobView} from './job-reporters.js';
import {JobTracker} from './job-tracker.js';
import {moreFailedEvent} from './reporters.js';
import {endWord} from './watch-end.js';
import {runWatch, type HeadlessOptions, type Subject} from './watch-loop.js';

/** A job's options are every watch's (watch-loop.ts); the store is made with `jobIds` (createAppStore). */
export type JobHeadlessOptions = HeadlessOptions;

type State = ReturnType<AppStore['getState']>;

/** How long the digest waits, once its figures are whole, for the causes of the items failed since (their failure lines' reads). */
const DIGEST_WAIT_MS = 5_000;

/** A job (the store's `job`): what is watched, for the loop. */
export function jobSubject(options: HeadlessOptions): Subject<JobReporter> {
	const {store, client} = options;
	const intervalMs = options.intervalMs ?? 2000;
	const poller = options.poller ?? new JobPoller({client, store, intervalMs, ...(options.clock ? {clock: options.clock} : {})});
	const gapMs = options.progressGapMs ?? intervalMs;
	return {
		reporter: {json: jobJsonReporter, plain: jobPlainReporter},
		namesBatch: true,
		poller,
		watch(context, reporter) {
			const {clock} = context;
			const tracker = new JobTracker();
			const view = (): JobView => {
				const {job} = store.getState();
				const entries = job ? job.ids.map((id) => job.batches[id]!).filter(Boolean) : [];
				const summary = summarizeJob(entries, clock.now());
				return {summary, missing: tracker.missing.size, laggingMs: laggingAge(summary, intervalMs)};
			};

			// Progress lines: when a figure changed, at most one per gap.
			let lastKey = '';
			let lastProgressAt = Number.NEGATIVE_INFINITY;
			let progressTimer: unknown = null;
			const progress = () => {
				progressTimer = null;
				const current = view();
				const {summary} = current;
				const counts = summary.counts.map((c) => `${c.status}:${c.count}`).join(',');
				const key = `${Object.values(summary.byState).join(',')}|${current.missing}|${counts}|${summary.cost ?? ''}`;
				if (key === lastKey) return;
				lastKey = key;
				lastProgressAt = clock.now();
				reporter.job(current, lastProgressAt);
				context.said(lastProgressAt);
			};

			const progressSoon = () => {
				if (progressTimer !== null) return;
				const wait = lastProgressAt + gapMs - clock.now();
				if (wait <= 0) progress();
				else progressTimer = clock.setTimeout(progress, wait);
			};

			// A restart: what changed since the journal, one line (one `digest` event) once its figures are whole, with the
			// causes of the items failed since as their failure lines read them, waiting for those at most DIGEST_WAIT_MS.
			let digestSaid = false;
			let digestTimer: unknown = null;
			const checkDigest = (job: JobState, at: number, waited = false) => {
				const mark = job.journal;
				if (digestSaid || !mark?.digest || mark.savedAt === null || mark.base === null) return;
				if (unreadSince(job.batches, job.ids, mark.savedAt) > 0) return;
				const entries = job.ids.map((id) => job.batches[id]!).filter(Boolean);
				const since = failedSince(entries, mark.failedBefore);
				if (!waited && since.some(({key}) => !(key in mark.causes))) {
					digestTimer ??= clock.setTimeout(() => {
						const now = store.getState().job;
						if (now) checkDigest(now, clock.now(), true);
					}, DIGEST_WAIT_MS);
					return;
				}

				digestSaid = true;
				if (digestTimer !== null) clock.clearTimeout(digestTimer);
				const digest = digestOf(mark.base, figuresOf(entries), mark.savedAt, true, digestCausesOf(since, mark.causes, false));
				const causes = Object.fromEntries(digest.causes.groups.map(({cause, count}) => [cause, count]));
				reporter.digest(
					{
						since: new Date(digest.since).toISOString(),
						finished: digest.finished,
						failed: digest.failed,
						cost: usdDecimal(digest.cost, 'exact'),
						batches_finished: digest.batchesFinished,
						causes,
						causes_read: digest.causes.read,
						text: digestText(digest),
					},
					at,
				);
				context.said(at);
			};

			// The journal's batches and failures were said by the run that wrote it: taken as said (they count for the outcome).
			const restored = store.getState().job;
			if (restored?.journal?.savedAt) {
				tracker.seed(restored);
				checkDigest(restored, clock.now());
				// Its figures at once, before any read.
				progressSoon();
			}

			return {
				onChange(state: State, previous: State) {
					const {job} = state;
					if (!job || job === previous.job) return;
					checkDigest(job, clock.now());
					const changes = tracker.update(job);
					const at = clock.now();
					// --max-cost over the whole job.
					context.budget(() => view().summary, at);
					for (const {batch, summary} of changes.finished) reporter.batch(batch, summary, at);
					if (changes.finished.length > 0) context.said(at);
					context.failures(changes.failures);
					for (const {batchId, more} of changes.blindFailures) reporter.error(moreFailedEvent(more, batchId), at);
					progressSoon();
				},
				heartbeat: (at, quietMs, staleness) => reporter.heartbeat(view(), at, quietMs, staleness),
				failureSaid(event) {
					// An item failed since the journal: its cause for the digest (not read: null).
					const job = store.getState().job;
					const key = itemKey(event.batch_id ?? '', event.id);
					if (digestSaid || !job?.journal?.digest || job.journal.failedBefore.has(key)) return;
					store.getState().digestCauseRead(key, event.cause_read ? (event.cause ?? 'unknown') : null);
				},
				done(end, at) {
					// The end came before the digest was said (every batch finished): said now, with the causes read by then.
					const job = store.getState().job;
					if (job) checkDigest(job, at, true);
					const finished = end.reason === 'complete';
					const outcome = finished ? (tracker.failedOutcome ? 'failed' : 'succeeded') : 'running';
					// The job's word, as the TUI's header says it (lib/job.ts jobStatus): `partial_succeeded` when its batches are.
					const last = view();
					const status = finished ? jobStatus(Object.values(store.getState().job?.batches ?? {}), last.summary) : outcome;
					reporter.done(last, {reason: endWord(end.reason), exit_code: end.code, outcome, status}, at);
				},
				stop() {
					if (progressTimer !== null) clock.clearTimeout(progressTimer);
					progressTimer = null;
					if (digestTimer !== null) clock.clearTimeout(digestTimer);
					digestTimer = null;
				},
			};
		},
	};
}

/** Watches the job until the end (runHeadless does the same with a job's store); returns the exit code. */
export async function runJobHeadless(options: JobHeadlessOptions): Promise<number> {
	return runWatch(options, jobSubject(options));
}
