// f / F: the next or previous failed item, across pages, in a few requests whatever the batch's
// size. The lean item list says which item that is and its row number; the list's cursors are
// opaque, so the page holding it is named by a seek cursor (lib/seek.ts) with a trail of the
// pages before it: one request (`q=sequence_index>=S`, or, when the server refuses or ignores
// that, a page built here from the lean list plus the target read by id), and the page line and
// `n`/`p` stay right from there. Without a lean list it walks the server's pages, paced and
// bounded. `[`/`]` at a page's edge in the run view step one page the same way (stepRunAcross).
// One fetching task at a time, aborted by stop(); pages fetched through list-source and held in
// the store; a message that clears itself (nav-tasks.ts). Plain TypeScript: client and store, no React.
import {isApiError} from '../api/errors.js';
import {ITEM_FIELDS} from '../api/fields.js';
import type {BatchItem, LeanItem} from '../api/types.js';
import {fromEdge, nextMatch} from '../lib/next-match.js';
import {placeOf} from '../lib/seek.js';
import {isFailure} from '../lib/status.js';
import {completeLeanItems, isFilterActive, matchesFilter, pickFailure} from '../lib/triage.js';
import {stepPlace} from '../store/list-state.js';
import {LIST_PARTS} from '../store/screen.js';
import {cursorKey, type AppState, type PageEntry} from '../store/state.js';
import {currentPage} from '../store/store.js';
import {isFilteredHere, listFilter} from '../store/triage.js';
import {sleep} from './clock.js';
import {NavigatorTasks, word} from './nav-tasks.js';

/** Whether a row holds more than the lean list says (a page built here holds lean rows). */
function hasDetails(item: BatchItem): boolean {
	return item.run !== undefined || item.error !== undefined || item.cost !== undefined || item.started_at !== undefined;
}

export class Navigator extends NavigatorTasks {
	/** Selects the next (1) or previous (-1) failed item of the list, fetching its page when not on screen. */
	async jump(direction: 1 | -1): Promise<void> {
		if (this.controller) return;
		const {store} = this.options;
		const state = store.getState();
		const page = currentPage(state);
		const filter = listFilter(state);
		const lean = completeLeanItems(state.batch);
		const rows = lean?.filter((item) => matchesFilter(item, filter));
		if (rows && !rows.some((item) => isFailure(item.status_code))) {
			this.say(isFilterActive(filter) ? 'no failed item matches the filter' : 'no failed items');
			return;
		}

		if (!page) {
			// Where the selection is is not known yet: a jump from nowhere would go to the wrong end.
			this.say('the page is still loading');
			return;
		}

		const current = page.items[state.list.selected];
		const from = current?.sequence_index ?? null;
		const pick = rows ? pickFailure(rows, from, direction) : null;
		if (!rows || !pick) {
			await this.walk(state, direction, from);
			return;
		}

		const {target} = pick;
		if (target.id === current?.id) {
			this.say('no other failed item');
			return;
		}

		const landed = pick.wrapped ? `wrapped round to the ${direction === 1 ? 'first' : 'last'} failure` : null;
		await this.land(state, rows, target, direction, landed);
	}

	/**
	 * Selects `target`, an item of the batch's lean list (a job's f/F, `L`), fetching its page
	 * when it is not on screen. Says so when the lean list is not held or does not have it; once
	 * there, says `landed` (when given).
	 */
	async goTo(target: LeanItem, landed: string | null = null): Promise<void> {
		if (this.controller) return;
		const state = this.options.store.getState();
		const rows = completeLeanItems(state.batch)?.filter((item) => matchesFilter(item, listFilter(state)));
		// The row of the list held (the target may come from another read of it: a job's).
		const row = rows?.find((item) => item.id === target.id);
		if (!rows || !row) {
			this.say(`item #${target.sequence_index} is not in the list held`);
			return;
		}

		await this.land(state, rows, row, 1, landed, `finding item #${row.sequence_index}…`);
	}

	/** Selects `target` of `rows` (the lean list as filtered): on the page on screen, or on its page fetched (named by its place). */
	private async land(
		state: AppState,
		rows: readonly LeanItem[],
		target: LeanItem,
		direction: 1 | -1,
		landed: string | null,
		seeking?: string,
	): Promise<void> {
		const {store} = this.options;
		const page = currentPage(state);
		const onScreen = page?.items.find((item) => item.id === target.id);
		if (onScreen) {
			store.getState().landOn(state.list.cursor, state.list.trail, target.id);
			this.say(landed);
			if (!hasDetails(onScreen)) {
				await this.task(
					direction,
					async (signal) => {
						await this.fillIn(state.list.cursor, target, signal);
						return landed;
					},
					seeking,
				);
			}
			return;
		}

		await this.task(
			direction,
			async (signal) => {
				// The page holding the target, named by its place, with the trail of the pages before it.
				const {cursor, trail} = placeOf(rows, rows.indexOf(target), state.pageSize, isFilteredHere(state) ? 'local' : 'seek');
				const unchanged = this.unchangedSince(state);
				const there = await this.load(cursor, signal, unchanged);
				const row = there.items.find((item) => item.id === target.id);
				if (!row) return `${isFailure(target.status_code) ? 'failure' : 'item'} #${target.sequence_index} is not where the list said`;
				if (!unchanged() || !store.getState().landOn(cursor, trail, target.id)) throw new Error('moved');
				this.say(landed);
				if (!hasDetails(row)) await this.fillIn(cursor, target, signal);
				return landed;
			},
			seeking,
		);
	}

