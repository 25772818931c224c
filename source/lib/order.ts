// The orders the item list can be shown in (the `o` key cycles them): by sequence → most
// recently finished → longest running → most expensive. Each says what to ask the server for
// (`sort_by`, so the order holds across pages) and how to sort the rows held here: when the
// server refuses the `sort_by` (400/422), when it cannot sort that way at all, and to check
// that an answer is in the order asked. Pure.
//
// Longest running has no `sort_by`: the order is "running items by how long they have run, then
// finished ones by how long they ran", and the list route can sort by neither elapsed time nor
// duration. `started_at:asc` would look close but is not: finished items started earlier than
// the running ones in almost every batch, so its first pages would be finished items in roughly
// sequence order, the running ones (what the user asks for) pages away. So the order is local
// only: the rows held are sorted here, and the header says so.
//
// Nulls: the local comparator puts them last. A server may put them first in a descending
// order (PostgreSQL's default, and the simulator's), so `honoursOrder` accepts them at either
// end of a page.
import type {BatchItem} from '../api/types.js';
import {parseTimestamp} from './timestamps.js';
import {parseMoney} from './money.js';
import {runDuration} from './progress.js';
import {isTerminal, statusCategory} from './status.js';

export type OrderId = 'sequence' | 'finished' | 'running' | 'cost';

export interface Order {
	readonly id: OrderId;
	/** The header's words: `long` when there is room, else `short`. */
	readonly long: string;
	readonly short: string;
	/** The `sort_by` to ask the server for; null: none (the server's default order, or it cannot sort this way: see `localOnly`). */
	readonly sortBy: string | null;
	/** No server sorts this way: the order applies to the rows held only. */
	readonly localOnly: boolean;
}

/** In the order `o` cycles through. */
export const ORDERS: readonly Order[] = Object.freeze([
	{id: 'sequence', long: 'by sequence', short: 'seq', sortBy: null, localOnly: false},
	{id: 'finished', long: 'most recently finished', short: 'recent', sortBy: 'completed_at:desc', localOnly: false},
	{id: 'running', long: 'longest running', short: 'longest', sortBy: null, localOnly: true},
	{id: 'cost', long: 'most expensive', short: 'costly', sortBy: 'cost:desc', localOnly: false},
] as const satisfies readonly Order[]);

export const DEFAULT_ORDER: OrderId = 'sequence';

export function orderById(id: OrderId): Order {
	return ORDERS.find((order) => order.id === id) ?? ORDERS[0]!;
}

/** The order after `id` (after the last: by sequence again). */
export function nextOrder(id: OrderId): OrderId {
	const at = ORDERS.findIndex((order) => order.id === id);
	return ORDERS[(at + 1) % ORDERS.length]!.id;
}

// ── keys ──────────────────────────────────────────────────────────────────────

const completedAt = (item: BatchItem): number | null => parseTimestamp(item.completed_at) ?? parseTimestamp(item.run?.completed_at);
const startedAt = (item: BatchItem): number | null => parseTimestamp(item.started_at) ?? parseTimestamp(item.run?.started_at);
const costOf = (item: BatchItem): bigint | null => parseMoney(item.cost) ?? parseMoney(item.run?.cost);

/** a before b: < 0. Nulls last whatever the direction. */
function compareKeys<T extends number | bigint>(a: T | null, b: T | null, desc: boolean): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	const c = a < b ? -1 : a > b ? 1 : 0;
	return desc ? -c : c;
}

const bySequence = (a: BatchItem, b: BatchItem) => a.sequence_index - b.sequence_index;

/** 0: running (any status neither queued nor final, as the counts take it), 1: finished, 2: queued. */
function runGroup(item: BatchItem): number {
	if (isTerminal(item.status_code)) return 1;
	return statusCategory(item.status_code) === 'queued' ? 2 : 0;
}

/**
 * Running items by how long they have run (now − started_at, desc: for one `now`, the earliest
 * start first, so no clock is needed), then finished ones by run time desc, then queued ones.
 */
function compareRunning(a: BatchItem, b: BatchItem): number {
	const group = runGroup(a) - runGroup(b);
	if (group !== 0) return group;
	if (runGroup(a) === 0) return compareKeys(startedAt(a), startedAt(b), false);
	if (runGroup(a) === 1) return compareKeys(runDuration(a), runDuration(b), true);
	return 0;
}

const PRIMARY: Readonly<Record<OrderId, (a: BatchItem, b: BatchItem) => number>> = {
	sequence: () => 0,
	finished: (a, b) => compareKeys(completedAt(a), completedAt(b), true),
	running: compareRunning,
	cost: (a, b) => compareKeys(costOf(a), costOf(b), true),
};

/** The comparator of `order` for rows held: its key, nulls last, ties by sequence_index. */
export function compareItems(order: OrderId): (a: BatchItem, b: BatchItem) => number {
	const primary = PRIMARY[order] ?? PRIMARY.sequence;
	return (a, b) => primary(a, b) || bySequence(a, b);
}

/** A sorted copy of `items` in `order`. */
export function sortItems(items: readonly BatchItem[], order: OrderId): BatchItem[] {
	return [...items].sort(compareItems(order));
}

/** The key a server sorts `order` by, for `honoursOrder`. */
const SERVER_KEY: Partial<Record<OrderId, (item: BatchItem) => number | bigint | null>> = {
	finished: completedAt,
	cost: costOf,
};

/**
 * Whether a page is in `order`: for an order the server sorts, its key never goes up down the
 * page (ties in any order), its nulls together at one end (a server may put them first or
 * last); by sequence, ascending; longest running, as compareItems has it.
 */
export function honoursOrder(items: readonly BatchItem[], order: OrderId): boolean {
	const key = SERVER_KEY[order];
	if (!key) {
		const compare = compareItems(order);
		return items.every((item, i) => i === 0 || compare(items[i - 1]!, item) <= 0);
	}

	const keys = items.map(key);
	const firstValue = keys.findIndex((k) => k !== null);
	if (firstValue < 0) return true;
	let lastValue = keys.length - 1;
	while (keys[lastValue] === null) lastValue--;
	const values = keys.slice(firstValue, lastValue + 1);
	// Nulls only before the first value or after the last, not both.
	if (values.includes(null) || (firstValue > 0 && lastValue < keys.length - 1)) return false;
	return values.every((k, i) => i === 0 || k! <= values[i - 1]!);
}
