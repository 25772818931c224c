// The list's order (the `o` key), merged into the store (store.ts). An order change goes back to
// the first page and drops the pages held, as a filter change does: they were of the old order
// (the screen token, screen.ts, has the order, so answers of the old order are dropped too).
// Where the server sorts (`sort_by`) its pages come in the order; where it cannot, the rows of
// each page are sorted here as the page is loaded (`orderScope`), so what is drawn, the selection
// (by id) and j/k all follow one order.
import type {BatchItem} from '../api/types.js';
import {nextOrder, orderById, sortItems, type OrderId} from '../lib/order.js';
import {parseSeek} from '../lib/seek.js';
import type {AppState} from './state.js';
import {isFilteredHere} from './triage.js';

export interface OrderActions {
	/** by sequence → most recently finished → longest running → most expensive → by sequence. */
	cycleOrder(): void;
	setOrder(order: OrderId): void;
	/** The server refused `sort_by` (400/422) or ignored it (answered unsorted): every page is sorted here from now on. */
	refuseOrder(): void;
}

/**
 * Where the order of the page at `cursor` comes from: null by sequence (the server's default
 * order); 'server' when the server sorts it; 'held' when no page can come sorted (the order is
 * local only, the server refused `sort_by`, or the list is built here from the batch's item
 * list), so every page held is sorted here; 'page' when the server sorts the list but this page
 * is not from it (a page a jump reached, named by its row: in sequence order), so this page
 * alone is sorted here.
 */
export function orderScope(state: AppState, cursor: string | null): 'server' | 'held' | 'page' | null {
	const order = orderById(state.list.order);
	if (order.id === 'sequence') return null;
	if (order.localOnly || state.orderRefused || isFilteredHere(state)) return 'held';
	return parseSeek(cursor) ? 'page' : 'server';
}

/** The rows of a page loaded at `cursor`, in the list's order: sorted here unless the server sorted them. */
export function orderedRows(state: AppState, cursor: string | null, items: BatchItem[]): BatchItem[] {
	const scope = orderScope(state, cursor);
	return scope === 'held' || scope === 'page' ? sortItems(items, state.list.order) : items;
}

type SetState = (partial: Partial<AppState>) => void;
type GetState = () => AppState;

export function orderActions(set: SetState, get: GetState): OrderActions {
	const setOrder = (order: OrderId) => {
		const {list, triage} = get();
		if (list.order === order) return;
		// The first page of the new order; the selected item stays selected if that page holds it.
		const fresh = {cursor: null, trail: [], pages: new Map(), selected: 0, selectedId: list.selectedId};
		// The unfiltered place kept while a filter is on was of the old order too.
		const saved = triage.saved ? {...fresh, selectedId: triage.saved.selectedId} : null;
		set({list: {...list, ...fresh, order}, triage: {...triage, saved, message: null}});
	};

	return {
		cycleOrder() {
			setOrder(nextOrder(get().list.order));
		},

		setOrder,

		refuseOrder() {
			if (!get().orderRefused) set({orderRefused: true});
		},
	};
}
