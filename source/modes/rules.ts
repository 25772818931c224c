// When watching ends by itself: the batch finished (--exit-on-complete, and always in
// plain/json), the first failure (--fail-fast), --timeout, polling halted (key rejected,
// batch not found), or network errors that went on too long. Shared by every mode.
import type {ApiErrorKind} from '../api/errors.js';
import type {Batch} from '../api/types.js';
import {formatDuration} from '../lib/format.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import type {Clock} from '../poller/poller.js';
import type {AppStore} from '../store/store.js';
import {ExitCode} from './exit-codes.js';
import {batchOutcome, isBatchFinished} from './outcome.js';

export interface Rules {
	exitOnComplete: boolean;
	/** The code tells the outcome (1 when items failed or were cancelled). */
	exitStatus: boolean;
	failFast: boolean;
	timeoutMs?: number;
	/** Give up after failing polls for this long; undefined = never. */
	giveUpMs?: number;
	/** Whether halted polling (key rejected, batch not found) ends the watch even after data was shown. */
	haltAfterData?: boolean;
}

export type EndReason = 'complete' | 'fail-fast' | 'timeout' | 'halted' | 'gave-up' | 'interrupted' | 'quit';

export interface WatchEnd {
	reason: EndReason;
	code: number;
	/** For stderr: why it ended, when that is an error. */
	message?: string;
}

export function haltCode(kind: ApiErrorKind | null): number {
	if (kind === 'unauthorized' || kind === 'forbidden') return ExitCode.auth;
	if (kind === 'not_found') return ExitCode.notFound;
	if (kind === 'invalid_request') return ExitCode.usage;
	return ExitCode.network;
}

/** Watches the store and calls `onEnd` once when a rule ends the watch. Returns a disposer. */
export function watchRules(store: AppStore, rules: Rules, clock: Clock, onEnd: (end: WatchEnd) => void): () => void {
	const startedAt = clock.now();
	let done = false;
	let timer: unknown = null;
	// The rules are checked on every poll (the connection changes each time): the batch's
	// summary is made again only when the batch itself changed.
	let summarized: {batch: Batch; summary: BatchSummary} | null = null;
	const summaryOf = (batch: Batch): BatchSummary => {
		if (summarized?.batch !== batch) summarized = {batch, summary: summarizeBatch(batch)};
		return summarized.summary;
	};
	const end = (result: WatchEnd) => {
		if (done) return;
		done = true;
		dispose();
		onEnd(result);
	};
	const check = () => {
		const state = store.getState();
		const {batch, connection} = state;
		if (connection.status === 'halted' && (rules.haltAfterData !== false || connection.lastSuccessAt === null)) {
			end({reason: 'halted', code: haltCode(connection.errorKind), message: connection.error ?? 'polling stopped'});
			return;
		}
		if (connection.status === 'retrying' && rules.giveUpMs !== undefined) {
			const since = connection.lastSuccessAt ?? startedAt;
			if (clock.now() - since >= rules.giveUpMs) {
				end({reason: 'gave-up', code: ExitCode.network, message: `gave up after ${formatDuration(clock.now() - since)} of errors: ${connection.error ?? 'no answer'}`});
				return;
			}
		}
		if (!batch || !(rules.failFast || rules.exitOnComplete)) return;
		const summary = summaryOf(batch);
		if (rules.failFast && summary.failed > 0) {
			end({reason: 'fail-fast', code: ExitCode.failed});
			return;
		}
		if (rules.exitOnComplete && isBatchFinished(batch, summary)) {
			const failed = batchOutcome(batch, summary) === 'failed';
			end({reason: 'complete', code: rules.exitStatus && failed ? ExitCode.failed : ExitCode.ok});
		}
	};
	const unsubscribe = store.subscribe((state, previous) => {
		if (state.batch !== previous.batch || state.connection !== previous.connection) check();
	});
	if (rules.timeoutMs !== undefined) {
		timer = clock.setTimeout(() => {
			const batch = store.getState().batch;
			const summary = batch ? summaryOf(batch) : null;
			const progress = summary ? ` (${summary.finished}/${summary.total} finished)` : '';
			end({reason: 'timeout', code: ExitCode.timeout, message: `timed out after ${formatDuration(rules.timeoutMs)}: the batch had not finished${progress}`});
		}, rules.timeoutMs);
	}
	function dispose() {
		unsubscribe();
		if (timer !== null) clock.clearTimeout(timer);
		timer = null;
	}
	check();
	return dispose;
}
