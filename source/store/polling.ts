// The pace of polling as the header tells it, a slice merged into the store: the interval in
// use when polls brought nothing new for a while (slower than the one asked for), and whether
// polling stopped because the batch finished. Set by the poller (poller/pace.ts decides).
import type {Get, Set} from './logs.js';

export {initialPolling, type PollingState} from './polling-state.js';

export interface PollingActions {
	pollingPaced(slowerEveryMs: number | null): void;
	pollingSettled(settled: boolean): void;
}

export function createPollingSlice(set: Set, get: Get): PollingActions {
	return {
		pollingPaced(slowerEveryMs) {
			const {polling} = get();
			if (polling.slowerEveryMs !== slowerEveryMs) set({polling: {...polling, slowerEveryMs}});
		},

		pollingSettled(settled) {
			const {polling} = get();
			if (polling.settled !== settled) set({polling: {...polling, settled, slowerEveryMs: settled ? null : polling.slowerEveryMs}});
		},
	};
}
