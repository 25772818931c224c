// "Now", for the few things computed from the time at render (the age of stale data, the
// wait until the next retry). Tests put a fixed clock in ClockContext.
import {createContext, useContext} from 'react';

export type Now = () => number;

export const ClockContext = createContext<Now>(() => Date.now());

export function useClock(): Now {
	return useContext(ClockContext);
}

const seen = new WeakMap<object, number>();

/**
 * The time a state was first looked at, the same on every later look: so a selector that uses
 * "now" gives the same answer for the same state (React asks a store snapshot more than once)
 * and the screen changes only when the store does.
 */
export function frozenNow(state: object, clock: Now): number {
	let at = seen.get(state);
	if (at === undefined) {
		at = clock();
		seen.set(state, at);
	}

	return at;
}
