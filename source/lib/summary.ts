// Progress over a whole batch, from the lean item list when it is complete, else from the counters.

import type {Batch, BatchItem} from '../api/types.js';
import type {Money} from './money.js';
import {parseMoney, sumMoney} from './money.js';
import {compareStatus, IN_PROGRESS_STATUS, isTerminal, statusCategory} from './status.js';

export {IN_PROGRESS_STATUS} from './status.js';

export interface StatusCount {
	status: string; // normalized
	count: number;
	share: number; // 0..1 of total
}

export interface BatchSummary {
	total: number;
	finished: number;
	inFlight: number;
	/** By category: partial_succeeded counts as succeeded, errored as failed. */
	succeeded: number;
	failed: number;
	cancelled: number;
	/** Sorted by compareStatus; only non-zero; unknown statuses as they are. */
	counts: StatusCount[];
	/** finished / total (0 when total is 0). */
	fraction: number;
	/** batch.cost parsed; when null, the sum of the held items' costs. */
	cost: Money | null;
	source: 'items' | 'counters';
}

/** A counter as the API may send it: a missing, NaN, negative or fractional value → a sane integer. */
function counter(value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
		return 0;
	}

	return Math.floor(number);
}

/**
 * If `batch.items` is present and holds at least `items_total` items (distinct ids), statuses
 * are counted from it ('items'). Otherwise the counters give succeeded/failed/cancelled and the
 * rest (total − those, never negative) is one IN_PROGRESS_STATUS entry ('counters'). In both
 * cases total is never below what was counted.
 */
export function summarizeBatch(batch: Batch, heldItems?: readonly BatchItem[]): BatchSummary {
	const declaredTotal = counter(batch.items_total);
	const tally = new Map<string, number>();
	let total: number;
	let source: BatchSummary['source'];

	const lean = Array.isArray(batch.items) ? leanTally(batch.items) : undefined;
	if (lean && lean.total >= declaredTotal) {
		source = 'items';
		total = lean.total;
		for (const [status, count] of lean.tally) tally.set(status, count);
	} else {
		source = 'counters';
		const succeeded = counter(batch.items_succeeded);
		const failed = counter(batch.items_failed);
		const cancelled = counter(batch.items_cancelled);
		const done = succeeded + failed + cancelled;
		total = Math.max(declaredTotal, done);
		tally.set('succeeded', succeeded);
		tally.set('failed', failed);
		tally.set('cancelled', cancelled);
		tally.set(IN_PROGRESS_STATUS, total - done);
	}

	let cost = parseMoney(batch.cost);
	if (cost === null && heldItems) {
		cost = sumMoney(heldItems.map((item) => itemCost(item)));
	}

	return summarizeTally(tally, total, cost, source);
}

/** A summary from items counted by status (a journal keeps these: store/journal). */
export function summarizeTally(tally: ReadonlyMap<string, number>, total: number, cost: Money | null, source: BatchSummary['source']): BatchSummary {
	let finished = 0;
	let succeeded = 0;
	let failed = 0;
	let cancelled = 0;
	const counts: StatusCount[] = [];
	for (const [status, count] of tally) {
		if (count <= 0) {
			continue;
		}

		counts.push({status, count, share: total > 0 ? count / total : 0});
		if (isTerminal(status)) {
			finished += count;
		}

		const category = statusCategory(status);
		if (category === 'succeeded') {
			succeeded += count;
		} else if (category === 'failed') {
			failed += count;
		} else if (category === 'cancelled') {
			cancelled += count;
		}
	}

	counts.sort((a, b) => compareStatus(a.status, b.status));
	return {
		total,
		finished,
		inFlight: total - finished,
		succeeded,
		failed,
		cancelled,
		counts,
		fraction: total > 0 ? finished / total : 0,
		cost,
		source,
	};
}

/** An item's cost: its own, else its embedded run's. */
export function itemCost(item: BatchItem): string | null {
	return item?.cost ?? item?.run?.cost ?? null;
}

interface LeanTally {
	/** Distinct items. */
	total: number;
	tally: ReadonlyMap<string, number>;
}

/**
 * The lean list counted by status, once per list: the batch's counters change every poll while
 * its lean list (20,000 rows on a big batch) is read far less often and kept as the same array.
 */
const leanTallies = new WeakMap<readonly unknown[], LeanTally>();

function leanTally(items: NonNullable<Batch['items']>): LeanTally {
	let counted = leanTallies.get(items);
	if (!counted) {
		const rows = dedupeById(items);
		const tally = new Map<string, number>();
		for (const item of rows) {
			const status = item?.status_code || 'unknown';
			tally.set(status, (tally.get(status) ?? 0) + 1);
		}

		counted = {total: rows.length, tally};
		leanTallies.set(items, counted);
	}

	return counted;
}

/** Keeps the last row per id (rows without a usable id are all kept). */
function dedupeById<T extends {id?: unknown}>(items: readonly T[]): T[] {
	const byId = new Map<unknown, T>();
	const anonymous: T[] = [];
	for (const item of items) {
		const id = item?.id;
		if (typeof id === 'string' && id !== '') {
			byId.set(id, item);
		} else {
			anonymous.push(item);
		}
	}

	return byId.size === items.length ? [...items] : [...byId.values(), ...anonymous];
}
