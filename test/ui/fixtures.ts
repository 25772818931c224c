// Hand-made batches, pages and log lines, and a store filled through its own actions.
import type {Batch, BatchItem, LogLine, Page} from '../../source/api/types.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';

export const T0 = Date.UTC(2026, 3, 1, 12, 0, 0);

export function item(index: number, patch: Partial<BatchItem> = {}): BatchItem {
	return {
		id: `item-${index}`,
		batch_id: 'b-1',
		sequence_index: index,
		run_id: `run-${index}`,
		client_ref: `ref-${index}`,
		status_code: 'succeeded',
		cost: '0.0100',
		started_at: '2026-04-01T12:00:00Z',
		completed_at: '2026-04-01T12:00:42Z',
		...patch,
	};
}

export function batch(patch: Partial<Batch> = {}): Batch {
	return {
		id: 'b-1',
		status_code: 'running',
		items_total: 120,
		items_succeeded: 31,
		items_failed: 3,
		items_cancelled: 0,
		cost: '1.2345',
		...patch,
	};
}

export function page(items: BatchItem[], next: string | null = null, previous: string | null = null): Page<BatchItem> {
	return {items, first: null, next, previous};
}

/** Items from..to-1, succeeded unless `status` says otherwise. */
export function items(from: number, to: number, status: (i: number) => string = () => 'succeeded'): BatchItem[] {
	return Array.from({length: to - from}, (_, k) => item(from + k, {status_code: status(from + k)}));
}

export function logLine(n: number, patch: Partial<LogLine> = {}): LogLine {
	return {
		id: `log-${n}`,
		run_id: 'run-0',
		level_code: 'info',
		message: `line number ${n}`,
		timestamp: '2026-04-01T12:00:05Z',
		...patch,
	};
}

/** A store holding the batch and a first page of 50 items (the next page's cursor is 'c2'). */
export function filledStore(first: BatchItem[] = items(0, 50), batchPatch: Partial<Batch> = {}): AppStore {
	const store = createAppStore({batchId: 'b-1', pageSize: 50});
	store.getState().batchLoaded(batch(batchPatch), T0);
	store.getState().pageLoaded(null, page(first, 'c2'), T0);
	store.getState().pollSucceeded(T0);
	return store;
}

// Rendering and waiting live in test/helpers/app.ts; re-exported here for the UI tests.
export {cleanup, controller, renderApp, stripSgr, waitFor} from '../helpers/app.js';

export const KEY = {
	down: '\u001B[B',
	up: '\u001B[A',
	right: '\u001B[C',
	left: '\u001B[D',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
} as const;

/** The frame's lines (ANSI colour codes left in: count lines, not styles). */
export const lines = (frame: string): string[] => frame.split('\n');

/** The row marked as selected ('›'). */
export function selectedLine(frame: string): string | undefined {
	return lines(frame).find((line) => line.includes('›'));
}
