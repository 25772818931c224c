// `R`'s actions, a slice merged into the store (store.ts): the confirmation opened over the page
// (and the model asked over it when none is known), the inputs read, the narrowing (one cause,
// the selected item), the model typed, and the new batches joining the job as they are created:
// a single batch's watch becomes a job of two, the job screen put under the batch screen (Esc goes
// there). What is read and sent is poller/resubmit.ts's. Knows nothing of HTTP or React.
import type {Batch} from '../api/types.js';
import {parseModelRef, type ModelRef} from '../api/writes.js';
import {newJobEntry} from '../lib/job-rows.js';
import type {Money} from '../lib/money.js';
import {resubmitCauses, type ResubmitSource} from '../lib/resubmit.js';
import {initialJob, loadedEntry, withJobBatch} from './job.js';
import type {Get, Set} from './logs.js';
import type {ResubmitDraft, ResubmitScope, ResubmitState} from './resubmit-state.js';
import type {Said} from './said.js';
import {popped, pushed} from './stack.js';

export {draftPlan, initialResubmit, type ModelSource, type ResubmitDraft, type ResubmitScope, type ResubmitState} from './resubmit-state.js';

export interface ResubmitActions {
	/** --model, or the demo's own: where `R` sends, until another is typed. */
	resubmitModelGiven(model: ModelRef, source: 'flag' | 'demo'): void;
	/** `R`: the confirmation over the page, reading the inputs of `expected` failed items (the model asked over it when none is known). */
	resubmitOpen(scope: ResubmitScope, expected: number): void;
	/** Failed items read so far. */
	resubmitProgress(read: number): void;
	/** Every failed item read: the plan can be shown. */
	resubmitRead(sources: ResubmitSource[], costPerItem: Money | null): void;
	resubmitReadFailed(message: string): void;
	/** `c`: all the failures → only those of the largest cause → the next … → all. */
	resubmitCycleCause(): void;
	/** `i`: only the selected failed item ↔ all. */
	resubmitToggleOnly(): void;
	/** `m`: the model prompt over the confirmation, with the model's name to edit. */
	resubmitModelOpen(): void;
	resubmitModelEdit(text: string): void;
	/** Enter in the model prompt: taken (for the session) when it reads owner/slug, else said why. */
	resubmitModelApply(): void;
	/** Esc in the model prompt: back to the confirmation, the model as it was. */
	resubmitModelCancel(): void;
	/** The confirmation closes, its inputs let go; `said` on the alert line. */
	resubmitClose(said: Said | null): void;
	/** The `index`th new batch (from 0) of `of` is being created. */
	resubmitSending(index: number, of: number, model: string): void;
	/** A new batch from `from` (its Idempotency-Key `key`): it joins the job at once; one batch becomes a job of two. */
	resubmitCreated(batch: Batch, from: string, key: string, at: number): void;
	/** The sending ended: what came of it. */
	resubmitDone(said: Said): void;
	/** Said on the alert line until a key (a refusal before anything opened). */
	resubmitSay(said: Said): void;
	/** A key: what the last `R` came to leaves the alert line (not while it still sends). */
	resubmitSeen(): void;
}

