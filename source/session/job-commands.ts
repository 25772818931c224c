// The job screen's commands (several batches watched as one job): moving among the batches,
// their filter, Enter to open one on the batch screen, f/F to the next or previous failed item
// of the whole job (its batch opened on it). Part of the session (session.ts).
import type {LeanItem} from '../api/types.js';
import {Command} from '../lib/commands.js';
import {pickJobFailure} from '../lib/job-rows.js';
import type {AppStore} from '../store/store.js';

/** The fetching side of a job (poller/job-poller.ts with the batch poller). */
export interface JobFetcher {
	/** The batch screen opened on the batch the store says (job.open): its poller starts there. */
	batchOpened(): void;
	/** Back on the job screen: the batch poller stops. */
	batchClosed(): void;
	/** Selects `item` of the batch on screen, fetching its page (named from the lean list). */
	goToItem(item: LeanItem, landed?: string): Promise<void>;
	/** `r` on the job screen: every batch read once now. */
	refreshJob(): void;
}

type Handler = () => boolean | void;

export function jobHandlers(store: AppStore, fetcher: JobFetcher | null, listRows: number): Partial<Record<Command, Handler>> {
	const actions = () => store.getState();
	const open = () => {
		if (actions().openBatch()) fetcher?.batchOpened();
	};

	const jump = (direction: 1 | -1) => {
		const {job} = actions();
		if (!job) return;
		const last = job.lastFailure;
		const from = last && last.batchId === job.selectedId ? last : {batchId: job.selectedId, seq: null};
		const pick = pickJobFailure(job.ids, job.batches, from, direction);
		if (!pick) {
			actions().setNotice('no failed item in the job (of the batches read so far)');
			return;
		}

		actions().jobLandOnFailure(pick.batchId, pick.target.sequence_index);
		open();
		// Said once it landed (landing says where it is, or nothing, in the line this would take).
		void fetcher?.goToItem(pick.target, pick.wrapped ? `wrapped round to the ${direction === 1 ? 'first' : 'last'} failure of the job` : undefined);
	};

	return {
		[Command.MoveUp]: () => actions().jobMove(-1),
		[Command.MoveDown]: () => actions().jobMove(1),
		[Command.ScreenUp]: () => actions().jobMove(-listRows),
		[Command.ScreenDown]: () => actions().jobMove(listRows),
		[Command.First]: () => actions().jobMoveTo('first'),
		[Command.Last]: () => actions().jobMoveTo('last'),
		[Command.OpenBatch]: open,
		[Command.NextFailure]: () => jump(1),
		[Command.PreviousFailure]: () => jump(-1),
		[Command.CycleFilter]: () => actions().cycleJobFilter(),
	};
}

/** Esc on the batch screen of a job: back to the job screen. */
export function closeBatch(store: AppStore, fetcher: JobFetcher | null): void {
	if (!store.getState().job) return;
	fetcher?.batchClosed();
	store.getState().closeBatch();
}
