// One request budget shared by every request of a job: at most `ratePerSecond` requests in any
// one-second window, however many batches are watched. A spacing limiter (GCRA): requests go out
// one every 1/rate seconds, `burst` of them at once at most after a quiet spell. Waiters are
// served first come, first served; one aborted while waiting gives its place back.
//
// When the server states its own limit (X-RateLimit-*: follow()), the budget goes slower still,
// taking at most half of what is left in the window (budget-window.ts); a 429's Retry-After holds
// every request until it has run (hold()), after which they go one at a time as ever: never a
// burst. A request of low priority (the balance) goes only when no other is waiting, or once it
// has waited `lowPatienceMs`.
import {nextWindow, windowRate, windowReadyAt, type ServerWindow} from './budget-window.js';
import type {RateLimit} from './ratelimit.js';

/** Time as the budget sees it: the real clock, or a fake one in tests. */
export interface BudgetClock {
	now(): number;
	/** Calls `fn` after `ms`; the function returned cancels it. */
	setTimeout(fn: () => void, ms: number): () => void;
}

export const realClock: BudgetClock = {
	now: () => performance.now(),
	setTimeout(fn, ms) {
		const timer = setTimeout(fn, ms);
		return () => clearTimeout(timer);
	},
};

/** What the budget follows of the server's limit, for saying so (the header). */
export interface BudgetView {
	/** Requests per second it allows now: --max-rps or less. */
	rate: number;
	limit: number;
	remaining: number;
	/** When the server's window ends (local epoch ms). */
	resetAt: number;
}

export interface BudgetOptions {
	/** Requests per second, above 0 (0.5 = one every 2 s): never passed. */
	ratePerSecond: number;
	/** Requests that may go out together after a quiet spell, default 1 (strict spacing). */
	burst?: number;
	clock?: BudgetClock;
	/** How long a request of low priority waits behind others at most, default 30 s. */
	lowPatienceMs?: number;
	/** Told whenever the server's stated limit changes what the budget allows. */
	onFollow?: (view: BudgetView) => void;
}

export type Priority = 'normal' | 'low';

interface Waiter {
	resolve(): void;
	reject(error: Error): void;
	signal: AbortSignal | undefined;
	onAbort: (() => void) | undefined;
	since: number;
}

function abortError(signal: AbortSignal | undefined): Error {
	const reason: unknown = signal?.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('request cancelled');
	error.name = 'AbortError';
	return error;
}

/** The longest a 429's Retry-After holds the budget. */
const MAX_HOLD_MS = 300_000;

export class RequestBudget {
	readonly ratePerSecond: number;
	readonly burst: number;
	/** ms between two requests at --max-rps. */
	readonly spacingMs: number;
	private readonly clock: BudgetClock;
	private readonly lowPatienceMs: number;
	/** GCRA's theoretical arrival time: when the next request would go under strict spacing. */
	private tat = Number.NEGATIVE_INFINITY;
	private lastGrantAt = Number.NEGATIVE_INFINITY;
	private holdUntil = Number.NEGATIVE_INFINITY;
	private server: ServerWindow | null = null;
	private readonly queue: Waiter[] = [];
	private readonly lowQueue: Waiter[] = [];
	private cancelTimer: (() => void) | undefined;
	/** Requests let through so far (for tests and the bench). */
	granted = 0;

	constructor(private readonly options: BudgetOptions) {
		if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
			throw new RangeError(`a request budget needs a rate above 0, not ${options.ratePerSecond}`);
		}

		this.ratePerSecond = options.ratePerSecond;
		this.burst = Math.max(1, Math.floor(options.burst ?? 1));
		this.spacingMs = 1000 / options.ratePerSecond;
		this.clock = options.clock ?? realClock;
		this.lowPatienceMs = options.lowPatienceMs ?? 30_000;
	}

	/** Requests waiting for their turn. */
	get waiting(): number {
		return this.queue.length + this.lowQueue.length;
	}

	/** The requests per second allowed now: --max-rps, or less while the server's window asks for less. */
	get currentRate(): number {
		return Math.min(this.ratePerSecond, windowRate(this.server, this.clock.now()));
	}

	/** What the budget follows of the server's stated limit, or null (none stated, or its window ended). */
	view(): BudgetView | null {
		const server = this.server;
		if (!server || this.clock.now() >= server.endsAt) return null;
		return {rate: this.currentRate, limit: server.limit, remaining: server.remaining, resetAt: server.resetAt};
	}

	/** An answer stated the server's limit (X-RateLimit-*): the budget follows it. */
	follow(limit: RateLimit): void {
		this.server = nextWindow(this.server, limit, this.clock.now());
		const view = this.view();
		if (view) this.options.onFollow?.(view);
		this.schedule();
	}

	/** A 429 asked to wait `ms`: nothing goes out before then. */
	hold(ms: number): void {
		if (!(ms > 0)) return;
		this.holdUntil = Math.max(this.holdUntil, this.clock.now() + Math.min(ms, MAX_HOLD_MS));
		this.schedule();
	}

	/** When the next request may go (clock time). */
	private readyAt(now: number): number {
		const spacing = this.tat - (this.burst - 1) * this.spacingMs;
		return Math.max(spacing, this.holdUntil, windowReadyAt(this.server, this.lastGrantAt, now));
	}

	private grant(now: number): void {
		this.tat = Math.max(this.tat, now) + this.spacingMs;
		this.lastGrantAt = now;
		if (this.server && now < this.server.endsAt) this.server = {...this.server, ours: this.server.ours + 1};
		this.granted++;
	}

	/**
	 * Resolves when a request may go out; rejects if `signal` aborts first (the turn is given
	 * back). `low`: only when no other request waits (or after waiting `lowPatienceMs`).
	 */
	async take(signal?: AbortSignal, priority: Priority = 'normal'): Promise<void> {
		if (signal?.aborted) throw abortError(signal);
		const now = this.clock.now();
		const clear = priority === 'low' ? this.waiting === 0 : this.queue.length === 0;
		if (clear && now >= this.readyAt(now)) {
			this.grant(now);
			return;
		}

		const queue = priority === 'low' ? this.lowQueue : this.queue;
		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {resolve, reject, signal, onAbort: undefined, since: now};
			if (signal) {
				waiter.onAbort = () => {
					const index = queue.indexOf(waiter);
					if (index !== -1) queue.splice(index, 1);
					reject(abortError(signal));
					this.schedule();
				};
				signal.addEventListener('abort', waiter.onAbort, {once: true});
			}

			queue.push(waiter);
			this.schedule();
		});
	}

	/** The waiter whose turn it is: the first of the others, unless the first low one has waited long enough (or is alone). */
	private next(now: number): Waiter | undefined {
		const low = this.lowQueue[0];
		if (low && (this.queue.length === 0 || now - low.since >= this.lowPatienceMs)) return this.lowQueue.shift();
		return this.queue.shift();
	}

	/** Lets through every waiter whose turn has come, then sets a timer for the next one. */
	private pump = (): void => {
		this.cancelTimer = undefined;
		const now = this.clock.now();
		while (this.waiting > 0 && now >= this.readyAt(now)) {
			const waiter = this.next(now)!;
			if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
			this.grant(now);
			waiter.resolve();
		}

		this.schedule();
	};

	private schedule(): void {
		this.cancelTimer?.();
		this.cancelTimer = undefined;
		if (this.waiting === 0) return;
		const now = this.clock.now();
		const wait = Math.max(0, Math.ceil(this.readyAt(now) - now));
		this.cancelTimer = this.clock.setTimeout(this.pump, wait);
	}
}