	/**
	 * The target's row on a page built here holds only what the lean list says: its item, read by
	 * id (one request), fills it in, so its failure shows. Dropped when the screen moved on.
	 */
	private async fillIn(cursor: string | null, target: LeanItem, signal: AbortSignal): Promise<void> {
		const {store, client} = this.options;
		const unchanged = this.unchangedSince(store.getState());
		const item = await client.getItem(store.getState().batchId, target.id, {fields: ITEM_FIELDS}, {signal});
		store.getState().recordFailures([item]);
		const page = store.getState().list.pages.get(cursorKey(cursor));
		if (!page || !unchanged()) return;
		const items = page.items.map((old) => (old.id === item.id ? {...item, status_code: old.status_code} : old));
		store.getState().pageLoaded(cursor, {...page, items, first: null}, this.clock.now());
	}

	/**
	 * Without a lean list: the first failure past the selection, walking the server's pages from
	 * the one on screen (forward, or back along the trail), one request every paceMs at most and
	 * maxPages at most. Giving up, it shows the last page it read (a jump again goes on from there)
	 * and says so (an outcome: the screen words it, naming the key).
	 */
	private async walk(start: AppState, direction: 1 | -1, from: number | null): Promise<void> {
		const {store} = this.options;
		const beyond = (item: BatchItem) =>
			isFailure(item.status_code) && (from === null || (direction === 1 ? item.sequence_index > from : item.sequence_index < from));
		// A page is looked through from its edge, not round it: past its end the walk reads the next page.
		const find = (items: readonly BatchItem[]) => nextMatch(items, fromEdge(items, direction), direction, beyond, {wrap: false})?.index ?? -1;
		const here = currentPage(start);
		const found = here ? find(here.items) : -1;
		if (found >= 0 && here) {
			store.getState().landOn(start.list.cursor, start.list.trail, here.items[found]!.id);
			this.say(null);
			return;
		}

		const seeking = `finding ${word(direction)} failure…`;
		const unchanged = this.unchangedSince(start);
		await this.task(direction, async (signal) => {
			let cursor = start.list.cursor;
			let trail = [...start.list.trail];
			let page: PageEntry = here ?? (await this.load(cursor, signal, unchanged));
			const maxPages = this.options.maxPages ?? 40;
			for (let walked = 1; ; walked++) {
				const index = find(page.items);
				if (index >= 0) {
					if (!unchanged() || !store.getState().landOn(cursor, trail, page.items[index]!.id)) throw new Error('moved');
					return null;
				}

				const edge = direction === 1 ? page.items.at(-1) : page.items[0];
				if (walked > maxPages && edge) {
					if (!unchanged() || !store.getState().landOn(cursor, trail, edge.id)) throw new Error('moved');
					return {kind: 'walk-gave-up', pages: maxPages, direction};
				}

				const place = stepPlace({cursor, trail}, page, direction);
				if (!place) return `no more failures ${direction === 1 ? 'after' : 'before'} this item`;
				({cursor, trail} = place);
				store.getState().setSeeking(direction, `${seeking} (page ${trail.length + 1})`);
				await sleep(this.clock, this.options.paceMs ?? 250, signal);
				if (signal.aborted) throw new Error('moved');
				page = await this.load(cursor, signal, unchanged);
			}
		});
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
		const place = stepPlace(start.list, page, delta);
		if (!place) return;
		const {cursor} = place;
		const controller = new AbortController();
		this.controller = controller;
		// Esc, another run, another page or filter meanwhile: the step is dropped.
		const unchanged = this.unchangedSince(start, [...LIST_PARTS, 'run']);

		try {
			const there = start.list.pages.get(cursorKey(cursor)) ?? (await this.load(cursor, controller.signal, unchanged));
			if (!unchanged()) return;
			const target = delta === 1 ? there.items[0] : there.items.at(-1);
			if (!target) {
				store.getState().setRunNotice(`the ${word(delta)} page is empty`);
				return;
			}

			if (store.getState().landOn(cursor, place.trail, target.id)) store.getState().openLogs();
		} catch (error) {
			if (!controller.signal.aborted && unchanged() && !(error instanceof Error && error.message === 'moved')) {
				store.getState().setRunNotice(`could not read the ${word(delta)} page: ${isApiError(error) ? error.message : 'unexpected error'}`);
			}
		} finally {
			if (this.controller === controller) this.controller = null;
		}
	}
}
