// Hand-made batches, pages and log lines, and a store filled through its own actions.
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import {vi} from 'vitest';
import type {Batch, BatchItem, LogLine, Page} from '../../source/api/types.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {App, type Controller} from '../../source/ui/App.js';
import type {Size} from '../../source/ui/layout.js';

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

export function controller() {
	return {
		refresh: vi.fn<Controller['refresh']>(),
		quit: vi.fn<Controller['quit']>(),
		jumpToFailure: vi.fn<Controller['jumpToFailure']>(),
		stepRunAcross: vi.fn<Controller['stepRunAcross']>(),
	} satisfies Controller;
}

export const SIZE_80x24: Size = {columns: 80, rows: 24};

export function renderApp(store: AppStore, options: {size?: Size; interactive?: boolean; now?: number | (() => number)} = {}) {
	const ctl = controller();
	const {now = T0 + 1000} = options;
	const result = render(createElement(App, {
		store,
		controller: ctl,
		interactive: options.interactive ?? true,
		size: options.size ?? SIZE_80x24,
		now: typeof now === 'function' ? now : () => now,
	}));
	// frame(): the last frame without Ink's own colour codes (so tests read text and columns);
	// raw(): exactly what Ink wrote.
	return {...result, controller: ctl, frame: () => stripSgr(result.lastFrame() ?? ''), raw: () => result.lastFrame() ?? ''};
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[\d;]*m/g;

/** Removes SGR (colour/style) sequences only: anything else, OSC or a screen clear, stays visible to the test. */
export const stripSgr = (text: string): string => text.replace(SGR, '');

export const tick = async (ms = 20): Promise<void> => new Promise((resolve) => {
	setTimeout(resolve, ms);
});

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

/** Write keys one at a time, letting Ink and React settle after each. */
export async function press(stdin: {write(data: string): void}, ...keys: string[]): Promise<void> {
	for (const key of keys) {
		stdin.write(key);
		await tick();
	}
}

/** The frame's lines (ANSI colour codes left in: count lines, not styles). */
export const lines = (frame: string): string[] => frame.split('\n');

/** The row marked as selected ('›'). */
export function selectedLine(frame: string): string | undefined {
	return lines(frame).find((line) => line.includes('›'));
}
