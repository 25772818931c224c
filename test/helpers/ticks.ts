// Counting a poller's ticks (its onTick option), so that a test can wait for "the next polls
// have happened" as a positive sign that a moment has passed, instead of sleeping.
import {waitFor} from './app.js';

export interface TickCounter {
	/** Pass as the poller's onTick. */
	onTick: () => void;
	count: () => number;
	/**
	 * Resolves once `ticks` more ticks have ended (up to the usual deadline), or as soon as
	 * `stopped()` says the poller will not tick again (polling stops once a batch finished).
	 */
	pass: (ticks?: number, stopped?: () => boolean) => Promise<void>;
}

export function tickCounter(): TickCounter {
	let count = 0;
	return {
		onTick() {
			count++;
		},
		count: () => count,
		async pass(ticks = 2, stopped = () => false) {
			const from = count;
			await waitFor(() => count >= from + ticks || stopped(), {message: `${ticks} more poll ticks`});
		},
	};
}
