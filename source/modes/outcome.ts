// What a batch came to, and the one-line summary every mode prints. Pure.
import type {Batch} from '../api/types.js';
import {formatClock, formatDuration} from '../lib/format.js';
import {formatMoney} from '../lib/money.js';
import {isTerminal, statusSymbol} from '../lib/status.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';

export type Outcome = 'succeeded' | 'failed' | 'running';

/** Finished when the batch says so, or when every item is terminal. */
export function isBatchFinished(batch: Batch): boolean {
	if (isTerminal(batch.status_code)) return true;
	const summary = summarizeBatch(batch);
	return summary.total > 0 && summary.finished >= summary.total;
}

export function batchOutcome(batch: Batch): Outcome {
	if (!isBatchFinished(batch)) return 'running';
	const summary = summarizeBatch(batch);
	const bad = summary.failed + summary.cancelled;
	if (bad > 0 || ['failed', 'errored', 'cancelled'].includes(batch.status_code)) return 'failed';
	return 'succeeded';
}

/** `✓31 ✗3 ⊘1 ◐5 ○80`: every status with a count, by symbol. */
export function compactCounts(summary: BatchSummary): string {
	return summary.counts.map((c) => `${statusSymbol(c.status)}${c.count}`).join(' ');
}

/** `12:03:05 running 40/120 ✓31 ✗3 ◐6, $1.23` */
export function progressLine(batch: Batch, at: number, statusWord?: string): string {
	const summary = summarizeBatch(batch);
	const counts = compactCounts(summary);
	const word = statusWord ?? batch.status_code;
	return `${formatClock(at)} ${word} ${summary.finished}/${summary.total}${counts ? ` ${counts}` : ''}, ${formatMoney(summary.cost)}`;
}

/** The final line: `done: failed 117/120 ✓110 ✗7 ⊘3, $1.48 in 3m 05s` */
export function finalLine(batch: Batch | null, at: number, reason: string): string {
	if (!batch) return `${formatClock(at)} ${reason}: no data was received`;
	const took = isBatchFinished(batch) ? batch.duration_ms ?? null : null;
	const duration = took !== null ? ` in ${formatDuration(took)}` : '';
	return `${progressLine(batch, at, `${reason}: ${batch.status_code}`)}${duration}`;
}
