// The job screen's commands that do more than a store action (several batches watched as one
// job): Enter opens the selected batch on the batch screen (its poller starts there), Esc there
// comes back (it stops), f/F go to the next or previous failed item of the whole job (its batch
// opened on it). The job screen's record (ui/screens/job.ts) binds them.
import {pickJobFailure} from '../lib/job-rows.js';
import type {Scope} from './scope.js';

export type {JobFetcher} from './scope.js';

/** Enter on the job screen: the selected batch's screen. */
export function openBatch(s: Scope): void {
	if (s.actions().openBatch()) s.job?.batchOpened();
}

/** f (1) / F (-1) on the job screen: the next / previous failed item of the whole job, its batch opened on it. */
export function jumpJobFailure(s: Scope, direction: 1 | -1): void {
	const {job} = s.actions();
	if (!job) return;
	const last = job.lastFailure;
	const from = last && last.batchId === job.selectedId ? last : {batchId: job.selectedId, seq: null};
	const pick = pickJobFailure(job.ids, job.batches, from, direction);
	if (!pick) {
		s.actions().setNotice('no failed item in the job (of the batches read so far)');
		return;
	}

	s.actions().jobLandOnFailure(pick.batchId, pick.target.sequence_index);
	openBatch(s);
	// Said once it landed (landing says where it is, or nothing, in the line this would take).
	void s.job?.goToItem(pick.target, pick.wrapped ? `wrapped round to the ${direction === 1 ? 'first' : 'last'} failure of the job` : undefined);
}

/** Esc on the batch screen of a job: back to the job screen. */
export function closeBatch(s: Scope): void {
	if (!s.actions().job) return;
	s.job?.batchClosed();
	s.actions().closeBatch();
}
