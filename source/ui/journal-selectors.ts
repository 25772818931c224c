// What the screen says of the journal on a restart: 'since 02:14:05: 340 finished, 12 failed
// (OOM ×8, TIMEOUT ×3, +1 more), $4.1200, 3 batches finished' on the first screen until a key
// (the digest, while the journal was a few minutes old; the causes as they are read), a journal set aside, and on the job table's foot line how many batches
// still show the journal's figures (not read again yet). Pure; memoized on the inputs.
import {formatClock} from '../lib/format.js';
import {digestCausesOf, digestOf, digestText, failedSince, figuresOf, unreadSince, type Digest} from '../lib/journal-entries.js';
import type {JobEntry} from '../lib/job-rows.js';
import {sanitize} from '../lib/sanitize.js';
import type {AppState} from '../store/state.js';
import type {JournalMark} from '../store/job-state.js';
import {memoLast} from './memo.js';

const digestMemo = memoLast((mark: JournalMark, ids: readonly string[], batches: Readonly<Record<string, JobEntry>>): Digest | null => {
	if (mark.savedAt === null || mark.base === null) return null;
	const entries = ids.map((id) => batches[id]!).filter(Boolean);
	const causes = digestCausesOf(failedSince(entries, mark.failedBefore), mark.causes, !mark.causesDone);
	return digestOf(mark.base, figuresOf(entries), mark.savedAt, unreadSince(batches, ids, mark.savedAt) === 0, causes);
});

/** What changed since the journal was written (whole once every batch it did not hold as final was read again), or null without one. */
export function selectDigest(state: AppState): Digest | null {
	const {job} = state;
	if (!job?.journal) return null;
	return digestMemo(job.journal, job.ids, job.batches);
}

/** The alert line's words for the journal while they are on screen (until a key), or null. */
export function selectJournalAlert(state: AppState): {text: string; color: string} | null {
	const mark = state.job?.journal;
	if (!mark) return null;
	if (mark.notice !== null) return {text: sanitize(mark.notice, {maxColumns: 300}), color: 'yellow'};
	if (!mark.digest) return null;
	const digest = selectDigest(state);
	if (!digest) return null;
	const left = digest.whole ? 0 : unreadSince(state.job!.batches, state.job!.ids, digest.since);
	return {text: `${digestText(digest)}${left > 0 ? ` · reading ${left} more ${left === 1 ? 'batch' : 'batches'}` : ''} · any key goes on`, color: 'cyan'};
}

/** The job table's foot: ' · 100 batches as of the journal (02:14:05)' while some still show its figures, else ''. */
export function journalFoot(state: AppState): string {
	const {job} = state;
	const savedAt = job?.journal?.savedAt ?? null;
	if (!job || savedAt === null) return '';
	const left = unreadSince(job.batches, job.ids, savedAt);
	return left === 0 ? '' : ` · ${left} ${left === 1 ? 'batch' : 'batches'} as of the journal (${formatClock(savedAt)})`;
}
