// The job's part of the state: every batch of the job as its counters and lean items, the batch
// row selected on the job screen, its filter, and the batch open on the batch screen. Plain data.
import type {JobEntry, JobFilter} from '../lib/job-rows.js';

export interface JobState {
	/** The batch ids, in the order given (more join while a --batches-file grows). */
	ids: string[];
	batches: Record<string, JobEntry>;
	/** The batch row selected on the job screen. */
	selectedId: string | null;
	filter: JobFilter;
	/** The batch open on the batch screen, or null: the job screen. */
	open: string | null;
	/** The failure f/F last landed on: the next jump goes on from there. */
	lastFailure: {batchId: string; seq: number} | null;
}
