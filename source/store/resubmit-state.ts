// `R`'s part of the state: the model the failed items go to (--model, the demo's, or typed in the
// confirmation: remembered for the session), the confirmation's draft (the failed items read with
// their inputs, the narrowing chosen), the creates under way, and what the last `R` came to. The
// plan itself is worked out from the draft (lib/resubmit.ts), never held. Plain data.
import type {ModelRef} from '../api/writes.js';
import type {FailureCause} from '../lib/failures.js';
import type {Money} from '../lib/money.js';
import {planResubmission, type ResubmitPlan, type ResubmitSource} from '../lib/resubmit.js';
import type {Said} from './said.js';

/** Where the model came from: --model, the demo (which knows its own), or typed in the confirmation. */
export type ModelSource = 'flag' | 'demo' | 'typed';

/** What `R` resubmits: the failures of the batch on the batch screen, or of every batch of the job. */
export interface ResubmitScope {
	kind: 'batch' | 'job';
	/** The source batches (with failures when `R` was pressed). */
	batchIds: string[];
	/** The batch screen's selected row, when it is a failed item: the confirmation may narrow to it. */
	selected: {id: string; seq: number} | null;
}

export interface ResubmitDraft {
	scope: ResubmitScope;
	/** Reading the failed items' inputs; then 'ready' (the plan can be made), or 'failed' (`error`). */
	phase: 'reading' | 'ready' | 'failed';
	/** Failed items read so far, of `expected` (the sources' failures when `R` was pressed). */
	read: number;
	expected: number;
	/** The failed items read, with their inputs, by source batch (held only while the confirmation is open). */
	sources: ResubmitSource[];
	/** Cost per succeeded item so far over the sources, for the estimate. */
	costPerItem: Money | null;
	/** The causes of the failures read, largest first (`c` cycles them). */
	causes: FailureCause[];
	/** Only the failures of this cause, or null: all. */
	cause: string | null;
	/** Only the selected item (scope.selected). */
	only: boolean;
	/** Why the inputs could not be read (phase 'failed'). */
	error: string | null;
	/** The model prompt's text, and why the last one typed was not taken. */
	modelText: string;
	modelError: string | null;
}

export interface ResubmitState {
	model: ModelRef | null;
	modelSource: ModelSource | null;
	/** The confirmation's, while it is open. */
	draft: ResubmitDraft | null;
	/** Creates under way: the `index`th new batch (from 0) of `of`, to `model`; the ids created so far. */
	sending: {index: number; of: number; model: string; created: string[]} | null;
	/** What the last `R` came to, on the alert line until a key is pressed after it. */
	said: Said | null;
	/** The batches created this session, by Idempotency-Key: a second `R` for the same items says so. */
	sent: Readonly<Record<string, string>>;
}

export function initialResubmit(): ResubmitState {
	return {model: null, modelSource: null, draft: null, sending: null, said: null, sent: {}};
}

/** Names no model: the plan's counts before one is given (its name is never sent). */
const UNNAMED: ModelRef = {owner: '?', slug: '?'};

/** The plan the draft stands for with `model` (null: not given yet, the plan says so); null while reading. */
export function draftPlan(draft: ResubmitDraft, model: ModelRef | null): ResubmitPlan | null {
	if (draft.phase !== 'ready') return null;
	const ids = draft.only && draft.scope.selected ? [draft.scope.selected.id] : null;
	const plan = planResubmission({model: model ?? UNNAMED, sources: draft.sources, costPerItem: draft.costPerItem, narrowing: {cause: draft.cause, ids}});
	return model ? plan : {...plan, modelName: 'the model named below'};
}
