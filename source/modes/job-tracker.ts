// What changed in a job between two states of the store, for the headless modes: batches that
// finished (each said once), failed items seen for the first time (each once, with its batch),
// batches the server said do not exist, and the job's outcome so far. Only the entries that
// changed (a new object) are looked at, so 2,000 batches cost little per read. Pure: no I/O.
import type {Batch, LeanItem} from '../api/types.js';
import {batchState} from '../lib/job.js';
import type {JobEntry} from '../lib/job-rows.js';
import {isFailure} from '../lib/status.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import type {JobState} from '../store/job-state.js';
import {batchOutcome} from './outcome.js';

export interface JobChanges {
	finished: Array<{batch: Batch; summary: BatchSummary}>;
	failures: Array<{batchId: string; item: LeanItem}>;
	missing: string[];
	/** Batches with no lean items whose failed counter grew: by how much. */
	blindFailures: Array<{batchId: string; more: number}>;
}

export class JobTracker {
	private readonly seen = new Map<string, JobEntry>();
	private readonly finishedIds = new Set<string>();
	private readonly missingIds = new Set<string>();
	/** Failed item ids said, by batch. */
	private readonly failed = new Map<string, Set<string>>();
	/** Failed counter of batches without lean items. */
	private readonly blindCounts = new Map<string, number>();
	/** A finished batch had failed or cancelled items (or a failed status). */
	private anyBad = false;
	private anyFailure = false;

	/**
	 * A restart: what the journal brought was said by the run that wrote it. Its batches finished
	 * and failed items are taken as said (they count for the outcome), not said again.
	 */
	seed(job: JobState): void {
		this.update(job);
	}

	/** The entries that changed since the last call, as events. */
	update(job: JobState): JobChanges {
		const changes: JobChanges = {finished: [], failures: [], missing: [], blindFailures: []};
		for (const id of job.ids) {
			const entry = job.batches[id];
			if (!entry || this.seen.get(id) === entry) continue;
			this.seen.set(id, entry);
			if (entry.missing) {
				if (!this.missingIds.has(id)) {
					this.missingIds.add(id);
					changes.missing.push(id);
				}

				continue;
			}

			const {batch} = entry;
			if (!batch) continue;
			this.failuresOf(id, batch, changes);
			if (this.finishedIds.has(id)) continue;
			const summary = entry.summary ?? summarizeBatch(batch);
			if (batchState(batch, {summary, stood: entry.stood}) !== 'finished') continue;
			this.finishedIds.add(id);
			if (batchOutcome(batch, summary) === 'failed') this.anyBad = true;
			changes.finished.push({batch: {...batch, id}, summary});
		}

		return changes;
	}

	private failuresOf(id: string, batch: Batch, changes: JobChanges): void {
		if (batch.items) {
			let said = this.failed.get(id);
			for (const item of batch.items) {
				if (!isFailure(item.status_code) || said?.has(item.id)) continue;
				if (!said) {
					said = new Set();
					this.failed.set(id, said);
				}

				said.add(item.id);
				this.anyFailure = true;
				changes.failures.push({batchId: id, item});
			}

			return;
		}

		const before = this.blindCounts.get(id) ?? 0;
		if (batch.items_failed > before) {
			this.blindCounts.set(id, batch.items_failed);
			this.anyFailure = true;
			changes.blindFailures.push({batchId: id, more: batch.items_failed - before});
		}
	}

	/** Every batch of the job read and finished (none missing). */
	allFinished(job: JobState): boolean {
		return job.ids.length > 0 && this.missingIds.size === 0 && job.ids.every((id) => this.finishedIds.has(id));
	}

	/** Every batch of the job either finished or not found (the server does not know it). */
	allSettled(job: JobState): boolean {
		return job.ids.length > 0 && job.ids.every((id) => this.finishedIds.has(id) || this.missingIds.has(id));
	}

	/** Some batch finished with failed or cancelled items. */
	get failedOutcome(): boolean {
		return this.anyBad;
	}

	/** Some item of the job failed (for --fail-fast). */
	get sawFailure(): boolean {
		return this.anyFailure;
	}

	get missing(): ReadonlySet<string> {
		return this.missingIds;
	}
}
