// When a batch is finished: the one rule of every mode and screen. The poller stops on it (after
// one more poll confirms it), a job's rows, summary and reads count by it, plain and JSON say
// `done` on it, the rules end a watch on it (--exit-on-complete, and always in plain/JSON),
// --notify tells it, the TUI's words (`finished · not polling`, `finished: 110 succeeded…`)
// follow it. Pure.
import type {Batch} from '../api/types.js';
import {isTerminal} from './status.js';
import type {BatchSummary} from './summary.js';

/** What else is known of a batch than the read at hand. */
export interface FinishedEvidence {
	/**
	 * Its summary when made from a fuller read than `batch` still holds (a job keeps only the failed
	 * lean items of a batch): an item that read counted in flight counts.
	 */
	summary?: BatchSummary | null;
	/**
	 * The read before brought the same figures (a job's second look at a terminal batch whose
	 * counters do not add up: a server whose counters never do). Its counters then stand. The
	 * batch on the batch screen carries it itself (Batch.countersStood, set by the store).
	 */
	stood?: boolean;
}

/** The counters add up to the total: succeeded + failed + cancelled (the API's "in flight" is the rest). */
export function countersAddUp(batch: Batch): boolean {
	return batch.items_succeeded + batch.items_failed + batch.items_cancelled >= batch.items_total;
}

/**
 * Finished: its status is terminal AND no item is still queued or running: none of its lean
 * items held (nor of the fuller read its summary was made from), and by its counters none in
 * flight (they add up to its total, or stood on a second look). A server that calls a batch
 * `succeeded` while an item still runs is not taken at its word until the item ends; an item
 * list that says every item ended while the status is not terminal is not enough either.
 */
export function isBatchFinished(batch: Batch | null, evidence: FinishedEvidence = {}): boolean {
	if (!batch || !isTerminal(batch.status_code)) return false;
	if (batch.items?.some((item) => !isTerminal(item.status_code))) return false;
	const {summary, stood} = evidence;
	if (summary?.source === 'items' && summary.inFlight > 0) return false;
	return stood === true || batch.countersStood === true || countersAddUp(batch);
}
