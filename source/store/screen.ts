// One token of what is on screen. Whatever fetches takes it when it starts and, when the answer
// comes, checks it against the screen as it is then: an answer for a screen the user left (another
// batch, filter, order, page or run) is dropped. The parts say which of those an answer depends on: a
// page of the list does not care which run is open, a run's lines do not care which page is.
import {filterKey} from '../lib/triage.js';
import {openBatchId} from './stack.js';
import {cursorKey, type AppState} from './state.js';
import {listFilter} from './triage.js';

export interface ScreenToken {
	batch: string;
	/** The list's filter (status and text). */
	filter: string;
	/** The list's order (lib/order.ts). */
	order: string;
	/** The page on screen. */
	cursor: string;
	/** The run on screen, and the generation of its lines (reset by a jump to the end): '' when none is open. */
	run: string;
}

export type ScreenPart = keyof ScreenToken;

/** What a page of the list (or a jump landing on one) depends on. */
export const LIST_PARTS: readonly ScreenPart[] = ['batch', 'filter', 'order', 'cursor'];
/** What the open run's reads depend on. */
export const RUN_PARTS: readonly ScreenPart[] = ['batch', 'run'];
const ALL_PARTS: readonly ScreenPart[] = ['batch', 'filter', 'order', 'cursor', 'run'];

export function screenToken(state: AppState): ScreenToken {
	const {logs} = state;
	return {
		// A job's batch screen shows its batch; the job screen shows none (reopening the same batch is a new screen).
		batch: state.job ? (openBatchId(state) ?? '') : state.batchId,
		filter: filterKey(listFilter(state)),
		order: state.list.order,
		cursor: cursorKey(state.list.cursor),
		run: state.view === 'logs' && logs ? `${logs.itemId}\u0000${logs.runId ?? ''}\u0000${logs.fetch.generation}` : '',
	};
}

/** Whether `state` still shows what `token` was taken from, in the parts given (all by default). */
export function stillShown(state: AppState, token: ScreenToken, parts: readonly ScreenPart[] = ALL_PARTS): boolean {
	const now = screenToken(state);
	return parts.every((part) => now[part] === token[part]);
}
