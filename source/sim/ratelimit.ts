// An optional per-organization rate limit, off by default: `limit` requests per fixed window of
// `windowMs` on the simulator's clock (windows counted from its start). Every answer carries
// X-RateLimit-Limit / -Remaining / -Reset (seconds until the window ends) unless `headers` is
// false (the newer docs: none sent); a request over the limit is answered 429 RATE_LIMITED with
// Retry-After (seconds).

export interface RateLimitOptions {
	/** Requests allowed per window. */
	limit: number;
	/** Default 60 s. */
	windowMs?: number;
	/** Send the X-RateLimit-* headers, default true. */
	headers?: boolean;
}

export interface RateDecision {
	over: boolean;
	/** The X-RateLimit-* headers to send (none when `headers` is false). */
	headers: Record<string, string>;
	/** Seconds until the window ends (at least 1). */
	retryAfterSeconds: number;
}

export class RateWindow {
	private readonly windowMs: number;
	private window = Number.NaN;
	private count = 0;

	constructor(
		private readonly options: RateLimitOptions,
		private readonly originAbs: number,
	) {
		this.windowMs = Math.max(1, options.windowMs ?? 60_000);
	}

	/** Counts a request arriving at `now` (refused ones count too, as a real limiter's do). */
	hit(now: number): RateDecision {
		const window = Math.floor((now - this.originAbs) / this.windowMs);
		if (window !== this.window) {
			this.window = window;
			this.count = 0;
		}

		this.count++;
		const over = this.count > this.options.limit;
		const endsAt = this.originAbs + (window + 1) * this.windowMs;
		const retryAfterSeconds = Math.max(1, Math.ceil((endsAt - now) / 1000));
		const headers: Record<string, string> =
			this.options.headers === false
				? {}
				: {
						'x-ratelimit-limit': String(this.options.limit),
						'x-ratelimit-remaining': String(Math.max(0, this.options.limit - this.count)),
						'x-ratelimit-reset': String(retryAfterSeconds),
					};
		return {over, headers, retryAfterSeconds};
	}
}
