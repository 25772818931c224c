// A job's batches, read one request at a time: each batch's detail (counters and lean items, one
// request) when it is due (lib/job-schedule.ts): a batch never read at once; a running one every
// interval; a queued one every 4 intervals; a finished one never again once a read found it
// settled (store/job.ts loadedEntry; `r` reads every batch once more). The batch open on the
// batch screen is the batch poller's (poller.ts), not this one's. The most overdue goes first, so
// with more batches than the request budget allows, every running batch is read in turn, the
// least recently read first. The budget itself is the client's: every request of the monitor
// waits on it. A read that fails puts off that batch alone (its own backoff), the others read on;
// the whole poller waits only when the fault is not one batch's (network, timeout, 429, or
// several batches failing in a row). Plain TypeScript: client and store.
import type {RunflowClient} from '../api/client.js';
import {backoffDelay} from '../api/http.js';
import {toApiError} from '../api/errors.js';
import {entryState} from '../lib/job.js';
import type {JobEntry} from '../lib/job-rows.js';
import {pickRefreshes, type ScheduleEntry} from '../lib/job-schedule.js';
import {openBatchId} from '../store/stack.js';
import {flushQuiet, quietly, type AppStore} from '../store/store.js';
import {readLeanOrCounters} from './batch-reads.js';
import {systemClock, type Clock} from './clock.js';
import type {ApiError} from '../api/errors.js';

/** The schedule's view of the job (lib/job-schedule.ts): the batch screen's batch is the batch poller's. */
function scheduleEntries(batches: Readonly<Record<string, JobEntry>>, ids: readonly string[], open: string | null): ScheduleEntry[] {
	const entries: ScheduleEntry[] = [];
	for (const id of ids) {
		const entry = batches[id];
		if (!entry || entry.missing || id === open) continue;
		entries.push({id, state: entryState(entry), confirmed: entry.confirmed, refreshedAt: entry.refreshedAt, notBefore: entry.retryAt});
	}

	return entries;
}

export interface JobPollerOptions {
	client: RunflowClient;
	store: AppStore;
	intervalMs: number;
	clock?: Clock;
	random?: () => number;
	/** Longest wait after failures, default 60 s. */
	maxBackoffMs?: number;
	/** Polling cannot go on (key rejected). */
	onHalt?: (error: ApiError) => void;
	/** After every read, good or bad. */
	onRead?: () => void;
	/** The least time between two reads of this poller (on top of the client's budget), default 0. */
	minGapMs?: number;
	/** True while the batch screen's poller reads: its requests go first, this one waits its turn. */
	yieldTo?: () => boolean;
}

/** How often a job poller that gave way to the batch screen's poller looks again. */
const YIELD_MS = 50;

const HALTING = new Set(['unauthorized', 'forbidden']);
/** Faults of the link or of the whole organization, not of one batch: every read waits. */
const WHOLE = new Set(['network', 'timeout', 'rate_limited']);

export class JobPoller {
	private stopped = true;
	/** Stopped by the server (key rejected) rather than by stop(). */
	private halted = false;
	private controller: AbortController | null = null;
	private wake: (() => void) | null = null;
	/** The batches whose reads failed since the last good read (any batch's). */
	private failing = new Set<string>();
	/** Failed reads in a row, by batch: each batch's own backoff. */
	private readonly batchFailures = new Map<string, number>();
	private lastReadAt = Number.NEGATIVE_INFINITY;
	/** Batches to read now, before any other (`r`). */
	private forced = new Set<string>();
	private readonly clock: Clock;
	/** Reads made, by batch id (the bench counts reads of finished batches). */
	readonly reads = new Map<string, number>();
	/** Batches whose lean list is too large to read: their counters alone (batch-reads.ts). */
	private readonly tooLarge = new Set<string>();

	constructor(private readonly options: JobPollerOptions) {
		this.clock = options.clock ?? systemClock;
	}

	/** Whether a read is under way. */
	get busy(): boolean {
		return this.controller !== null;
	}

	start(): void {
		if (!this.stopped) return;
		this.stopped = false;
		void this.loop();
	}

	stop(): void {
		this.stopped = true;
		this.controller?.abort();
		this.poke();
	}

	/** Something changed (a batch joined, polling resumed, the batch screen closed): look again now. */
	poke(): void {
		const wake = this.wake;
		this.wake = null;
		wake?.();
	}

	/** `r`: every batch read once more now (the confirmed finished ones too, and confirmed again). */
	refreshAll(): void {
		const {store} = this.options;
		// Stopped by a rejected key: `r` tries again.
		if (this.halted) {
			this.halted = false;
			this.start();
		}

		store.getState().jobUnconfirm();
		this.forced = new Set(store.getState().job?.ids ?? []);
		this.poke();
	}

