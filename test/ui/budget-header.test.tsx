// The header says when the request budget follows the server's own limit (X-RateLimit-*):
// 'budget 0.4 rps: 38 of 600 left until 12:04:15', shortened to the rate, then left out, as
// room runs short; nothing without it. Redrawn only when its words change enough.
import {afterEach, describe, expect, it} from 'vitest';
import {formatClock} from '../../source/lib/format.js';
import {createAppStore} from '../../source/store/store.js';
import {cleanup, renderApp} from '../helpers/app.js';
import {lines} from './fixtures.js';

afterEach(cleanup);

const RESET = Date.UTC(2026, 3, 1, 12, 4, 15);

function jobStore() {
	return createAppStore({batchId: 'b_1', pageSize: 10, jobIds: ['b_1', 'b_2']});
}

describe('the budget in the header', () => {
	it('says nothing while the server states no limit', async () => {
		const store = jobStore();
		const app = await renderApp(store, {columns: 120, rows: 20});
		expect(lines(app.frame())[0]).not.toContain('budget');
	});

	it('says the rate, what is left of how much, and until when', async () => {
		const store = jobStore();
		const app = await renderApp(store, {columns: 140, rows: 20});
		store.getState().limitsFollowed({rate: 0.4, limit: 600, remaining: 38, resetAt: RESET});
		await app.waitForFrame((frame) => lines(frame)[0]!.includes(`budget 0.4 rps: 38 of 600 left until ${formatClock(RESET)}`));
	});

	it('narrow: the rate alone; the connection stays', async () => {
		const store = jobStore();
		store.getState().limitsFollowed({rate: 0.4, limit: 600, remaining: 38, resetAt: RESET});
		const narrow = await renderApp(store, {columns: 60, rows: 20});
		const header = lines(narrow.frame())[0]!;
		expect(header).toContain('budget 0.4 rps');
		expect(header).not.toContain('left until');
		expect(header).toContain('connecting');
	});

	it('Remaining falling by one is not redrawn each time; a new rate or window is', () => {
		const store = jobStore();
		store.getState().limitsFollowed({rate: 0.4, limit: 600, remaining: 38, resetAt: RESET});
		const shown = store.getState().account.limits;
		store.getState().limitsFollowed({rate: 0.4, limit: 600, remaining: 37, resetAt: RESET});
		expect(store.getState().account.limits).toBe(shown);
		store.getState().limitsFollowed({rate: 0.4, limit: 600, remaining: 30, resetAt: RESET});
		expect(store.getState().account.limits?.remaining).toBe(30);
		store.getState().limitsFollowed({rate: 0.3, limit: 600, remaining: 30, resetAt: RESET});
		expect(store.getState().account.limits?.rate).toBe(0.3);
	});
});
