// The zustand store: state plus the actions that change it. A factory, so every app
// and every test gets its own. Knows nothing of HTTP or React.
import {createStore, type StoreApi} from 'zustand/vanilla';
import type {ApiError} from '../api/errors.js';
import type {Batch, Page, BatchItem} from '../api/types.js';
import {pushSample} from '../lib/eta.js';
import type {Money} from '../lib/money.js';
import {isTerminal} from '../lib/status.js';
import {countersAddUp} from '../lib/finished.js';
import {currentPage, cursorKey, initialState, MAX_PAGES_CACHED, type AppState, type Said, type ScreenName} from './state.js';
import {sameBatch, samePage} from './compare.js';
import {stepPlace} from './list-state.js';
import {triageActions, type TriageActions} from './triage.js';
import {orderActions, orderedRows, type OrderActions} from './order.js';
import {createLogsSlice, type LogsActions} from './logs.js';
import {createSearchSlice, type SearchActions} from './search.js';
import {createPollingSlice, type PollingActions} from './polling.js';
import {createJobSlice, initialJob, loadedEntry, withJobBatch, type JobActions} from './job.js';
import {withQuietWrites} from './quiet.js';
import {createAccountSlice, type AccountActions} from './account.js';
import {createJournalSlice, type JournalActions} from './journal.js';
import {createFilesSlice, type FilesActions} from './files.js';
import {createResubmitSlice, type ResubmitActions} from './resubmit.js';
import {LIST_PARTS, screenToken, stillShown} from './screen.js';
import {popped, pushed, viewOf} from './stack.js';
import type {Set} from './logs.js';

export {currentPage} from './state.js';
export {flushQuiet, quietly} from './quiet.js';

