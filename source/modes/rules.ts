// When watching ends by itself: the batch or the job finished (--exit-on-complete, and always
// in plain/json), the first failure (--fail-fast), --timeout, polling halted (key rejected,
// batch not found), or network errors that went on too long. One engine for every mode; what
// "finished" and "failed" mean is the target's: one batch's here, a job's in job-rules.ts.
import type {Batch} from '../api/types.js';
import {isBatchFinished} from '../lib/finished.js';
import {formatDuration} from '../lib/format.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import type {Clock} from '../poller/poller.js';
import type {AppState} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {ExitCode} from './exit-codes.js';
import {jobTarget} from './job-rules.js';
import {batchOutcome} from './outcome.js';
import {haltCode, type Rules, type WatchEnd, type WatchTarget} from './watch-end.js';

export {haltCode, type EndReason, type Rules, type WatchEnd} from './watch-end.js';

/** One batch (the store's `batch`): complete when it is finished, failed at its first failed item. */
export function batchTarget(rules: Rules): WatchTarget<AppState> {
	// The rules are checked on every poll (the connection changes each time): the batch's
	// summary is made again only when the batch itself changed.
	let summarized: {batch: Batch; summary: BatchSummary} | null = null;
	const summaryOf = (batch: Batch): BatchSummary => {
		if (summarized?.batch !== batch) summarized = {batch, summary: summarizeBatch(batch)};
		return summarized.summary;
	};
	return {
		changed: (state, previous) => state.batch !== previous.batch,
		check({batch}) {
			if (!batch || !(rules.failFast || rules.exitOnComplete)) return null;
			const summary = summaryOf(batch);
			if (rules.failFast && summary.failed > 0) return {reason: 'fail-fast', code: ExitCode.failed};
			if (!rules.exitOnComplete || !isBatchFinished(batch, {summary})) return null;
			const failed = batchOutcome(batch, summary) === 'failed';
			return {reason: 'complete', code: rules.exitStatus && failed ? ExitCode.failed : ExitCode.ok};
		},
		unfinished({batch}) {
			const summary = batch ? summaryOf(batch) : null;
			return `the batch had not finished${summary ? ` (${summary.finished}/${summary.total} finished)` : ''}`;
		},
	};
}

/**
 * Watches the store and calls `onEnd` once when a rule ends the watch. Returns a disposer. The
 * target is the job when the store holds one (several batches, or one batch `R` made a job of),
 * else its one batch.
 */
export function watchRules(store: AppStore, rules: Rules, clock: Clock, onEnd: (end: WatchEnd) => void): () => void {
	const single = batchTarget(rules);
	let whole: WatchTarget<AppState> | null = null;
	const targetOf = (state: AppState): WatchTarget<AppState> => (state.job ? (whole ??= jobTarget(rules)) : single);
	const startedAt = clock.now();
	let done = false;
	let timer: unknown = null;
	const end = (result: WatchEnd) => {
		if (done) return;
		done = true;
		dispose();
		onEnd(result);
	};
	const check = () => {
		const state = store.getState();
		const {connection} = state;
		if (connection.status === 'halted' && (rules.haltAfterData !== false || connection.lastSuccessAt === null)) {
			end({reason: 'halted', code: haltCode(connection.errorKind), message: connection.error ?? 'polling stopped'});
			return;
		}
		if (connection.status === 'retrying' && rules.giveUpMs !== undefined) {
			const since = connection.lastSuccessAt ?? startedAt;
			if (clock.now() - since >= rules.giveUpMs) {
				end({
					reason: 'gave-up',
					code: ExitCode.network,
					message: `gave up after ${formatDuration(clock.now() - since)} of errors: ${connection.error ?? 'no answer'}`,
				});
				return;
			}
		}
		const result = targetOf(state).check(state);
		if (result) end(result);
	};
	const unsubscribe = store.subscribe((state, previous) => {
		if (targetOf(state).changed(state, previous) || state.job !== previous.job || state.connection !== previous.connection) check();
	});
	if (rules.timeoutMs !== undefined) {
		const limit = rules.timeoutMs;
		timer = clock.setTimeout(() => {
			const state = store.getState();
			end({reason: 'timeout', code: ExitCode.timeout, message: `timed out after ${formatDuration(limit)}: ${targetOf(state).unfinished(state)}`});
		}, limit);
	}
	function dispose() {
		unsubscribe();
		if (timer !== null) clock.clearTimeout(timer);
		timer = null;
	}
	check();
	return dispose;
}