	private async sleep(ms: number): Promise<void> {
		if (this.stopped) return;
		await new Promise<void>((resolve) => {
			const timer = this.clock.setTimeout(
				() => {
					this.wake = null;
					resolve();
				},
				Math.max(0, ms),
			);
			this.wake = () => {
				this.clock.clearTimeout(timer);
				resolve();
			};
		});
	}

	private async loop(): Promise<void> {
		const {store, intervalMs} = this.options;
		while (!this.stopped) {
			const state = store.getState();
			const job = state.job;
			if (!job || state.paused) {
				await this.sleep(60_000);
				continue;
			}

			const open = openBatchId(state);

			// The batch on screen (and its open run) first: nothing is queued for the budget meanwhile.
			if (this.options.yieldTo?.()) {
				await this.sleep(YIELD_MS);
				continue;
			}

			let forced: string | undefined;
			for (const id of this.forced) {
				this.forced.delete(id);
				if (id !== open && job.batches[id]?.missing === false) {
					forced = id;
					break;
				}
			}

			const now = this.clock.now();
			const gapEnds = this.lastReadAt + (this.options.minGapMs ?? 0);
			const schedule = forced ? null : pickRefreshes(scheduleEntries(job.batches, job.ids, open), {now, intervalMs, budget: 1});
			const id = forced ?? schedule?.ids[0];
			if (id === undefined || gapEnds > now) {
				// Nothing due: wait for the first that will be (or for a poke).
				if (id !== undefined) this.forced.add(id);
				const next = id === undefined ? (schedule?.nextDueAt ?? null) : gapEnds;
				await this.sleep(next === null ? 60_000 : next - now);
				continue;
			}

			const delay = await this.read(id);
			this.options.onRead?.();
			if (delay > 0) await this.sleep(delay);
		}
	}

	/** Reads one batch; returns how long to wait before the next read (a backoff after a failure). */
	private async read(id: string): Promise<number> {
		const {store, client} = this.options;
		const controller = new AbortController();
		this.controller = controller;
		this.lastReadAt = this.clock.now();
		this.reads.set(id, (this.reads.get(id) ?? 0) + 1);
		try {
			const batch = await readLeanOrCounters(client, id, this.tooLarge, controller.signal);
			const at = this.clock.now();
			// The batch poller took this batch over meanwhile: its reads are the newer.
			// Drawn with the poll's success (quiet.ts): one frame per read.
			if (openBatchId(store.getState()) !== id) quietly(store, () => store.getState().jobBatchLoaded({...batch, id}, at, client.serverNow()));
			this.failing.clear();
			this.batchFailures.delete(id);
			// The connection is the batch screen's while one is open: this read says nothing of that batch.
			if (openBatchId(store.getState())) flushQuiet(store);
			else store.getState().pollSucceeded(at);
			return 0;
		} catch (caught) {
			if (this.stopped || controller.signal.aborted) return 0;
			const error = toApiError(caught);
			if (error.kind === 'not_found') {
				store.getState().jobBatchFailed(id, error.message, true);
				return 0;
			}

			const now = this.clock.now();
			if (HALTING.has(error.kind)) {
				store.getState().jobBatchFailed(id, error.message, false);
				store.getState().pollFailed(error, null, now);
				this.stopped = true;
				this.halted = true;
				this.options.onHalt?.(error);
				return 0;
			}

			const failures = (this.batchFailures.get(id) ?? 0) + 1;
			this.batchFailures.set(id, failures);
			this.failing.add(id);
			const base = Math.max(1000, this.options.intervalMs);
			const cap = this.options.maxBackoffMs ?? 60_000;
			const own = Math.max(error.retryAfterMs ?? 0, backoffDelay(failures, base, cap, this.options.random));
			// One batch's fault (an error page for its id) puts off that batch alone; the link's, the
			// organization's (429, Retry-After) or several batches' in a row put off every read.
			const whole = WHOLE.has(error.kind) || error.retryAfterMs !== undefined || this.failing.size > 1;
			const wait = whole ? Math.max(error.retryAfterMs ?? 0, backoffDelay(Math.max(failures, this.failing.size), base, cap, this.options.random)) : 0;
			store.getState().jobBatchFailed(id, error.message, false, now + Math.max(own, wait));
			// Plain and JSON modes read the connection (errors said, giving up); the batch screen's is its own poller's.
			if (openBatchId(store.getState())) flushQuiet(store);
			else store.getState().pollFailed(error, now + Math.max(own, wait), now);
			return wait;
		} finally {
			if (this.controller === controller) this.controller = null;
		}
	}
}
