// The poller: a setTimeout chain that refreshes the batch and the page on screen (and
// the open run's logs), one tick at a time. Plain TypeScript: it talks to the client and
// to the store's actions, and knows nothing of React.
import type {RunflowClient} from '../api/client.js';
import {backoffDelay} from '../api/http.js';
import {toApiError, type ApiError} from '../api/errors.js';
import type {LeanItem} from '../api/types.js';
import {completeLeanItems} from '../lib/triage.js';
import {flushQuiet, type AppStore} from '../store/store.js';
import {LogFollower} from './logs.js';
import {FailureFetcher} from './failures.js';
import {Navigator} from './navigator.js';
import {readScreen, readWhatIsMissing, type ScreenReads} from './screen-reads.js';
import {systemClock, type Clock} from './clock.js';
import {BatchReader} from './batch-reads.js';
import {NextPoll, sameShown, shown} from './next-poll.js';
import {Pace} from './pace.js';

export {systemClock, type Clock} from './clock.js';

export interface PollerOptions {
	client: RunflowClient;
	store: AppStore;
	intervalMs: number;
	/** Longest wait between polls after failures, default 60 s. */
	maxBackoffMs?: number;
	clock?: Clock;
	random?: () => number;
	/** Called when polling cannot go on by itself (key rejected, batch not found). */
	onHalt?: (error: ApiError) => void;
	/** Called after every completed tick, good or bad. */
	onTick?: () => void;
	/** A poll without an answer for this long marks the data stale; default twice the interval, at least 2 s. */
	overdueMs?: number;
	/** The slowest pace while polls bring nothing new (pace.ts), default 30 s. */
	slowestMs?: number;
	/** false: the item list is never read (plain and json print from the batch alone). Default true. */
	list?: boolean;
}

export {LOG_PAGE_SIZE} from './log-reads.js';
const HALTING = new Set(['unauthorized', 'forbidden', 'not_found', 'invalid_request']);

export class Poller {
	private timer: unknown = null;
	private running = false;
	private again = false;
	private stopped = true;
	private controller: AbortController | null = null;
	private readonly clock: Clock;
	/** The run view's reads (logs.ts). */
	private readonly logs: LogFollower;
	/** Failure triage: causes of failed items (failures.ts); f/F jumps and [/] across pages (navigator.ts). */
	private failures: FailureFetcher;
	private readonly navigator: Navigator;
	private triage = false;
	/** Until when the server asked (Retry-After) not to be asked again; null when it did not. */
	private quietUntil: number | null = null;
	/** Marks the poll under way overdue when it fires; cleared by the answer. */
	private overdueTimer: unknown = null;
	/** The interval in use: slower while nothing changes (pace.ts). */
	private readonly pace: Pace;
	/** The batch's counters every tick, its lean list at its own pace (batch-reads.ts). */
	private batches: BatchReader;
	/** When to poll next after a good poll, or to stop (next-poll.ts). */
	private readonly next: NextPoll;
	/** The next tick reads everything, even once polling stopped (`r`). */
	private full = false;
	private lastTickAt = 0;
	/** goToItem waiting for the first poll of a job's batch. */
	private readonly tickWaiters: (() => void)[] = [];

	constructor(private readonly options: PollerOptions) {
		this.clock = options.clock ?? systemClock;
		this.pace = new Pace(options.intervalMs, options.slowestMs);
		this.next = new NextPoll(options.store, options.intervalMs, this.pace);
		this.batches = new BatchReader(options.client);
		this.logs = new LogFollower(options.client, options.store);
		this.failures = new FailureFetcher({client: options.client, store: options.store});
		this.navigator = new Navigator({client: options.client, store: options.store, clock: this.clock});
	}

	/** Also fetch why items failed, every tick (the TUI's failure line). */
	enableTriage(): void {
		this.triage = true;
	}

	/** f / F: select the next (1) or previous (-1) failed item, walking pages as needed. */
	async jumpToFailure(direction: 1 | -1): Promise<void> {
		await this.navigator.jump(direction);
	}

	/** Select `item` of the batch's lean list, fetching its page (a job's f/F, `L`); `landed`: said once there. */
	async goToItem(item: LeanItem, landed?: string): Promise<void> {
		// A job's batch just opened: its item list comes with its first poll.
		if (!completeLeanItems(this.options.store.getState().batch) && !this.stopped) {
			await new Promise<void>((resolve) => {
				this.tickWaiters.push(resolve);
			});
		}

		await this.navigator.goTo(item, landed);
	}

	/** A poll ended (or polling stopped): whoever waited for one goes on. */
	private tickEnded(): void {
		for (const resolve of this.tickWaiters.splice(0)) resolve();
	}

	/**
	 * Watching a job: the batch screen opened on another batch (the store's batchId). What is
	 * kept per batch starts again; the session's read of the new screen starts the polling.
	 */
	switchBatch(): void {
		this.stop();
		this.batches = new BatchReader(this.options.client);
		this.failures = new FailureFetcher({client: this.options.client, store: this.options.store});
		this.next.reset();
		this.full = false;
		this.pace.reset();
		this.stopped = false;
	}

	/** `[` / `]` at the page's edge in the run view: the previous (-1) / next (1) page's nearest item's run. */
	async stepRunAcross(delta: -1 | 1): Promise<void> {
		await this.navigator.stepRunAcross(delta);
	}