export function createResubmitSlice(set: Set, get: Get, intervalMs?: number): ResubmitActions {
	const patch = (change: Partial<ResubmitState>) => set({resubmit: {...get().resubmit, ...change}});
	const edit = (change: Partial<ResubmitDraft>) => {
		const {draft} = get().resubmit;
		if (draft) patch({draft: {...draft, ...change}});
	};

	return {
		resubmitModelGiven(model, source) {
			patch({model, modelSource: source});
		},

		resubmitOpen(scope, expected) {
			const {screens, resubmit} = get();
			const draft: ResubmitDraft = {
				scope,
				phase: 'reading',
				read: 0,
				expected,
				sources: [],
				costPerItem: null,
				causes: [],
				cause: null,
				only: false,
				error: null,
				modelText: '',
				modelError: null,
			};
			const confirm = pushed(screens, 'resubmit');
			set({resubmit: {...resubmit, draft, said: null}, screens: resubmit.model ? confirm : pushed(confirm, 'model')});
		},

		resubmitProgress(read) {
			const {draft} = get().resubmit;
			if (draft?.phase === 'reading' && draft.read !== read) edit({read});
		},

		resubmitRead(sources, costPerItem) {
			const {draft} = get().resubmit;
			if (!draft) return;
			const read = sources.reduce((sum, source) => sum + source.items.length, 0);
			edit({phase: 'ready', sources, costPerItem, causes: resubmitCauses(sources.flatMap((source) => source.items)), read});
		},

		resubmitReadFailed(message) {
			edit({phase: 'failed', error: message});
		},

		resubmitCycleCause() {
			const {draft} = get().resubmit;
			if (draft?.phase !== 'ready' || draft.causes.length < 2) return;
			const at = draft.cause === null ? -1 : draft.causes.findIndex((group) => group.cause === draft.cause);
			edit({cause: at + 1 >= draft.causes.length ? null : draft.causes[at + 1]!.cause});
		},

		resubmitToggleOnly() {
			const {draft} = get().resubmit;
			if (draft?.scope.selected) edit({only: !draft.only});
		},

		resubmitModelOpen() {
			const {screens, resubmit} = get();
			if (!resubmit.draft) return;
			const modelText = resubmit.model ? `${resubmit.model.owner}/${resubmit.model.slug}` : '';
			set({resubmit: {...resubmit, draft: {...resubmit.draft, modelText, modelError: null}}, screens: pushed(screens, 'model')});
		},

		resubmitModelEdit(text) {
			edit({modelText: text, modelError: null});
		},

		resubmitModelApply() {
			const {screens, resubmit} = get();
			const text = resubmit.draft?.modelText ?? '';
			const model = parseModelRef(text);
			if (!model) {
				edit({modelError: text.trim() === '' ? 'type the model as owner/slug' : 'not owner/slug (letters, digits, . _ - on each side of one /)'});
				return;
			}

			set({resubmit: {...resubmit, model, modelSource: 'typed'}, screens: popped(screens, 'model')});
		},

		resubmitModelCancel() {
			set({screens: popped(get().screens, 'model')});
		},

		resubmitClose(said) {
			const {screens, resubmit} = get();
			set({resubmit: {...resubmit, draft: null, said: said ?? resubmit.said}, screens: popped(screens, 'resubmit')});
		},

		resubmitSending(index, of, model) {
			patch({sending: {index, of, model, created: get().resubmit.sending?.created ?? []}});
		},

		resubmitCreated(batch, from, key, at) {
			const state = get();
			let {job} = state;
			// One batch watched: it becomes a job, the batch watched so far its first batch (its figures as held).
			if (!job) {
				job = initialJob([state.batchId], intervalMs);
				if (state.batch) job = withJobBatch(job, state.batchId, (entry) => loadedEntry(entry, state.batch!, state.changedAt ?? at));
			}

			if (!job.batches[batch.id]) job = {...job, ids: [...job.ids, batch.id], batches: {...job.batches, [batch.id]: newJobEntry(batch.id)}};
			// A batch the job holds already (the same items' key gave it back): the answer is its first 201 replayed, older than its reads.
			job = job.batches[batch.id]!.batch
				? withJobBatch(job, batch.id, (entry) => (entry.from ? entry : {...entry, from}))
				: withJobBatch(job, batch.id, (entry) => loadedEntry({...entry, from}, batch, at), at);
			const screens = state.screens.includes('job') ? state.screens : ['job' as const, ...state.screens];
			const {sending} = state.resubmit;
			const sent = {...state.resubmit.sent, [key]: batch.id};
			set({job, screens, resubmit: {...state.resubmit, sent, sending: sending ? {...sending, created: [...sending.created, batch.id]} : null}});
		},

		resubmitDone(said) {
			patch({sending: null, said});
		},

		resubmitSay(said) {
			patch({said});
		},

		resubmitSeen() {
			const {resubmit} = get();
			if (resubmit.said !== null && resubmit.sending === null) patch({said: null});
		},
	};
}
