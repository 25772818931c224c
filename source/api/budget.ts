// One request budget shared by every request of a job: at most `ratePerSecond` requests in any
// one-second window, however many batches are watched. A spacing limiter (GCRA): requests go out
// one every 1/rate seconds, `burst` of them at once at most after a quiet spell. Waiters are
// served first come, first served; one aborted while waiting gives its place back.

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

export interface BudgetOptions {
	/** Requests per second, above 0 (0.5 = one every 2 s). */
	ratePerSecond: number;
	/** Requests that may go out together after a quiet spell, default 1 (strict spacing). */
	burst?: number;
	clock?: BudgetClock;
}

interface Waiter {
	resolve(): void;
	reject(error: Error): void;
	signal: AbortSignal | undefined;
	onAbort: (() => void) | undefined;
}

function abortError(signal: AbortSignal | undefined): Error {
	const reason: unknown = signal?.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('request cancelled');
	error.name = 'AbortError';
	return error;
}

export class RequestBudget {
	readonly ratePerSecond: number;
	readonly burst: number;
	/** ms between two requests. */
	readonly spacingMs: number;
	private readonly clock: BudgetClock;
	/** GCRA's theoretical arrival time: when the next request would go under strict spacing. */
	private tat = Number.NEGATIVE_INFINITY;
	private readonly queue: Waiter[] = [];
	private cancelTimer: (() => void) | undefined;
	/** Requests let through so far (for tests and the bench). */
	granted = 0;

	constructor(options: BudgetOptions) {
		if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
			throw new RangeError(`a request budget needs a rate above 0, not ${options.ratePerSecond}`);
		}

		this.ratePerSecond = options.ratePerSecond;
		this.burst = Math.max(1, Math.floor(options.burst ?? 1));
		this.spacingMs = 1000 / options.ratePerSecond;
		this.clock = options.clock ?? realClock;
	}

	/** Requests waiting for their turn. */
	get waiting(): number {
		return this.queue.length;
	}

	/** When the next request may go (clock time). */
	private readyAt(): number {
		return this.tat - ((this.burst - 1) * this.spacingMs);
	}

	private grant(now: number): void {
		this.tat = Math.max(this.tat, now) + this.spacingMs;
		this.granted++;
	}

	/** Resolves when a request may go out; rejects if `signal` aborts first (the turn is given back). */
	async take(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw abortError(signal);
		const now = this.clock.now();
		if (this.queue.length === 0 && now >= this.readyAt()) {
			this.grant(now);
			return;
		}

		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {resolve, reject, signal, onAbort: undefined};
			if (signal) {
				waiter.onAbort = () => {
					const index = this.queue.indexOf(waiter);
					if (index !== -1) this.queue.splice(index, 1);
					reject(abortError(signal));
					if (index === 0) this.schedule();
				};
				signal.addEventListener('abort', waiter.onAbort, {once: true});
			}

			this.queue.push(waiter);
			if (this.queue.length === 1) this.schedule();
		});
	}

	/** Lets through every waiter whose turn has come, then sets a timer for the next one. */
	private pump = (): void => {
		this.cancelTimer = undefined;
		const now = this.clock.now();
		while (this.queue.length > 0 && now >= this.readyAt()) {
			const waiter = this.queue.shift()!;
			if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
			this.grant(now);
			waiter.resolve();
		}

		this.schedule();
	};

	private schedule(): void {
		this.cancelTimer?.();
		this.cancelTimer = undefined;
		if (this.queue.length === 0) return;
		const wait = Math.max(0, Math.ceil(this.readyAt() - this.clock.now()));
		this.cancelTimer = this.clock.setTimeout(this.pump, wait);
	}
}
