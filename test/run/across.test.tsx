// [ and ] across the page's edge, the whole way: the simulator, the client, the poller (its
// navigator fetches the page not held yet), the store and the Ink app, driven by keys.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {Poller} from '../../source/poller/poller.js';
import {createAppStore, currentPage} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerSession} from '../../source/cli/controller.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {cleanup, render, waitFor} from '../helpers/app.js';
import {KEY, selectedLine} from '../ui/fixtures.js';

closeSimulatorsAfterEach();

const ID = 'b_across';
const pollers: Poller[] = [];

afterEach(() => {
	cleanup();
	for (const poller of pollers.splice(0)) poller.stop();
});

async function start() {
	const h = await controlledSim({batches: [batch(ID, {items: 25, durationMs: 10_000, seed: 5})]});
	h.setTime(20_000);
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize: 10});
	const poller = new Poller({client, store, intervalMs: 60_000});
	pollers.push(poller);
	poller.start();
	const commands = pollerSession(store, poller, vi.fn());
	const app = render(<App store={store} commands={commands} interactive now={() => Date.UTC(2026, 3, 1, 12, 1)} />, {columns: 80, rows: 24});
	await app.waitForFrame((frame) => frame.includes('page 1 ·') && /›\s+0 /.test(selectedLine(frame) ?? ''));
	return {app, frame: app.frame, store};
}

describe("[ and ] across the page's edge", () => {
	it('] on the last item of page 1 fetches page 2 and shows its first run; [ comes back; esc shows the list there', async () => {
		const {app, frame, store} = await start();
		await app.press('G', KEY.enter);
		await waitFor(() => expect(frame()).toContain('item #9 '));
		const next = currentPage(store.getState())!.next!;
		expect(store.getState().list.pages.has(next)).toBe(false); // page 2 is not held yet

		await app.press(']');
		await waitFor(() => expect(frame()).toContain('item #10 '));
		expect(store.getState().list.cursor).toBe(next);
		expect(store.getState().list.trail).toEqual([null]);
		expect(store.getState().list.selectedId).toBe(store.getState().logs?.itemId);

		await app.press('[');
		await waitFor(() => expect(frame()).toContain('item #9 '));
		expect(store.getState().list.cursor).toBe(null);
		expect(store.getState().list.trail).toEqual([]);

		await app.press(KEY.escape);
		await waitFor(() => expect(frame()).toContain('page 1 ·'));
		expect(selectedLine(frame())).toMatch(/›\s+9 /);
		// n and p still walk the pages from there.
		await app.press('n');
		await waitFor(() => expect(frame()).toContain('page 2 ·'));
		await app.press('p');
		await waitFor(() => expect(frame()).toContain('page 1 ·'));
	});

	it('at the real ends of the list [ and ] say so and stay', async () => {
		const {app, frame, store} = await start();
		// Each key's effect is waited for before the next key, as a person sees it.
		const key = async (input: string, shows: string | RegExp, where: () => string = frame) => {
			await app.press(input);
			await waitFor(() => expect(where()).toMatch(shows));
		};
		const selected = () => selectedLine(frame()) ?? '';
		await key(KEY.enter, 'item #0 ');
		await key('[', 'first item of the list');
		expect(frame()).toContain('item #0 ');
		await key(KEY.escape, 'page 1 ·');
		await key('n', 'page 2 · items #10–#19');
		await key('n', 'page 3 (last) · items #20–#24');
		await key('G', /›\s+24 /, selected);
		await key(KEY.enter, 'item #24 ');
		await key(']', 'last item of the list');
		expect(frame()).toContain('item #24 ');
		// [ on page 3's first item goes back along the trail to page 2's last.
		await key(KEY.escape, 'page 3 (last) · items #20–#24');
		await key('g', /›\s+20 /, selected);
		await key(KEY.enter, 'item #20 ');
		await key('[', 'item #19 ');
		expect(store.getState().list.trail).toEqual([null]);
	});
});
