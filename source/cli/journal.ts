// A job's journal, wired: read at start (its figures shown at once, store/journal.ts), then
// written as reads come in: at most every few seconds while something changed, whole (a
// temporary file renamed: files/journal-file.ts), and once more on the way out, exits by signal
// included. Off with --no-journal, and for the demo (its batches start afresh each time). In the
// TUI, the digest's causes are read while it is on screen (poller/digest-causes.ts); plain and
// json take them from their failure lines (modes/job-headless.ts).
import type {RunflowClient} from '../api/client.js';
import {entryOf, journalOf} from '../lib/journal-entries.js';
import {DigestCauseReader} from '../poller/digest-causes.js';
import {encodeJournal, journalKey} from '../lib/journal.js';
import {JournalFile} from '../files/journal-file.js';
import type {AppStore} from '../store/store.js';

/** The least time between two writes. */
export const JOURNAL_WRITE_MS = 5000;
/** A journal older than this when read: the first screen says what changed since. */
export const DIGEST_AFTER_MS = 3 * 60_000;

export interface JournalOptions {
	store: AppStore;
	baseUrl: string;
	env: Readonly<Record<string, string | undefined>>;
	/** A line to say (a journal set aside, a write that failed); the TUI shows it until a key, plain and json on stderr. */
	onNotice: (notice: string) => void;
	now?: () => number;
	writeEveryMs?: number;
	/** Reads the causes of the items failed since the journal, for the digest (the TUI's). */
	causesClient?: RunflowClient;
}

export interface JournalKeeper {
	/** Writes what is new, at once, and stops. */
	stop(): void;
}

export function keepJournal(options: JournalOptions): JournalKeeper {
	const {store, baseUrl, env, onNotice} = options;
	const now = options.now ?? Date.now;
	const job = store.getState().job;
	if (!job) return {stop: () => {}};
	const key = journalKey(baseUrl, job.ids);
	const file = JournalFile.forJob(env, key);
	const opened = file.read({baseUrl, ids: job.ids});
	let causes: DigestCauseReader | null = null;
	if (opened.notice !== null) onNotice(opened.notice);
	if (opened.journal) {
		const {savedAt, records, serverDate} = opened.journal;
		const digest = now() - savedAt >= DIGEST_AFTER_MS;
		store.getState().jobRestored(records.map(entryOf), savedAt, digest, serverDate);
		if (digest && options.causesClient) {
			causes = new DigestCauseReader({client: options.causesClient, store});
			causes.start();
		}
	}

	let written = store.getState().job?.batches;
	let timer: NodeJS.Timeout | null = null;
	let stopped = false;
	const text = () => {
		const state = store.getState().job!;
		written = state.batches;
		return encodeJournal(journalOf(state.ids, state.batches, baseUrl, key, now(), state.serverDate));
	};

	const said = (notice: string | null) => {
		if (notice !== null) onNotice(notice);
	};

	const writeSoon = () => {
		timer = null;
		if (stopped || store.getState().job?.batches === written) return;
		void file.write(text()).then(said);
	};

	const unsubscribe = store.subscribe((state) => {
		// A batch read (more failed since), a key pressed (the digest gone): the causes' reads look again.
		causes?.poke();
		if (state.job && state.job.batches !== written && timer === null && !stopped) timer = setTimeout(writeSoon, options.writeEveryMs ?? JOURNAL_WRITE_MS);
	});
	const flush = () => {
		if (stopped) return;
		stopped = true;
		causes?.stop();
		unsubscribe();
		process.off('exit', flush);
		if (timer !== null) clearTimeout(timer);
		if (store.getState().job?.batches !== written) said(file.writeSync(text()));
	};

	// A way out that skips ours (a signal ends the TUI with process.exit): still written, at once.
	process.on('exit', flush);
	return {stop: flush};
}
