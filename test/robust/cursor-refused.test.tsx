// A cursor the server refuses (400/422 on a `pq` page read), seen on the screen: the page could
// not be read and why, on the alert line; the screen stays on the page it held, polling goes
// on, and `n` again tries again.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {Poller} from '../../source/poller/poller.js';
import {startSimulator, type Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerSession} from '../../source/cli/controller.js';
import {render, WAIT_MS} from '../helpers/app.js';

let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
	await cleanup?.();
	cleanup = null;
});

async function watch() {
	const sim: Simulator = await startSimulator({batches: [{id: 'b_c', items: 60, durationMs: 600_000, failureRate: 0.2}]});
	const store = createAppStore({batchId: 'b_c', pageSize: 20});
	const client = new RunflowClient({
		baseUrl: sim.url,
		apiKey: sim.apiKey,
		retries: 0,
		timeoutMs: 2000,
		onRetry: (info) => store.getState().quickRetry(info.message),
	});
	const poller = new Poller({client, store, intervalMs: 100, maxBackoffMs: 250});
	const ui = render(<App store={store} commands={pollerSession(store, poller, () => {})} interactive />, {columns: 120, rows: 30});
	poller.start();
	cleanup = async () => {
		poller.stop();
		ui.unmount();
		await sim.close();
	};
	const waitFor = async (test: (text: string) => boolean, what: string, ms = WAIT_MS) =>
		ui.waitForFrame(test, {message: `a frame with ${what}`, timeout: ms});
	await waitFor((text) => text.includes('items #0–#19') && text.includes(' live'), 'the first page, live');
	return {sim, store, ui, waitFor};
}

const PAGE = /[?&]pq=/;
const pageReads = (sim: Simulator) => sim.stats.urls.filter((url) => PAGE.test(url)).length;
/** What the server said, as far as a 120-column alert line shows it. */
const refusal = (status: number) => `the server refused the request (${status}): Invalid pq`;

describe('a cursor the server refuses (400/422 on a page read)', {timeout: 30_000}, () => {
	for (const status of [422, 400] as const) {
		it(`${status} on n: says page 2 could not be read and why, stays on page 1 with its selection, polling goes on; n tries again`, async () => {
			const {sim, store, ui, waitFor} = await watch();
			await ui.press('j', 'j');
			const selected = store.getState().list.selectedId;
			sim.faults.always({kind: 'refuse', status}, {route: PAGE});
			await ui.press('n');
			const said = `page 2 could not be read (back on page 1; n tries again): ${refusal(status)}`;
			const frame = await waitFor((text) => text.includes(said), 'the refusal said');
			expect(frame).toMatch(/page 1 · items #0–#19/);
			expect(frame).not.toMatch(/loading…|stale since|retrying|stopped/);
			expect(frame.split('\n')[0]).toMatch(/ live/);
			expect(store.getState().list).toMatchObject({cursor: null, selectedId: selected});
			expect(store.getState().connection.status).toBe('ok');
			// Polling goes on (the batch and page 1), the refused page is not asked again by itself.
			const reads = pageReads(sim);
			const requests = sim.stats.requests;
			await waitFor(() => sim.stats.requests >= requests + 3, 'three more polls');
			expect(pageReads(sim)).toBe(reads);
			expect(ui.frame()).toContain(said);
			// n again: asked again, refused again, said again.
			await ui.press('n');
			await waitFor(
				() => pageReads(sim) === reads + 1 && store.getState().list.cursor === null && store.getState().pageRefusal !== null,
				'the second refusal',
			);
			expect(ui.frame()).toContain(said);
			// The server takes it now: page 2, the message gone.
			sim.faults.clear();
			await ui.press('n');
			const page2 = await waitFor((text) => text.includes('page 2 · items #20–#39'), 'page 2');
			expect(page2).not.toContain('could not be read');
		});
	}

	it('the page on screen refused when read again (a cursor expired): its rows stay, said so, until it is read', async () => {
		const {sim, store, ui, waitFor} = await watch();
		await ui.press('n');
		await waitFor((text) => text.includes('page 2 · items #20–#39'), 'page 2');
		sim.faults.always({kind: 'refuse', status: 422}, {route: PAGE});
		const frame = await waitFor((text) => text.includes(`page 2 could not be read again (its rows as last read): ${refusal(422)}`), 'the refusal said');
		expect(frame).toContain('page 2 · items #20–#39');
		expect(store.getState().connection.status).toBe('ok');
		sim.faults.clear();
		await waitFor((text) => !text.includes('could not be read'), 'the page read again');
	});

	it('p back to a page no longer held, refused: back where p left', async () => {
		const {sim, store, ui, waitFor} = await watch();
		await ui.press('n');
		await waitFor((text) => text.includes('page 2 · items #20–#39'), 'page 2');
		await ui.press('n');
		await waitFor((text) => text.includes('page 3 (last) · items #40–#59'), 'page 3');
		// Page 2 dropped from what is held (as the 20-page cap would): p has to read it.
		const {list} = store.getState();
		const pages = new Map(list.pages);
		pages.delete(list.trail[1]!);
		store.setState({list: {...list, pages}});
		sim.faults.always({kind: 'refuse', status: 422}, {route: PAGE});
		await ui.press('p');
		await waitFor((text) => text.includes(`page 2 could not be read (back on page 3; p tries again): ${refusal(422)}`), 'the refusal said');
		expect(ui.frame()).toContain('page 3 (last) · items #40–#59');
	});

	it('the message goes once the list moves: another filter, then back, does not bring it back', async () => {
		const {sim, ui, waitFor} = await watch();
		sim.faults.always({kind: 'refuse', status: 422}, {route: PAGE});
		await ui.press('n');
		await waitFor((text) => text.includes('page 2 could not be read'), 'the refusal said');
		for (let i = 0; i < 5; i++) await ui.press('s'); // all → failed → running → queued → succeeded → all
		await waitFor((text) => text.includes('page 1 · items #0–#19') && !text.includes('could not be read'), 'page 1, nothing said');
	});
});
