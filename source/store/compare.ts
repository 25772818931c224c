// Cheap structural comparisons, so a poll that brings the same data changes no state
// (and so draws nothing).
import type {Batch, BatchItem, Page} from '../api/types.js';
import type {PageEntry} from './state.js';

export function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

export function sameBatch(a: Batch, b: Batch): boolean {
	// countersStood is ours, not the server's: a batch read again is the same without it.
	const {items: itemsA, countersStood: _standsA, ...restA} = a;
	const {items: itemsB, countersStood: _standsB, ...restB} = b;
	if (!sameJson(restA, restB)) return false;
	if (itemsA === itemsB) return true;
	if (itemsA === undefined || itemsB === undefined) return false;
	if (itemsA.length !== itemsB.length) return false;
	for (let i = 0; i < itemsA.length; i++) {
		const x = itemsA[i]!;
		const y = itemsB[i]!;
		if (x.id !== y.id || x.status_code !== y.status_code || x.run_id !== y.run_id || x.client_ref !== y.client_ref || x.sequence_index !== y.sequence_index)
			return false;
	}
	return true;
}

export function samePage(a: PageEntry, b: Page<BatchItem>): boolean {
	return a.next === b.next && a.previous === b.previous && (a.items === b.items || sameJson(a.items, b.items));
}
