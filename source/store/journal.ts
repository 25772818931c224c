// A restart's part of the job, a slice merged into the store: the journal's entries shown at once
// (the batches it held as finished are never read again, until `r`), its figures kept for the
// digest of what changed since ('since 02:14: …', until a key), and a journal set aside said the
// same way, and the causes of the items failed since as they are read. Knows nothing of files.
import type {JobEntry} from '../lib/job-rows.js';
import {failedKeys, figuresOf} from '../lib/journal-entries.js';
import type {JournalMark} from './job-state.js';
import type {Get, Set as SetState} from './logs.js';

export interface JournalActions {
	/** The journal's entries (by batch id: those not of the job are ignored), written at `savedAt`; `digest`: say what changed since. */
	jobRestored(entries: readonly JobEntry[], savedAt: number, digest: boolean, serverDate?: number | null): void;
	/** The journal could not be used (set aside, unreadable, not writable): said until a key. */
	journalNotice(notice: string): void;
	/** A key was pressed: the digest and the journal's notice leave the screen. */
	journalSeen(): void;
	/** The cause of an item failed since the journal (`key`: lib/journal-entries.ts itemKey), or null when its read failed. */
	digestCauseRead(key: string, cause: string | null): void;
	/** No more causes will be read for the digest. */
	digestCausesDone(): void;
}

const NO_MARK: JournalMark = {savedAt: null, base: null, digest: false, notice: null, failedBefore: new Set(), causes: {}, causesDone: true};

export function createJournalSlice(set: SetState, get: Get): JournalActions {
	return {
		jobRestored(entries, savedAt, digest, serverDate = null) {
			const {job} = get();
			if (!job) return;
			const batches = {...job.batches};
			for (const entry of entries) if (batches[entry.id]) batches[entry.id] = entry;
			const restored = job.ids.map((id) => batches[id]!).filter(Boolean);
			const journal: JournalMark = {
				savedAt,
				base: figuresOf(restored),
				digest,
				notice: job.journal?.notice ?? null,
				failedBefore: failedKeys(restored),
				causes: {},
				causesDone: !digest,
			};
			set({job: {...job, batches, serverDate: job.serverDate ?? serverDate, journal}});
		},

		journalNotice(notice) {
			const {job} = get();
			if (!job) return;
			set({job: {...job, journal: {...NO_MARK, ...job.journal, notice}}});
		},

		journalSeen() {
			const {job} = get();
			const mark = job?.journal;
			if (!job || !mark || (!mark.digest && mark.notice === null)) return;
			set({job: {...job, journal: {...mark, digest: false, notice: null, causesDone: true}}});
		},

		digestCauseRead(key, cause) {
			const {job} = get();
			const mark = job?.journal;
			if (!job || !mark || mark.causesDone || mark.causes[key] === cause) return;
			set({job: {...job, journal: {...mark, causes: {...mark.causes, [key]: cause}}}});
		},

		digestCausesDone() {
			const {job} = get();
			const mark = job?.journal;
			if (!job || !mark || mark.causesDone) return;
			set({job: {...job, journal: {...mark, causesDone: true}}});
		},
	};
}
