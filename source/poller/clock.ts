// Time as the poller sees it: the system's, or a simulated one (bench, soak test).
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

/** Waits `ms` on `clock`; resolves at once when `signal` aborts (meanwhile or already). */
export async function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
	if (ms <= 0 || signal.aborted) return;
	await new Promise<void>((resolve) => {
		const onAbort = () => {
			clock.clearTimeout(timer);
			resolve();
		};

		const timer = clock.setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal.addEventListener('abort', onAbort, {once: true});
	});
}
