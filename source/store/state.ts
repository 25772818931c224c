// The shape of the app's state. Plain data: the store (store.ts) holds it and the
// actions that change it; components read it through selectors.ts.
import type {ApiErrorKind} from '../api/errors.js';
import type {Batch, BatchItem} from '../api/types.js';
import type {ProgressSample} from '../lib/eta.js';
import type {Money} from '../lib/money.js';
import {DEFAULT_ORDER} from '../lib/order.js';
import type {ListState, PageEntry} from './list-state.js';
import {initialRunView, type RunViewState} from './run-state.js';
import {initialTriage, type TriageState} from './triage-state.js';
import {initialPolling, type PollingState} from './polling-state.js';
import type {JobState} from './job-state.js';
import {initialAccount, type AccountState} from './account-state.js';
import type {Said} from './said.js';
import {initialFiles, type FilesState} from './files-state.js';
import {initialResubmit, type ResubmitState} from './resubmit-state.js';
import type {Screens, View} from './stack.js';

export {MAX_LOG_LINES, MAX_RUNS_KEPT, type LogsState} from './run-state.js';
export type {ScreenName, View} from './stack.js';
export type {Outcome, Said} from './said.js';

export type ConnectionStatus =
	| 'connecting' // no answer yet
	| 'ok' // last poll succeeded
	| 'retrying' // last poll failed, another is scheduled
	| 'halted'; // polling stopped: key rejected, batch not found

export interface Connection {
	status: ConnectionStatus;
	/** When a poll last succeeded (ms epoch). */
	lastSuccessAt: number | null;
	/** Consecutive failed polls. */
	failures: number;
	/** When the next poll is due after a failure (ms epoch). */
	nextRetryAt: number | null;
	/** A person's message for the last failure. */
	error: string | null;
	errorKind: ApiErrorKind | null;
	/** The poll under way has had no answer for twice the interval: the data on screen is stale. */
	overdue: boolean;
}

export type {StatusFilter} from '../lib/triage.js';
export type {ListState, PageEntry} from './list-state.js';

/** The run view's part (logs, runCache, logPrefs, logSearch) is run-state.ts. */
export interface AppState extends RunViewState {
	batchId: string;
	pageSize: number;
	batch: Batch | null;
	/** When the data on screen last changed (ms epoch). */
	changedAt: number | null;
	list: ListState;
	/** The screens open, the one on top taking the keys (stack.ts): Esc and leaving the help go down it. */
	screens: Screens;
	/** The page shown: the topmost page of `screens`, kept by the store's one writer (store.ts). Never set it. */
	view: View;
	paused: boolean;
	connection: Connection;
	/** Finishing progress over time, for the ETA. */
	samples: ProgressSample[];
	/** A transient line for the alert line ("rate limited, retrying in 4 s"), or an outcome the screen words. */
	notice: Said | null;
	/** Failure causes, filters, the `/` prompt, jumps (triage-state.ts). */
	triage: TriageState;
	/** The pace of polling: slower while nothing changes, stopped once the batch finished (polling.ts). */
	polling: PollingState;
	/** --max-cost (nano-dollars), or null. */
	maxCost: Money | null;
	/** Several batches watched as one job (job.ts), or null: one batch. */
	job: JobState | null;
	/** The server refused `sort_by` on the item list, or ignored it (answered unsorted): every order is applied here, to the rows held (order.ts). */
	orderRefused: boolean;
	/** The server's clock (its Date header) at the last read that changed the batch, for elapsed times; null when unknown. */
	serverDate: number | null;
	/** The server's stated rate limit as the budget follows it, the balance, a 402 (account.ts). */
	account: AccountState;
	/**
	 * A page the server would not read (its cursor refused, 400/422): why, on the alert line, until
	 * the list moves (another page, filter, order or batch) or that page is read.
	 */
	pageRefusal: PageRefusal | null;
	/** `x`'s prompt and export, --results' file (files.ts). */
	files: FilesState;
	/** `R`: the model, the confirmation's draft, the creates under way, what came of it (resubmit-state.ts). */
	resubmit: ResubmitState;
}

export interface PageRefusal {
	/** cursorKey of the page refused. */
	cursor: string;
	/** Its number (1 for the first page). */
	page: number;
	/** Why, in the server's words (said as is). */
	reason: string;
	/** Where the screen went back to (and the way that tries the page again), or null: the page's rows as last read stay. */
	back: {page: number; again: 1 | -1} | null;
}

export const MAX_PAGES_CACHED = 20;

/** Map key for a cursor (null = first page). */
export function cursorKey(cursor: string | null): string {
	return cursor ?? '';
}

/** The page on screen, when it is held. */
export function currentPage(state: AppState): PageEntry | undefined {
	return state.list.pages.get(cursorKey(state.list.cursor));
}

/** An item of the held pages by id (a scan of every page: memoize on `pages` where it runs per render). */
export function findHeldItem(pages: ReadonlyMap<string, PageEntry>, itemId: string): BatchItem | undefined {
	for (const page of pages.values()) {
		const item = page.items.find((i) => i.id === itemId);
		if (item) return item;
	}

	return undefined;
}

export function initialState(batchId: string, pageSize: number): AppState {
	return {
		batchId,
		pageSize,
		batch: null,
		changedAt: null,
		list: {
			cursor: null,
			trail: [],
			pages: new Map(),
			selected: 0,
			selectedId: null,
			statusFilter: 'all',
			textFilter: '',
			order: DEFAULT_ORDER,
		},
		...initialRunView(),
		screens: ['list'],
		view: 'list',
		paused: false,
		connection: {
			status: 'connecting',
			lastSuccessAt: null,
			failures: 0,
			nextRetryAt: null,
			error: null,
			errorKind: null,
			overdue: false,
		},
		samples: [],
		notice: null,
		triage: initialTriage(),
		polling: initialPolling(),
		maxCost: null,
		job: null,
		orderRefused: false,
		serverDate: null,
		account: initialAccount(),
		pageRefusal: null,
		files: initialFiles(),
		resubmit: initialResubmit(),
	};
}
