// The job's part of the state: every batch of the job as its counters and lean items, the batch
// row selected on the job screen, its filter, and the batch open on the batch screen. Plain data.
import type {ProgressSample} from '../lib/eta.js';
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
	/** The polling interval: a running batch read longer ago than this makes the job's figures lag. */
	intervalMs: number;
	/** The server's clock at the last read (its Date header), for elapsed times and ETAs; null when unknown. */
	serverDate: number | null;
	/** The whole job's finishing progress over time (rate and ETA, as a batch's samples). */
	samples: ProgressSample[];
	/** The failure f/F last landed on: the next jump goes on from there. */
	lastFailure: {batchId: string; seq: number} | null;
	/** The batch whose read failed last (the alert line names it while its reads fail). */
	lastErrorId: string | null;
}
