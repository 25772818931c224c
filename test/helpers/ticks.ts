// Counting a poller's ticks (its onTick option), so that a test can wait for "the next polls
// have happened" as a positive sign that a moment has passed, instead of sleeping.
import {waitFor} from './app.js';

export interface TickCounter {
	/** Pass as the poller's onTick. */
	onTick: () => void;
	count: () => number;
	/** Resolves once `ticks` more ticks have ended (up to the usual deadline). */
	pass: (ticks?: number) => Promise<void>;
}

export function tickCounter(): TickCounter {
	let count = 0;
	return {
		onTick() {
			count++;
		},
		count: () => count,
		async pass(ticks = 2) {
			const from = count;
			await waitFor(() => count >= from + ticks, {message: `${ticks} more poll ticks`});
		},
	};
}
