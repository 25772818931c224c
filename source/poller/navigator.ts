// f / F: the next or previous failed item, across pages. The lean item list says which item
// that is; when it is not on the page on screen, the navigator walks the server's cursors
// (next, or back along the trail) fetching pages until the one holding it, then shows that page
// with the item selected and a trail that keeps `p` right. Without a lean list it walks on
// until a page holds a failure. `[`/`]` at a page's edge in the run view step one page the same
// way (stepRunAcross). Plain TypeScript: client and store, no React.
import type {RunflowClient} from '../api/client.js';
import {isApiError} from '../api/errors.js';
import type {BatchItem, Page} from '../api/types.js';
import {isFailure} from '../lib/status.js';
import {completeLeanItems, filterKey, isFilterActive, matchesFilter, pickFailure} from '../lib/triage.js';
import {cursorKey, type AppState, type PageEntry} from '../store/state.js';
import {currentPage, type AppStore} from '../store/store.js';
import {listFilter} from '../store/triage.js';
import {fetchListPage} from './list-source.js';
import {systemClock, type Clock} from './clock.js';

export interface NavigatorOptions {
	client: RunflowClient;
	store: AppStore;
	clock?: Clock;
	/** Pages fetched at most by one jump. Default 500. */
	maxPages?: number;
	/** How long a message ('wrapped round…') stays. Default 4 s. */
	messageMs?: number;
}

/** What a walk looks for: the index of the row on a page, or which way to go on. */
interface Goal {
	find(items: readonly BatchItem[]): number;
	/** 1 forward, -1 back, 0: it cannot be further on. */
	way(items: readonly BatchItem[]): 1 | -1 | 0;
}

const word = (direction: 1 | -1) => (direction === 1 ? 'next' : 'previous');

export class Navigator {
	private controller: AbortController | null = null;
	private messageTimer: unknown = null;
	private readonly clock: Clock;

	constructor(private readonly options: NavigatorOptions) {
		this.clock = options.clock ?? systemClock;
	}

	/** Whether a jump is walking pages. */
	get busy(): boolean {
		return this.controller !== null;
	}

	stop(): void {
		this.controller?.abort();
		this.controller = null;
		if (this.messageTimer !== null) this.clock.clearTimeout(this.messageTimer);
		this.messageTimer = null;
	}

	/** Selects the next (1) or previous (-1) failed item of the list, fetching pages on the way. */
	async jump(direction: 1 | -1): Promise<void> {
		if (this.controller) return;
		const {store} = this.options;
		const state = store.getState();
		const page = currentPage(state);
		const current = page?.items[state.list.selected];
		const from = current?.sequence_index ?? null;
		const filter = listFilter(state);
		const lean = completeLeanItems(state.batch);
		let goal: Goal;
		let landed: string | null = null;
		let position: number | null = null;
		let lost = `no more failures ${direction === 1 ? 'after' : 'before'} this item`;
		if (lean) {
			const rows = lean.filter((item) => matchesFilter(item, filter));
			const pick = pickFailure(rows, from, direction);
			if (!pick) {
				this.say(isFilterActive(filter) ? 'no failed item matches the filter' : 'no failed items');
				return;
			}

			const {target} = pick;
			if (target.id === current?.id) {
				this.say('no other failed item');
				return;
			}

			if (pick.wrapped) landed = `wrapped round to the ${direction === 1 ? 'first' : 'last'} failure`;
			position = rows.indexOf(target);
			lost = `failure #${target.sequence_index} is not where the list said`;
			goal = {
				find: (items) => items.findIndex((item) => item.id === target.id),
				way: (items) => {
					const first = items[0];
					const last = items.at(-1);
					if (!first || !last) return direction;
					if (target.sequence_index > last.sequence_index) return 1;
					if (target.sequence_index < first.sequence_index) return -1;
					return 0;
				},
			};
		} else {
			// No lean list: the first failure past the selection, whichever page holds it.
			const beyond = (item: BatchItem) => isFailure(item.status_code) && (from === null || (direction === 1 ? item.sequence_index > from : item.sequence_index < from));
			goal = {
				find: (items) => (direction === 1 ? items.findIndex(beyond) : lastIndex(items, beyond)),
				way: () => direction,
			};
		}

		const here = page?.items ?? [];
		const index = goal.find(here);
		if (index >= 0 && page) {
			store.getState().landOn(state.list.cursor, state.list.trail, here[index]!.id);
			this.say(landed);
			return;
		}

		await this.walk(state, goal, direction, position, landed, lost);
	}

