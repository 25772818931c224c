// A counts line wider than the terminal: each count stays whole; only what passes the right
// edge is cut (the cells are separate texts, and none may be squeezed to make room).
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import type {LeanItem} from '../../source/api/types.js';
import {filledStore, renderApp} from './fixtures.js';

afterEach(cleanup);

test('status counts are never squeezed, at 80 and 100 columns', () => {
	const statuses = ['queued', 'dispatching', 'running', 'succeeded', 'partial_succeeded', 'failed', 'errored', 'cancelled'];
	const lean: LeanItem[] = Array.from({length: 120}, (_, i) => ({id: `item-${i}`, sequence_index: i, run_id: null, status_code: statuses[i % statuses.length]!}));
	for (const columns of [80, 100]) {
		const store = filledStore(undefined, {items_total: 120, items: lean});
		const app = renderApp(store, {size: {columns, rows: 24}});
		const counts = app.frame().split('\n')[2]!;
		expect(counts).toContain('○ queued 15 (12%)');
		expect(counts).toContain('◔ dispatching 15 (12%)');
		expect(counts).toContain('◐ running 15 (12%)');
		app.unmount();
	}
});
