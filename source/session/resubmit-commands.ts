// `R` and its confirmation: what the keys of the batch screen, the job screen and the
// confirmation run (their records, ui/screens/, bind them). `R` takes the failures of the batch on
// the batch screen, or of every batch of the job on the job screen (failed and errored: the rule
// of the failures line), opens the confirmation over the page and has their inputs read; `y`
// sends the plan it shows; any other key cancels, sending nothing.
import {failedCount} from '../lib/job-rows.js';
import {isFailure} from '../lib/status.js';
import {draftPlan, type ResubmitScope} from '../store/resubmit.js';
import {currentPage, type AppState} from '../store/state.js';
import type {Scope} from './scope.js';

/** The failures `R` takes on the batch screen ('batch') or the job screen ('job'), and how many; null when none failed. */
export function resubmitScope(state: AppState, kind: 'batch' | 'job'): {scope: ResubmitScope; expected: number} | null {
	if (kind === 'job') {
		const {job} = state;
		if (!job) return null;
		const batchIds = job.ids.filter((id) => !job.batches[id]?.missing && failedCount(job.batches[id]?.batch ?? null) > 0);
		const expected = batchIds.reduce((sum, id) => sum + failedCount(job.batches[id]!.batch), 0);
		return expected === 0 ? null : {scope: {kind, batchIds, selected: null}, expected};
	}

	const expected = state.batch?.id === state.batchId ? failedCount(state.batch) : 0;
	if (expected === 0) return null;
	const row = currentPage(state)?.items[state.list.selected];
	const selected = row && isFailure(row.status_code) ? {id: row.id, seq: row.sequence_index} : null;
	return {scope: {kind, batchIds: [state.batchId], selected}, expected};
}

/** `R`: refused under --read-only, or while the last one still sends; said when nothing failed; else the confirmation, reading. */
export function startResubmit(s: Scope, kind: 'batch' | 'job'): void {
	const resubmitter = s.fetcher?.resubmit;
	if (!resubmitter) return;
	const state = s.actions();
	if (resubmitter.readOnly) {
		state.resubmitSay({kind: 'resubmit-read-only'});
		return;
	}

	if (state.resubmit.sending) {
		state.resubmitSay({kind: 'resubmit-busy'});
		return;
	}

	const found = resubmitScope(state, kind);
	if (!found) {
		state.resubmitSay({kind: 'resubmit-none', scope: kind});
		return;
	}

	state.resubmitOpen(found.scope, found.expected);
	resubmitter.read(found.scope);
}

/** `y`: the plan shown is sent. Not before the inputs are read; without a model, the model is asked first; nothing to send closes it. */
export function sendResubmission(s: Scope): void {
	const {resubmit} = s.actions();
	const {draft, model} = resubmit;
	if (!draft || draft.phase === 'reading') return;
	if (draft.phase === 'failed') {
		cancelResubmission(s);
		return;
	}

	if (!model) {
		s.actions().resubmitModelOpen();
		return;
	}

	const plan = draftPlan(draft, model);
	if (!plan || plan.items === 0 || !s.fetcher?.resubmit) {
		cancelResubmission(s);
		return;
	}

	s.fetcher.resubmit.send(plan, model);
}

/** Any other key: nothing is sent, the reads under way stop. */
export function cancelResubmission(s: Scope): void {
	s.fetcher?.resubmit?.cancel();
	s.actions().resubmitClose({kind: 'resubmit-cancelled'});
}
