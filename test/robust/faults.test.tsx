// Each fault the server can throw at us, seen on the screen: the last good data stays,
// the header says how stale it is and when the next try comes, and it recovers by itself.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {Poller} from '../../source/poller/poller.js';
import {startSimulator, type Fault, type Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerSession} from '../../source/cli/controller.js';
import {formatClock} from '../../source/lib/format.js';
import {render, WAIT_MS} from '../helpers/app.js';

let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
	await cleanup?.();
	cleanup = null;
});

async function watch(options: {retries?: number; timeoutMs?: number} = {}) {
	const sim: Simulator = await startSimulator({batches: [{id: 'b_f', items: 60, durationMs: 600_000, failureRate: 0.2}]});
	const store = createAppStore({batchId: 'b_f', pageSize: 20});
	// As the bin wires it: a quick retry inside a call is said on the alert line (store.quickRetry).
	const client = new RunflowClient({
		baseUrl: sim.url,
		apiKey: sim.apiKey,
		retries: options.retries ?? 0,
		timeoutMs: options.timeoutMs ?? 300,
		onRetry: (info) => store.getState().quickRetry(info.message),
	});
	const poller = new Poller({client, store, intervalMs: 50, maxBackoffMs: 250});
	const ui = render(<App store={store} commands={pollerSession(store, poller, () => {})} interactive />, {columns: 120, rows: 30});
	poller.start();
	cleanup = async () => {
		poller.stop();
		ui.unmount();
		await sim.close();
	};
	const frame = () => ui.raw();
	const waitFor = async (test: (text: string) => boolean, what: string, ms = WAIT_MS) => {
		await ui.waitForFrame(() => test(frame()), {message: `a frame with ${what}`, timeout: ms});
		return frame();
	};
	await waitFor((text) => text.includes('items #0–#19') && text.includes(' live'), 'the first page, live');
	return {sim, store, frame, waitFor, ui, poller};
}

const faults: [string, Fault, RegExp][] = [
	['500', {kind: 'status', status: 500}, /the server failed \(500\)/],
	['502', {kind: 'status', status: 502}, /the server failed \(502\)/],
	['503', {kind: 'status', status: 503}, /the server failed \(503\)/],
	['429 without Retry-After', {kind: 'rate_limit'}, /rate limited \(429\)/],
	['a hang past the timeout', {kind: 'hang'}, /no answer from 127\.0\.0\.1:\d+ within/],
	['a reset connection', {kind: 'reset'}, /cannot reach 127\.0\.0\.1:\d+/],
	['invalid JSON', {kind: 'invalid_json'}, /invalid JSON/],
	['an HTML error page', {kind: 'html', status: 502}, /answered with an HTML page \(502\)/],
];

describe('a failing server, on screen', () => {
	it.each(faults)('%s: keeps the data, says it is retrying, recovers', async (_name, fault, message) => {
		const {sim, store, waitFor} = await watch();
		sim.faults.always(fault);
		const during = await waitFor((text) => message.test(text) && /retrying at \d\d:\d\d:\d\d \(attempt [2-9]/.test(text), 'the error and a second attempt');
		expect(during).toMatch(/stale since \d\d:\d\d:\d\d · retrying at \d\d:\d\d:\d\d \(attempt \d+\)/);
		expect(during).toContain('items #0–#19'); // the last good page is still there
		expect(store.getState().connection.status).toBe('retrying');
		sim.faults.clear();
		const after = await waitFor((text) => text.includes(' live') && !message.test(text), 'recovery');
		expect(after).not.toMatch(/retrying/);
		expect(store.getState().connection.failures).toBe(0);
	});

	it('429 with Retry-After waits as long as the server asks', async () => {
		const {sim, store, waitFor} = await watch();
		sim.faults.inject({kind: 'rate_limit', retryAfterSeconds: 2}, {count: 1});
		const during = await waitFor((text) => /rate limited \(429\): the server asked to wait 2 s/.test(text), 'the 429');
		const {nextRetryAt} = store.getState().connection;
		expect(during).toContain(`retrying at ${formatClock(nextRetryAt!)} (attempt 1)`);
		expect(nextRetryAt! - Date.now()).toBeGreaterThan(1000);
		await waitFor((text) => text.includes(' live'), 'recovery');
	});

	it('a key revoked mid-run says so plainly and keeps the last data', async () => {
		const {sim, waitFor} = await watch();
		sim.faults.always({kind: 'unauthorized'});
		const frame = await waitFor((text) => text.includes('stopped: the API key was rejected (401)'), 'the 401');
		expect(frame).toContain('items #0–#19');
		expect(frame).not.toContain(sim.apiKey);
	});
});

describe('the stale header tells the truth', () => {
	it('under a lasting 500: since when (a time, fixed), when the next try is (a time), and the reason alone below', async () => {
		const {sim, store, waitFor, frame} = await watch({retries: 1});
		const lastGood = store.getState().connection.lastSuccessAt!;
		sim.faults.always({kind: 'status', status: 500});
		const attempt = (n: number) => new RegExp(`retrying at \\d\\d:\\d\\d:\\d\\d \\(attempt ${n}\\)`);
		await waitFor((text) => attempt(2).test(text), 'the second attempt');
		await waitFor((text) => attempt(3).test(text), 'the third attempt');
		const header = frame().split('\n')[0]!;
		const {connection} = store.getState();
		expect(connection.lastSuccessAt).toBe(lastGood);
		expect(header).toContain(`stale since ${formatClock(lastGood)} · retrying at ${formatClock(connection.nextRetryAt!)} (attempt 3)`);
		expect(frame()).toContain('the server failed (500)');
		// One statement of when: no countdown anywhere (the quick retries' 'retrying in 1 s' included).
		expect(frame()).not.toMatch(/retrying in|next in/);
	});

	it('a request that hangs marks the data stale once it is overdue', async () => {
		const {sim, waitFor, store} = await watch({timeoutMs: 30_000});
		const lastGood = store.getState().connection.lastSuccessAt!;
		sim.faults.always({kind: 'hang'});
		const during = await waitFor((text) => text.includes('waiting for an answer'), 'the overdue poll');
		expect(during.split('\n')[0]).toMatch(new RegExp(`stale since ${formatClock(lastGood)} · waiting for an answer$`));
		expect(during).not.toMatch(/ live\b/);
		expect(store.getState().connection.status).toBe('ok'); // no answer yet, good or bad: only overdue
	});

	it('r while a Retry-After wait runs sends nothing and says when it will try', async () => {
		const {sim, store, waitFor, ui} = await watch();
		sim.faults.always({kind: 'rate_limit', retryAfterSeconds: 30});
		await waitFor((text) => /retrying at \d\d:\d\d:\d\d \(attempt 1\)/.test(text), 'the 429');
		const requests = sim.stats.requests;
		const {nextRetryAt} = store.getState().connection;
		expect(nextRetryAt! - Date.now()).toBeGreaterThan(25_000);
		for (let press = 0; press < 10; press++) {
			store.getState().setNotice(null);
			await waitFor((text) => !text.includes('the server asked to wait (Retry-After)'), 'the notice gone');
			await ui.press('r');
			await waitFor((text) => text.includes('the server asked to wait (Retry-After)'), `the answer to r #${press + 1}`);
		}
		expect(sim.stats.requests).toBe(requests);
		expect(frame0(ui)).toContain(`retrying at ${formatClock(nextRetryAt!)} (attempt 1)`);
	});
});

function frame0(ui: {raw(): string}): string {
	return ui.raw().split('\n')[0]!;
}
