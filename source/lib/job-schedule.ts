// Which batches of a job to refresh next, within the requests the budget allows now.
// The batch on screen first; then the rest by how late each is for its own period: a running
// batch's period is the interval, a queued one's `queuedFactor` intervals (4 by default), so
// under a tight budget the least recently refreshed running batches go first and queued ones
// still get their turn, less often. A batch never read is as late as can be. A batch confirmed
// finished is never read again; one whose last read failed waits for its own retry time
// (`notBefore`). Pure: the poller keeps the state.

import type {JobBatchState} from './job.js';

export interface ScheduleEntry {
	id: string;
	state: JobBatchState;
	/** Known finished (store/job.ts loadedEntry, by lib/finished.ts): nothing left to learn. */
	confirmed?: boolean;
	/** Its batch screen is open. */
	onScreen?: boolean;
	/** Last refreshed (ms), null when never read. */
	refreshedAt: number | null;
	/** A request for it is out: not asked again until it answers. */
	pending?: boolean;
	/** Not before this time (ms): its last read failed and it backs off. */
	notBefore?: number | null;
}

export interface ScheduleOptions {
	now: number;
	intervalMs: number;
	/** Requests the budget allows now. */
	budget: number;
	/** A queued batch is refreshed every `queuedFactor` intervals, default 4. */
	queuedFactor?: number;
}

export interface Schedule {
	/** Ids to refresh now, most urgent first, at most `budget`. */
	ids: string[];
	/** When the next entry not picked becomes due (ms), null when none ever will. */
	nextDueAt: number | null;
}

export const QUEUED_FACTOR = 4;

/** How long between two refreshes of an entry, or null for never. */
export function refreshPeriod(entry: ScheduleEntry, intervalMs: number, queuedFactor = QUEUED_FACTOR): number | null {
	if (entry.state === 'finished' && entry.confirmed) return null;
	if (entry.onScreen || entry.state !== 'queued') return intervalMs;
	return intervalMs * queuedFactor;
}

interface Candidate {
	id: string;
	index: number;
	onScreen: boolean;
	/** Time since the last refresh in periods: due from 1; Infinity when never read. */
	lateness: number;
}

export function pickRefreshes(entries: readonly ScheduleEntry[], options: ScheduleOptions): Schedule {
	const {now, intervalMs} = options;
	const budget = Math.max(0, Math.floor(options.budget));
	const due: Candidate[] = [];
	let nextDueAt: number | null = null;
	entries.forEach((entry, index) => {
		const period = refreshPeriod(entry, intervalMs, options.queuedFactor);
		if (period === null || entry.pending) return;
		const notBefore = entry.notBefore ?? Number.NEGATIVE_INFINITY;
		if (entry.refreshedAt === null && notBefore <= now) {
			due.push({id: entry.id, index, onScreen: entry.onScreen === true, lateness: Number.POSITIVE_INFINITY});
			return;
		}

		const dueAt = Math.max(entry.refreshedAt === null ? notBefore : entry.refreshedAt + period, notBefore);
		if (dueAt <= now) {
			due.push({
				id: entry.id,
				index,
				onScreen: entry.onScreen === true,
				lateness: entry.refreshedAt === null ? Number.POSITIVE_INFINITY : (now - entry.refreshedAt) / period,
			});
		} else if (nextDueAt === null || dueAt < nextDueAt) {
			nextDueAt = dueAt;
		}
	});

	due.sort((a, b) => Number(b.onScreen) - Number(a.onScreen) || b.lateness - a.lateness || a.index - b.index);
	const picked = due.slice(0, budget);
	// Due but left for later: due again as soon as the budget allows.
	if (due.length > picked.length) nextDueAt = now;
	return {ids: picked.map((c) => c.id), nextDueAt};
}
