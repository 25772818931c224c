// The pace of polling as the store holds it (polling.ts has the actions).

export interface PollingState {
	/** The interval in use, when it is not the one asked for (null: the asked one). */
	slowerEveryMs: number | null;
	/** The batch finished and a poll confirmed it: nothing is asked until `r`. */
	settled: boolean;
}

export function initialPolling(): PollingState {
	return {slowerEveryMs: null, settled: false};
}
