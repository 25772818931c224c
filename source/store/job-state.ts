// The job's part of the state: every batch of the job as its counters and lean items, the batch
// row selected on the job screen and its filter (the batch open on the batch screen is the stack's:
// stack.ts openBatchId). Plain data.
import type {ProgressSample} from '../lib/eta.js';
import type {JobEntry, JobFilter} from '../lib/job-rows.js';
import type {JobFigures} from '../lib/journal-entries.js';

/** What the journal brought at start (store/journal.ts): its time and figures, and what the first screen says of it. */
export interface JournalMark {
	/** When the journal was written (ms epoch), null when none could be used. */
	savedAt: number | null;
	/** The job's figures as the journal held them (the digest counts from there). */
	base: JobFigures | null;
	/** The digest ('since 02:14: …') is on screen: until a key is pressed. */
	digest: boolean;
	/** A journal set aside (or not writable), said until a key is pressed. */
	notice: string | null;
	/** The failed items the journal held (lib/journal-entries.ts itemKey): the digest's causes are of the others. */
	failedBefore: ReadonlySet<string>;
	/** Causes of items failed since, by itemKey, as read (null: the read failed). */
	causes: Readonly<Record<string, string | null>>;
	/** No more causes will be read (all read, as many as may be, or the digest left the screen). */
	causesDone: boolean;
}

export interface JobState {
	/** The batch ids, in the order given (more join while a --batches-file grows). */
	ids: string[];
	batches: Record<string, JobEntry>;
	/** The batch row selected on the job screen. */
	selectedId: string | null;
	filter: JobFilter;
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
	/** What the journal brought at start, or null (none, or --no-journal). */
	journal: JournalMark | null;
}
