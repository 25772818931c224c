// How often to ask, and when to stop. The interval the user asked for (`--interval`) is the
// fastest pace; while polls bring nothing new it doubles, tick by tick, up to a cap, and snaps
// back on the first change or any key. The batch's lean item list (which grows with the batch)
// is read at a pace that falls as the batch grows, sooner when the counters moved. Once the
// batch is finished (terminal, no item queued or running) and a second poll confirmed it,
// polling stops. Pure policy: the poller applies it (next-poll.ts, poller.ts).
import type {Batch} from '../api/types.js';

/** The slowest pace while nothing changes. */
export const PACE_CAP_MS = 30_000;

export class Pace {
	private current: number;

	constructor(
		readonly askedMs: number,
		readonly capMs = Math.max(askedMs, PACE_CAP_MS),
	) {
		this.current = askedMs;
	}

	/** The interval in use. */
	get everyMs(): number {
		return this.current;
	}

	/** After a good poll: a change brings the asked pace back, no change makes it one step slower. */
	after(changed: boolean): number {
		this.current = changed ? this.askedMs : Math.min(this.capMs, this.current * 2);
		return this.current;
	}

	/** A key, `r`: the asked pace again. Returns whether it was slower. */
	reset(): boolean {
		const slower = this.current !== this.askedMs;
		this.current = this.askedMs;
		return slower;
	}
}

/**
 * How long the lean list may go unread: one interval for a batch of 100 items or fewer,
 * √(total / 100) intervals above (20,000 items: 15), so its bytes per tick grow as the square
 * root of the batch's size. When nothing moved since the last read: four times that (items
 * may still go from queued to running without a counter moving).
 */
export function leanPeriodMs(intervalMs: number, total: number, moved: boolean): number {
	const period = intervalMs * Math.max(1, Math.ceil(Math.sqrt(Math.max(0, total) / 100)));
	return moved ? period : period * 4;
}

/** The counters that tell progress (the batch's running duration left out: it moves every tick on its own). */
export function progressKey(batch: Batch): string {
	return [
		batch.status_code,
		batch.items_total,
		batch.items_succeeded,
		batch.items_failed,
		batch.items_cancelled,
		batch.cost,
		batch.completed_at,
		batch.failure_code,
	].join('|');
}
