// The plain and json modes: no terminal needed. They watch the same store the TUI does, report
// what changed, and exit when the batch (or the job) finishes; the code tells the outcome. One
// loop (watch-loop.ts) over what is watched: one batch here, a job in job-headless.ts.
import type {Batch} from '../api/types.js';
import {glanceOf} from '../lib/glance.js';
import {isFailure} from '../lib/status.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import {Poller} from '../poller/poller.js';
import type {SeenFailure} from './cause-reads.js';
import {runJobHeadless} from './job-headless.js';
import {jsonReporter, moreFailedEvent, plainReporter, type Reporter} from './reporters.js';
import {endWord} from './watch-end.js';
import {runWatch, type HeadlessOptions, type Subject} from './watch-loop.js';

export type {HeadlessConfig, HeadlessOptions} from './watch-loop.js';

function countsKey(summary: BatchSummary, batch: Batch): string {
	return `${batch.status_code}|${summary.counts.map((c) => `${c.status}:${c.count}`).join(',')}|${summary.cost ?? ''}`;
}

/**
 * One batch (the store's `batch`): a snapshot when its status, counts or cost changed (with the
 * figures at a glance), an `item` event per status change after the first answer, a failure
 * line per item that failed, and the batch in the heartbeat and the last line.
 */
export function batchSubject(options: HeadlessOptions): Subject<Reporter> {
	const {store, client} = options;
	// Plain and json print from the batch alone: they never read the item list.
	const poller =
		options.poller ?? new Poller({client, store, intervalMs: options.intervalMs ?? 2000, list: false, ...(options.clock ? {clock: options.clock} : {})});
	return {
		reporter: {json: jsonReporter, plain: plainReporter},
		namesBatch: false,
		poller,
		watch(context, reporter) {
			const seen = new Map<string, string>(); // item id → last status reported
			let lastKey = '';
			let failedCounter = 0;
			const summaryNow = () => {
				const {batch} = store.getState();
				return {batch, summary: batch ? summarizeBatch(batch) : null};
			};

			const onBatch = (batch: Batch) => {
				const at = context.clock.now();
				const summary = summarizeBatch(batch);
				const key = countsKey(summary, batch);
				if (key !== lastKey) {
					lastKey = key;
					const state = store.getState();
					const held = [...state.list.pages.values()].flatMap((page) => page.items);
					reporter.snapshot(batch, summary, at, glanceOf(summary, batch, held, state.samples, null, client.serverNow()));
					context.said(at);
				}

				context.budget(() => summary, at);
				if (batch.items) {
					const first = seen.size === 0;
					const failures: SeenFailure[] = [];
					for (const item of batch.items) {
						const before = seen.get(item.id);
						if (before === item.status_code) continue;
						seen.set(item.id, item.status_code);
						if (!first) {
							reporter.item(
								{
									id: item.id,
									sequence_index: item.sequence_index,
									client_ref: item.client_ref ?? null,
									status: item.status_code,
									previous_status: before ?? null,
									run_id: item.run_id,
								},
								at,
							);
						}

						if (isFailure(item.status_code)) failures.push({batchId: store.getState().batchId, item});
					}

					context.failures(failures);
				} else if (summary.failed > failedCounter) {
					reporter.error(moreFailedEvent(summary.failed - failedCounter), at);
				}

				failedCounter = summary.failed;
			};

			return {
				onChange(state, previous) {
					if (state.batch && state.batch !== previous.batch) onBatch(state.batch);
				},
				heartbeat(at, quietMs, staleness) {
					const {batch, summary} = summaryNow();
					reporter.heartbeat(batch, summary, at, quietMs, staleness);
				},
				done(end, at) {
					const {batch, summary} = summaryNow();
					reporter.done(batch, summary, {reason: endWord(end.reason), exit_code: end.code}, at);
				},
			};
		},
	};
}

/** Watches the job when the store holds one (job-headless.ts), else its batch, until the end; returns the exit code. */
export async function runHeadless(options: HeadlessOptions): Promise<number> {
	if (options.store.getState().job) return runJobHeadless(options);
	return runWatch(options, batchSubject(options));
}
