// What a batch came to, and the one-line summary every mode prints. Pure.
import type {Batch} from '../api/types.js';
import {isBatchFinished} from '../lib/finished.js';
import {formatClock, formatDuration} from '../lib/format.js';
import {formatMoney} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {statusSymbol} from '../lib/status.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';

export type Outcome = 'succeeded' | 'failed' | 'running';

/** `running` until the batch is finished (lib/finished.ts); then `failed` when any item failed or was cancelled. */
export function batchOutcome(batch: Batch, given?: BatchSummary): Outcome {
	const summary = given ?? summarizeBatch(batch);
	if (!isBatchFinished(batch, {summary})) return 'running';
	const bad = summary.failed + summary.cancelled;
	if (bad > 0 || ['failed', 'errored', 'cancelled'].includes(batch.status_code)) return 'failed';
	return 'succeeded';
}

/** What a progress line needs: a batch's summary, or a job's (lib/job.ts). */
export type Progress = Pick<BatchSummary, 'counts' | 'finished' | 'total' | 'cost'>;

/** `✓31 ✗3 ⊘1 ◐5 ○80`: every status with a count, by symbol. */
export function compactCounts(summary: Pick<Progress, 'counts'>): string {
	return summary.counts.map((c) => `${statusSymbol(c.status)}${c.count}`).join(' ');
}

/** The batch's status as a word for a line of text: the API's text, made safe. */
export function batchStatusWord(batch: Batch): string {
	return sanitize(batch.status_code, {maxColumns: 30});
}

/**
 * `12:03:05 running 40/120 ✓31 ✗3 ◐6, $1.23`. `word` is safe text; `counts` defaults to
 * compactCounts (plain mode passes them painted).
 */
export function progressLine(summary: Progress, at: number, word: string, counts = compactCounts(summary)): string {
	return `${formatClock(at)} ${word} ${summary.finished}/${summary.total}${counts ? ` ${counts}` : ''}, ${formatMoney(summary.cost)}`;
}

/** The final line: `done: failed 117/120 ✓110 ✗7 ⊘3, $1.48 in 3m 05s` */
export function finalLine(batch: Batch | null, at: number, reason: string): string {
	if (!batch) return `${formatClock(at)} ${reason}: no data was received`;
	const summary = summarizeBatch(batch);
	const took = isBatchFinished(batch, {summary}) ? (batch.duration_ms ?? null) : null;
	const duration = took !== null ? ` in ${formatDuration(took)}` : '';
	return `${progressLine(summary, at, `${reason}: ${batchStatusWord(batch)}`)}${duration}`;
}
