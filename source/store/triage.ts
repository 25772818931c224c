// The triage actions, merged into the store (store.ts): record failures, set the filters (the
// list goes back to its first page; the unfiltered place is kept for when the filter goes off),
// the `/` prompt (the screen `filter` on top of the stack while it is open), and landing on a
// failure a jump found.
import type {BatchItem} from '../api/types.js';
import {isFailure} from '../lib/status.js';
import {filterQuery, isFilterActive, MAX_FILTER_TEXT, nextStatusFilter, slimFailure, type ListFilter, type StatusFilter} from '../lib/triage.js';
import {cursorKey, type AppState, type ListState} from './state.js';
import {MAX_CAUSES, MAX_DETAILS, MAX_REJECTED_QUERIES, type SavedList} from './triage-state.js';
import type {Said} from './said.js';
import {popped, pushed} from './stack.js';

export interface TriageActions {
	/** Keeps the cause of every failed item among `items` (first seen wins, unless it lacked the run). */
	recordFailures(items: readonly BatchItem[]): void;
	/** The server refused `q` (or, `rawMatch`, would match raw text where the screen shows other): filters using it are applied here from now on. */
	rejectQuery(q: string, rawMatch?: boolean): void;
	/** Items read by id for rows of a list built here: kept (slimmed, at most MAX_DETAILS) so those rows show what is known. */
	detailsLoaded(items: readonly BatchItem[]): void;
	/** all → failed → running → queued → succeeded → all. */
	cycleStatusFilter(): void;
	setStatusFilter(status: StatusFilter): void;
	setTextFilter(text: string): void;
	openPrompt(): void;
	editPrompt(text: string): void;
	/** Enter (apply: the text becomes the client_ref filter) or Esc. */
	closePrompt(apply: boolean): void;
	setSeeking(direction: 1 | -1 | null, message: string | null): void;
	setTriageMessage(message: Said | null): void;
	/** Shows the loaded page at `cursor`, reached through `trail`, with `itemId` selected. False if it is not there. */
	landOn(cursor: string | null, trail: (string | null)[], itemId: string): boolean;
}

type SetState = (partial: Partial<AppState>) => void;
type GetState = () => AppState;

export function listFilter(state: AppState): ListFilter {
	return {status: state.list.statusFilter, text: state.list.textFilter};
}

/** Whether the list of this state is built here from the lean list (the server refused its filter's `q`). */
export function isFilteredHere(state: AppState): boolean {
	const q = filterQuery(listFilter(state));
	return q !== undefined && state.triage.rejectedQueries.has(q);
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** What the prompt may hold: no control or format characters, at most MAX_FILTER_TEXT code points. */
export function cleanFilterText(text: string): string {
	return Array.from(text.replace(UNPRINTABLE, '')).slice(0, MAX_FILTER_TEXT).join('');
}

export function triageActions(set: SetState, get: GetState): TriageActions {
	const setTriage = (patch: Partial<AppState['triage']>) => set({triage: {...get().triage, ...patch}});

	const setFilter = (filter: ListFilter) => {
		const {list, triage} = get();
		const before = listFilter(get());
		if (before.status === filter.status && before.text === filter.text) return;
		let saved = triage.saved;
		let place: SavedList;
		if (!isFilterActive(before)) {
			saved = {cursor: list.cursor, trail: list.trail, pages: list.pages, selected: list.selected, selectedId: list.selectedId};
		}

		if (!isFilterActive(filter) && saved) {
			place = saved;
			saved = null;
		} else {
			// The selected item stays selected if the first page of the new list holds it.
			place = {cursor: null, trail: [], pages: new Map(), selected: 0, selectedId: list.selectedId};
		}

		const next: ListState = {...list, ...place, statusFilter: filter.status, textFilter: filter.text};
		set({list: next, triage: {...triage, saved, message: null}});
	};

	const setTextFilter = (text: string) => {
		setFilter({...listFilter(get()), text: cleanFilterText(text).trim()});
	};

	return {
		recordFailures(items) {
			const {triage} = get();
			let causes: Map<string, BatchItem> | null = null;
			for (const item of items) {
				if (!item || !isFailure(item.status_code)) continue;
				const held = causes ?? triage.causes;
				const old = held.get(item.id);
				if (old && (old.run || !item.run)) continue;
				if (!old && held.size >= MAX_CAUSES) continue;
				causes ??= new Map(triage.causes);
				causes.set(item.id, slimFailure(item));
			}

			if (causes) setTriage({causes});
		},

		rejectQuery(q, rawMatch = false) {
			const state = get();
			if (state.triage.rejectedQueries.has(q)) return;
			const rejected = new Set(state.triage.rejectedQueries);
			rejected.add(q);
			if (rejected.size > MAX_REJECTED_QUERIES) rejected.delete(rejected.values().next().value!);
			const raw = new Set([...state.triage.rawMatchQueries].filter((query) => rejected.has(query)));
			if (rawMatch) raw.add(q);
			set({triage: {...state.triage, rejectedQueries: rejected, rawMatchQueries: raw}});
			// A server cursor means nothing to the list built here: start it over.
			if (filterQuery(listFilter(state)) === q && state.list.cursor !== null) {
				set({list: {...state.list, cursor: null, trail: [], selected: 0}});
			}
		},

		detailsLoaded(items) {
			if (items.length === 0) return;
			const details = new Map(get().triage.details);
			for (const item of items) {
				details.delete(item.id);
				details.set(item.id, slimFailure(item));
			}

			while (details.size > MAX_DETAILS) details.delete(details.keys().next().value!);
			setTriage({details});
		},

		cycleStatusFilter() {
			const filter = listFilter(get());
			setFilter({...filter, status: nextStatusFilter(filter.status)});
		},

		setStatusFilter(status) {
			setFilter({...listFilter(get()), status});
		},

		setTextFilter,

		openPrompt() {
			const state = get();
			if (state.triage.prompt === null) set({triage: {...state.triage, prompt: state.list.textFilter}, screens: pushed(state.screens, 'filter')});
		},

		editPrompt(text) {
			const {triage} = get();
			if (triage.prompt === null) return;
			const clean = cleanFilterText(text);
			if (clean !== triage.prompt) setTriage({prompt: clean});
		},

		closePrompt(apply) {
			const {triage, screens} = get();
			if (triage.prompt === null) return;
			const text = triage.prompt;
			set({triage: {...triage, prompt: null}, screens: popped(screens, 'filter')});
			if (apply) setTextFilter(text);
		},

		setSeeking(direction, message) {
			const {triage} = get();
			if (triage.seeking !== direction || triage.message !== message) setTriage({seeking: direction, message});
		},

		setTriageMessage(message) {
			if (get().triage.message !== message) setTriage({message});
		},

		landOn(cursor, trail, itemId) {
			const {list} = get();
			const page = list.pages.get(cursorKey(cursor));
			const index = page ? page.items.findIndex((item) => item.id === itemId) : -1;
			if (index < 0) return false;
			set({list: {...list, cursor, trail, selected: index, selectedId: itemId}});
			return true;
		},
	};
}