	/**
	 * Walks from the page on screen (or, when the target is far back and the trail starts at the
	 * first page, from the first page) until `goal` finds its row. `position`: the target's row
	 * number in the list, when known.
	 */
	private async walk(start: AppState, goal: Goal, direction: 1 | -1, position: number | null, landed: string | null, lost: string): Promise<void> {
		const {store} = this.options;
		const controller = new AbortController();
		this.controller = controller;
		const seeking = `finding ${word(direction)} failure…`;
		store.getState().setSeeking(direction, seeking);
		const key = filterKey(listFilter(start));
		const unchanged = () => {
			const now = store.getState();
			return filterKey(listFilter(now)) === key && cursorKey(now.list.cursor) === cursorKey(start.list.cursor);
		};

		let cursor = start.list.cursor;
		let trail = [...start.list.trail];
		const load = async (at: string | null) => this.load(at, controller.signal, unchanged);

		let message: string | null = null;
		try {
			let page: PageEntry = currentPage(start) ?? await load(cursor);
			// Far back and the trail reaches the first page: starting over from it is shorter.
			const backPages = trail.length;
			if (position !== null && trail[0] === null && goal.way(page.items) === -1 && Math.floor(position / start.pageSize) < backPages / 2) {
				cursor = null;
				trail = [];
				page = await load(cursor);
			}

			let lastWay: 1 | -1 | 0 = 0;
			for (let walked = 0; ; walked++) {
				const index = goal.find(page.items);
				if (index >= 0) {
					if (!unchanged() || !store.getState().landOn(cursor, trail, page.items[index]!.id)) throw new Error('moved');
					message = landed;
					break;
				}

				const way = goal.way(page.items);
				if (way === 0 || (lastWay !== 0 && way !== lastWay) || walked >= (this.options.maxPages ?? 500)) {
					message = way === 0 || lastWay !== way ? lost : 'gave up: too many pages';
					break;
				}

				lastWay = way;
				if (way === 1) {
					if (!page.next) {
						message = lost;
						break;
					}

					trail = [...trail, cursor];
					cursor = page.next;
				} else if (trail.length > 0) {
					cursor = trail.at(-1) ?? null;
					trail = trail.slice(0, -1);
				} else if (page.previous) {
					cursor = page.previous;
				} else {
					message = lost;
					break;
				}

				store.getState().setSeeking(direction, `${seeking} (page ${trail.length + 1})`);
				page = await load(cursor);
			}
		} catch (error) {
			if (controller.signal.aborted || (error instanceof Error && error.message === 'moved')) {
				message = null;
			} else {
				message = `could not reach the ${word(direction)} failure: ${isApiError(error) ? error.message : 'unexpected error'}`;
			}
		} finally {
			if (this.controller === controller) this.controller = null;
			store.getState().setSeeking(null, null);
		}

		this.say(message);
	}

	/**
	 * `[` (-1) / `]` (1) in the run view on the first / last item of the page: the previous page's
	 * last item's run or the next page's first, the page fetched first when not held, reached as
	 * `p` / `n` reach it (the trail stays right). The store's stepRun said 'beyond' first.
	 */
	async stepRunAcross(delta: -1 | 1): Promise<void> {
		if (this.controller) return;
		const {store} = this.options;
		const start = store.getState();
		const page = currentPage(start);
		const itemId = start.logs?.itemId;
		if (start.view !== 'logs' || !page || itemId === undefined) return;
		const {cursor: from, trail} = start.list;
		let cursor: string | null;
		let nextTrail: (string | null)[];
		if (delta === 1) {
			if (!page.next) return;
			cursor = page.next;
			nextTrail = [...trail, from];
		} else if (trail.length > 0) {
			cursor = trail.at(-1) ?? null;
			nextTrail = trail.slice(0, -1);
		} else if (page.previous) {
			cursor = page.previous;
			nextTrail = [];
		} else {
			return;
		}

		const controller = new AbortController();
		this.controller = controller;
		const key = filterKey(listFilter(start));
		// Esc, another run, another page or filter meanwhile: the step is dropped.
		const unchanged = () => {
			const now = store.getState();
			return now.view === 'logs' && now.logs?.itemId === itemId && cursorKey(now.list.cursor) === cursorKey(from) && filterKey(listFilter(now)) === key;
		};

		try {
			const there = start.list.pages.get(cursorKey(cursor)) ?? await this.load(cursor, controller.signal, unchanged);
			if (!unchanged()) return;
			const target = delta === 1 ? there.items[0] : there.items.at(-1);
			if (!target) {
				store.getState().setRunNotice(`the ${word(delta)} page is empty`);
				return;
			}

			if (store.getState().landOn(cursor, nextTrail, target.id)) store.getState().openLogs();
		} catch (error) {
			if (!controller.signal.aborted && unchanged() && !(error instanceof Error && error.message === 'moved')) {
				store.getState().setRunNotice(`could not read the ${word(delta)} page: ${isApiError(error) ? error.message : 'unexpected error'}`);
			}
		} finally {
			if (this.controller === controller) this.controller = null;
		}
	}

	/** Fetches the list's page at `cursor` and holds it; throws 'moved' when `unchanged` says the screen moved on. */
	private async load(cursor: string | null, signal: AbortSignal, unchanged: () => boolean): Promise<PageEntry> {
		const {store, client} = this.options;
		const page: Page<BatchItem> = await fetchListPage({client, store, state: store.getState(), cursor, signal});
		if (!unchanged()) throw new Error('moved');
		store.getState().pageLoaded(cursor, page, this.clock.now());
		return page;
	}

	/** A message for a few seconds (null clears it). */
	private say(message: string | null): void {
		const {store} = this.options;
		if (this.messageTimer !== null) this.clock.clearTimeout(this.messageTimer);
		this.messageTimer = null;
		store.getState().setTriageMessage(message);
		if (message === null) return;
		this.messageTimer = this.clock.setTimeout(() => {
			this.messageTimer = null;
			if (store.getState().triage.message === message) store.getState().setTriageMessage(null);
		}, this.options.messageMs ?? 4000);
	}
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
	for (let i = items.length - 1; i >= 0; i--) {
		if (test(items[i]!)) return i;
	}

	return -1;
}
