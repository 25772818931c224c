// A job's wiring: the batches a growing --batches-file adds, and the line left in the scrollback.
import {summarizeJob} from '../lib/job.js';
import {formatMoney} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import type {JobPoller} from '../poller/job-poller.js';
import type {JobState} from '../store/job-state.js';
import type {AppStore} from '../store/store.js';
import type {Config} from './args.js';
import {watchBatchesFile} from './batches-watch.js';

/** Watches a regular --batches-file for appended ids: they join the job. Returns the stop. */
export function watchForBatches(config: Config, store: AppStore, jobPoller: JobPoller | undefined): () => void {
	const file = config.batchesFile;
	if (!file?.regular || !jobPoller) return () => {};
	const watcher = watchBatchesFile(file.path, {
		known: config.batchIds,
		offset: file.offset,
		lines: file.lines,
		onIds: (ids) => {
			store.getState().jobBatchesAdded(ids);
			jobPoller.poke();
		},
		onError: (message) => store.getState().setNotice(sanitize(message, {maxColumns: 200})),
	});
	return () => watcher.stop();
}

/** 'job of 7 batches done: 585/585 ✓560 ✗14 ⊘11, $4.1234' */
export function jobFinalLine(job: JobState, reason: string): string {
	const summary = summarizeJob(job.ids.map((id) => job.batches[id]!).filter(Boolean), 0);
	const counts = `✓${summary.succeeded}${summary.failed > 0 ? ` ✗${summary.failed}` : ''}${summary.cancelled > 0 ? ` ⊘${summary.cancelled}` : ''}`;
	return `job of ${job.ids.length} batches ${reason}: ${summary.finished}/${summary.total} ${counts}, ${formatMoney(summary.cost)}`;
}