	/**
	 * `r`: poll everything once now (also once polling stopped because the batch finished), at the
	 * asked pace again; or, while the server's Retry-After runs, say why not (the header says when
	 * the next try is).
	 */
	refresh(): void {
		this.activity();
		if (this.stopped) return;
		if (this.waitingForServer()) {
			this.options.store.getState().setNotice({kind: 'refresh-held'});
			return;
		}

		this.full = true;
		this.batches.wantLean();
		this.refreshNow();
	}

	/** Any key: back to the asked interval, the next poll at most one interval after the last. */
	activity(): void {
		if (!this.pace.reset()) return;
		this.options.store.getState().pollingPaced(null);
		if (this.timer === null || this.running || this.waitingForServer()) return;
		this.schedule(Math.max(0, this.lastTickAt + this.options.intervalMs - this.clock.now()));
	}

	/** Whether a poll is under way. */
	get busy(): boolean {
		return this.running;
	}

	start(): void {
		if (!this.stopped) return;
		this.stopped = false;
		this.refreshNow();
	}

	/** Space: paused, nothing is scheduled; resumed, a poll now. */
	pauseChanged(): void {
		if (this.options.store.getState().paused) this.cancelTimer();
		else this.refreshNow();
	}

	stop(): void {
		this.stopped = true;
		this.tickEnded();
		this.cancelTimer();
		this.clearOverdue();
		this.navigator.stop();
		this.controller?.abort();
		this.controller = null;
	}

	/**
	 * Poll now; if a poll is under way, poll again right after it. While the server's Retry-After
	 * runs, nothing is sent (the poll already scheduled goes at its time).
	 */
	refreshNow(): void {
		if (this.stopped) return;
		if (this.running) {
			this.again = true;
			return;
		}
		if (this.waitingForServer()) return;
		this.cancelTimer();
		void this.tick();
	}

	private waitingForServer(): boolean {
		return this.quietUntil !== null && this.clock.now() < this.quietUntil;
	}

	private clearOverdue(): void {
		if (this.overdueTimer !== null) this.clock.clearTimeout(this.overdueTimer);
		this.overdueTimer = null;
	}

	private cancelTimer(): void {
		if (this.timer !== null) this.clock.clearTimeout(this.timer);
		this.timer = null;
	}

	private schedule(ms: number): void {
		this.cancelTimer();
		if (this.stopped || this.options.store.getState().paused) return;
		this.timer = this.clock.setTimeout(() => {
			this.timer = null;
			void this.tick();
		}, ms);
	}

	private async tick(): Promise<void> {
		if (this.stopped || this.running) return;
		this.running = true;
		this.again = false;
		const controller = new AbortController();
		this.controller = controller;
		const {store, intervalMs} = this.options;
		const state = store.getState();
		// Once the batch finished and a poll confirmed it, only what is not held yet is read.
		const settled = state.polling.settled && !this.full;
		this.full = false;
		const before = shown(state);
		let delay: number | null = intervalMs;
		// No answer for twice the interval: the data is marked stale (one change, undone by the answer).
		this.overdueTimer = this.clock.setTimeout(
			() => {
				this.overdueTimer = null;
				store.getState().pollOverdue();
			},
			this.options.overdueMs ?? Math.max(2 * intervalMs, 2000),
		);
		try {
			if (settled) await readWhatIsMissing(this.reads, state, controller.signal);
			else await readScreen(this.reads, state, controller.signal);
			if (this.triage) await this.failures.step(controller.signal);
			this.clearOverdue();
			this.quietUntil = null;
			store.getState().pollSucceeded(this.clock.now());
			store.getState().setNotice(null);
			const changed = !sameShown(before, shown(store.getState()));
			if (!settled) this.batches.changed(changed);
			delay = this.next.after(settled, changed, () => this.triage && this.failures.missing().length > 0);
		} catch (caught) {
			this.clearOverdue();
			flushQuiet(store);
			if (this.stopped || controller.signal.aborted) {
				this.running = false;
				// Aborted for another batch (a job's batch screen): its first read was asked meanwhile.
				if (this.again) this.refreshNow();
				return;
			}
			const error = toApiError(caught);
			const failures = store.getState().connection.failures + 1;
			if (HALTING.has(error.kind)) {
				store.getState().pollFailed(error, null, this.clock.now());
				this.running = false;
				this.options.onTick?.();
				this.tickEnded();
				this.options.onHalt?.(error);
				return;
			}
			const max = this.options.maxBackoffMs ?? 60_000;
			delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(failures, Math.max(intervalMs, 1000), max, this.options.random));
			// The server said how long to wait: no poll goes before (not even for r).
			this.quietUntil = error.retryAfterMs === undefined ? null : this.clock.now() + delay;
			store.getState().pollFailed(error, this.clock.now() + delay, this.clock.now());
		}
		flushQuiet(store);
		this.running = false;
		this.lastTickAt = this.clock.now();
		if (this.controller === controller) this.controller = null;
		this.options.onTick?.();
		this.tickEnded();
		if (this.again && !this.waitingForServer()) this.refreshNow();
		else if (delay !== null) this.schedule(delay);
	}

	private get reads(): ScreenReads {
		const {client, store, intervalMs, list} = this.options;
		return {client, store, intervalMs, list: list !== false, batches: this.batches, logs: this.logs, now: () => this.clock.now()};
	}
}