export interface AppActions
	extends TriageActions, OrderActions, LogsActions, SearchActions, PollingActions, JobActions, AccountActions, JournalActions, FilesActions, ResubmitActions {
	/** `serverDate`: the server's clock at that read (its Date header), when known; kept only with a change (a quiet poll writes nothing). */
	batchLoaded(batch: Batch, at: number, serverDate?: number | null): void;
	pageLoaded(cursor: string | null, page: Page<BatchItem>, at: number): void;
	/**
	 * The server refused the page at `cursor` (400/422: a cursor it does not take, or no longer):
	 * said on the alert line with `message`; the screen goes back to the page the last `n`/`p`
	 * left (the first page when none), or stays on that page when it is held (its rows as last read).
	 */
	pageRefused(cursor: string | null, message: string): void;
	pollSucceeded(at: number): void;
	pollFailed(error: ApiError, nextRetryAt: number | null, at: number): void;
	/** The poll under way is overdue (no answer after twice the interval): one change, cleared by its answer. */
	pollOverdue(): void;
	setNotice(notice: Said | null): void;
	/**
	 * A quick retry inside one call ('the server failed (500), retrying in 1 s'): said on the alert
	 * line while the connection was fine; once polls are failing the header says when the next
	 * try is, and the alert line keeps to the reason.
	 */
	quickRetry(message: string): void;
	move(delta: number): void;
	moveTo(where: 'first' | 'last'): void;
	/** Returns false when there is no next page. */
	nextPage(): boolean;
	/** Returns false when there is no previous page. */
	previousPage(): boolean;
	togglePause(): void;
	/** `name` on top of the stack of screens (store/stack.ts): the help. */
	openScreen(name: ScreenName): void;
	/** Back to what lies below `name` (leaving the help). */
	closeScreen(name: ScreenName): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export interface StoreOptions {
	batchId: string;
	pageSize: number;
	/** --max-cost (nano-dollars). */
	maxCost?: Money | null;
	/** Several batches: a job, opening on the job screen (batchId is then the first of them). */
	jobIds?: readonly string[] | null;
	/** The polling interval (--interval): a job's figures lag once a running batch was read longer ago. */
	intervalMs?: number;
}

/** Terminal items of a lean list, counted once per list (every poll's new counters come with the same list). */
const terminalCounts = new WeakMap<readonly unknown[], number>();

function terminalCount(items: NonNullable<Batch['items']>): number {
	let count = terminalCounts.get(items);
	if (count === undefined) {
		count = 0;
		for (const item of items) if (isTerminal(item.status_code)) count++;
		terminalCounts.set(items, count);
	}
	return count;
}

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

export function createAppStore(options: StoreOptions): AppStore {
	return withQuietWrites(
		createStore<AppState & AppActions>()((rawSet, get) => {
			// Every write, by every slice: the page shown follows the stack of screens; a page refusal
			// said is dropped once the list moves (another page, filter, order or batch), whoever moved
			// it (a key, a jump landing, a filter).
			const set: Set = (partial) =>
				rawSet((state) => {
					const given = typeof partial === 'function' ? partial(state) : partial;
					const patch = given.screens ? {...given, view: viewOf(given.screens)} : given;
					if (state.pageRefusal === null || 'pageRefusal' in patch) return patch;
					return stillShown({...state, ...patch}, screenToken(state), LIST_PARTS) ? patch : {...patch, pageRefusal: null};
				});
			const setList = (patch: Partial<AppState['list']>) => set((s) => ({list: {...s.list, ...patch}}));

			const selectIndex = (index: number) => {
				const page = currentPage(get());
				const count = page?.items.length ?? 0;
				const selected = count === 0 ? 0 : clamp(index, 0, count - 1);
				setList({selected, selectedId: page?.items[selected]?.id ?? null});
			};

			const step = (delta: 1 | -1): boolean => {
				const {list} = get();
				const page = currentPage(get());
				const place = stepPlace(list, page, delta);
				// The page left, when it is held: where a refused page goes back to (pageRefused).
				const back = page ? {cursor: list.cursor, trail: list.trail, selected: list.selected, selectedId: list.selectedId} : list.back;
				if (place) setList({...place, selected: 0, selectedId: null, back});
				return place !== null;
			};

			return {
				...initialState(options.batchId, options.pageSize),
				maxCost: options.maxCost ?? null,
				...(options.jobIds ? {job: initialJob(options.jobIds, options.intervalMs), screens: ['job'] as const, view: 'job' as const} : {}),
				...triageActions(set, get),
				...orderActions(set, get),
				...createJobSlice(set, get),
				...createLogsSlice(set, get),
				...createSearchSlice(set, get),
				...createPollingSlice(set, get),
				...createAccountSlice(set, get),
				...createJournalSlice(set, get),
				...createFilesSlice(set, get),
				...createResubmitSlice(set, get, options.intervalMs),

				batchLoaded(batch, at, serverDate = null) {
					const state = get();
					if (state.batch && (state.batch === batch || sameBatch(state.batch, batch))) {
						// The same figures twice: a terminal batch's counters that do not add up stand (lib/finished.ts).
						if (!state.batch.countersStood && isTerminal(batch.status_code) && !countersAddUp(batch))
							set({batch: {...state.batch, countersStood: true}});
						return;
					}
					const finished = batch.items_succeeded + batch.items_failed + batch.items_cancelled;
					const finishedFromItems = batch.items ? terminalCount(batch.items) : finished;
					set({
						batch,
						// The batch on screen is one of the job's: its entry is as fresh.
						...(state.job ? {job: withJobBatch(state.job, batch.id, (entry) => loadedEntry(entry, batch, at), at)} : {}),
						changedAt: at,
						samples: pushSample(state.samples, {at, finished: Math.max(finished, finishedFromItems)}),
						...(serverDate === null ? {} : {serverDate}),
					});
				},

				pageLoaded(cursor, page, at) {
					const state = get();
					const key = cursorKey(cursor);
					const old = state.list.pages.get(key);
					// In the list's order: rows the server could not sort are sorted here (order.ts).
					const items = orderedRows(state, cursor, page.items);
					if (old && samePage(old, {...page, items})) {
						if (state.pageRefusal?.cursor === key) set({pageRefusal: null});
						return;
					}
					const pages = new Map(state.list.pages);
					pages.delete(key);
					pages.set(key, {items, next: page.next, previous: page.previous});
					while (pages.size > MAX_PAGES_CACHED) {
						const oldest = pages.keys().next().value;
						if (oldest === undefined || oldest === cursorKey(state.list.cursor)) break;
						pages.delete(oldest);
					}
					let {selected} = state.list;
					if (key === cursorKey(state.list.cursor)) {
						// Keep the same item selected when the page reorders under it.
						const byId = state.list.selectedId ? items.findIndex((i) => i.id === state.list.selectedId) : -1;
						selected = byId >= 0 ? byId : clamp(selected, 0, Math.max(0, items.length - 1));
					}
					set({
						changedAt: at,
						list: {...state.list, pages, selected, selectedId: items[selected]?.id ?? null},
						...(state.pageRefusal?.cursor === key ? {pageRefusal: null} : {}),
					});
				},

				pageRefused(cursor, message) {
					const {list} = get();
					const key = cursorKey(cursor);
					if (cursorKey(list.cursor) !== key) return;
					const page = list.trail.length + 1;
					if (list.pages.has(key)) {
						set({pageRefusal: {cursor: key, page, reason: message, back: null}});
						return;
					}
					const back = list.back ?? {cursor: null, trail: [], selected: 0, selectedId: null};
					const again = back.trail.length < list.trail.length ? 1 : -1;
					set({
						list: {...list, cursor: back.cursor, trail: back.trail, selected: back.selected, selectedId: back.selectedId, back: undefined},
						pageRefusal: {cursor: key, page, reason: message, back: {page: back.trail.length + 1, again}},
					});
				},

				pollSucceeded(at) {
					const {connection} = get();
					if (connection.status === 'ok' && connection.error === null && !connection.overdue) {
						// Components select primitives, so this re-renders nothing on screen.
						set({connection: {...connection, lastSuccessAt: at}});
						return;
					}
					set({
						connection: {status: 'ok', lastSuccessAt: at, failures: 0, nextRetryAt: null, error: null, errorKind: null, overdue: false},
						notice: null,
					});
				},

				pollFailed(error, nextRetryAt, _at) {
					const {connection} = get();
					set({
						connection: {
							...connection,
							status: nextRetryAt === null ? 'halted' : 'retrying',
							failures: connection.failures + 1,
							nextRetryAt,
							error: error.message,
							errorKind: error.kind,
							overdue: false,
						},
						// The header now says when the next try is; a quick retry's countdown would contradict it.
						notice: null,
					});
				},

				pollOverdue() {
					const {connection} = get();
					if (!connection.overdue) set({connection: {...connection, overdue: true}});
				},

				setNotice(notice) {
					if (get().notice !== notice) set({notice});
				},

				quickRetry(message) {
					const {connection} = get();
					if (connection.status === 'ok' || connection.status === 'connecting') get().setNotice(message);
				},

				move(delta) {
					selectIndex(get().list.selected + delta);
				},

				moveTo(where) {
					selectIndex(where === 'first' ? 0 : Number.MAX_SAFE_INTEGER);
				},

				nextPage() {
					return step(1);
				},

				previousPage() {
					return step(-1);
				},

				togglePause() {
					set((s) => ({paused: !s.paused}));
				},

				openScreen(name) {
					const {screens} = get();
					const next = pushed(screens, name);
					if (next !== screens) set({screens: next});
				},

				closeScreen(name) {
					const {screens} = get();
					const next = popped(screens, name);
					if (next !== screens && next.length > 0) set({screens: next});
				},
			};
		}),
	);
}
