// The poller: a setTimeout chain that refreshes the batch and the page on screen (and
// the open run's logs), one tick at a time. Plain TypeScript: it talks to the client and
// to the store's actions, and knows nothing of React.
import {backoffDelay, type RunflowClient} from '../api/client.js';
import {ApiError, isApiError} from '../api/errors.js';
import type {LogLine} from '../api/types.js';
import {isTerminal} from '../lib/status.js';
import {cursorKey} from '../store/state.js';
import type {AppStore} from '../store/store.js';

export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

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
}

export const LOG_PAGE_SIZE = 200;
const LOG_PAGES_PER_TICK = 10;
const HALTING = new Set(['unauthorized', 'forbidden', 'not_found', 'invalid_request']);

function toApiError(error: unknown): ApiError {
	if (isApiError(error)) return error;
	return new ApiError({kind: 'bad_response', message: 'the server sent something unexpected'});
}

export class Poller {
	private timer: unknown = null;
	private running = false;
	private again = false;
	private stopped = true;
	private controller: AbortController | null = null;
	private unsubscribe: (() => void) | null = null;
	private readonly clock: Clock;
	private logsCaughtUp: string | null = null;

	constructor(private readonly options: PollerOptions) {
		this.clock = options.clock ?? systemClock;
	}

	start(): void {
		if (!this.stopped) return;
		this.stopped = false;
		const {store} = this.options;
		this.unsubscribe = store.subscribe((state, previous) => {
			const navigated = cursorKey(state.list.cursor) !== cursorKey(previous.list.cursor);
			const logsOpened = state.view === 'logs' && (previous.view !== 'logs' || state.logs?.runId !== previous.logs?.runId);
			const resumed = previous.paused && !state.paused;
			if (state.paused && !previous.paused) this.cancelTimer();
			if (navigated || logsOpened || resumed) this.refreshNow();
		});
		this.refreshNow();
	}

	stop(): void {
		this.stopped = true;
		this.cancelTimer();
		this.controller?.abort();
		this.controller = null;
		this.unsubscribe?.();
		this.unsubscribe = null;
	}

	/** Poll now; if a poll is under way, poll again right after it. */
	refreshNow(): void {
		if (this.stopped) return;
		if (this.running) {
			this.again = true;
			return;
		}
		this.cancelTimer();
		void this.tick();
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
		const {client, store, intervalMs} = this.options;
		const state = store.getState();
		const cursor = state.list.cursor;
		let delay = intervalMs;
		try {
			const [batch, page] = await Promise.all([
				client.getBatch(state.batchId, {signal: controller.signal}),
				client.listItems(state.batchId, {limit: state.pageSize, pq: cursor, embed: 'run'}, {signal: controller.signal}),
			]);
			const at = this.clock.now();
			store.getState().batchLoaded(batch, at);
			store.getState().pageLoaded(cursor, page, at);
			await this.followLogs(controller.signal);
			store.getState().pollSucceeded(this.clock.now());
			store.getState().setNotice(null);
		} catch (caught) {
			if (this.stopped || controller.signal.aborted) {
				this.running = false;
				return;
			}
			const error = toApiError(caught);
			const failures = store.getState().connection.failures + 1;
			if (HALTING.has(error.kind)) {
				store.getState().pollFailed(error, null, this.clock.now());
				this.running = false;
				this.options.onTick?.();
				this.options.onHalt?.(error);
				return;
			}
			const max = this.options.maxBackoffMs ?? 60_000;
			delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(failures, Math.max(intervalMs, 1000), max, this.options.random));
			store.getState().pollFailed(error, this.clock.now() + delay, this.clock.now());
		}
		this.running = false;
		if (this.controller === controller) this.controller = null;
		this.options.onTick?.();
		if (this.again) this.refreshNow();
		else this.schedule(delay);
	}

	/** Reads the open run's new log lines: from the last cursor forward, skipping lines held. */
	private async followLogs(signal: AbortSignal): Promise<void> {
		const {client, store} = this.options;
		const state = store.getState();
		const logs = state.logs;
		if (state.view !== 'logs' || !logs?.runId) return;
		const runId = logs.runId;
		if (this.logsCaughtUp === runId && logs.loaded) return;
		const item = [...state.list.pages.values()].flatMap((p) => p.items).find((i) => i.id === logs.itemId);
		const runFinished = item ? isTerminal(item.status_code) : false;
		let cursor = logs.cursor;
		const held = new Set(logs.lines.slice(-LOG_PAGE_SIZE * 2).map((line) => line.id));
		const fresh: LogLine[] = [];
		try {
			for (let i = 0; i < LOG_PAGES_PER_TICK; i++) {
				const page = await client.listRunLogs(runId, {limit: LOG_PAGE_SIZE, pq: cursor}, {signal});
				for (const line of page.items) {
					if (!held.has(line.id)) {
						held.add(line.id);
						fresh.push(line);
					}
				}
				if (!page.next || page.items.length < LOG_PAGE_SIZE) {
					if (runFinished) this.logsCaughtUp = runId;
					break;
				}
				cursor = page.next;
			}
			store.getState().logsLoaded(runId, fresh, cursor, 0);
		} catch (caught) {
			if (signal.aborted) throw caught;
			const error = toApiError(caught);
			if (fresh.length > 0) store.getState().logsLoaded(runId, fresh, cursor, 0);
			store.getState().logsFailed(runId, error.message);
		}
	}
}
