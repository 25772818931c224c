// Each fault the server can throw at us, seen on the screen: the last good data stays,
// the header says how stale it is and when the next try comes, and it recovers by itself.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {Poller} from '../../source/poller/poller.js';
import {startSimulator, type Fault, type Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerController} from '../../source/cli/controller.js';

let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
	await cleanup?.();
	cleanup = null;
});

async function watch() {
	const sim: Simulator = await startSimulator({batches: [{id: 'b_f', items: 60, durationMs: 600_000, failureRate: 0.2}]});
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0, timeoutMs: 300});
	const store = createAppStore({batchId: 'b_f', pageSize: 20});
	const poller = new Poller({client, store, intervalMs: 50, maxBackoffMs: 250});
	const ui = render(<App store={store} controller={pollerController(poller, () => {})} interactive size={{columns: 120, rows: 30}} />);
	poller.start();
	cleanup = async () => {
		poller.stop();
		ui.unmount();
		await sim.close();
	};
	const frame = () => ui.lastFrame() ?? '';
	const waitFor = async (test: (text: string) => boolean, what: string, ms = 5000) => {
		const until = Date.now() + ms;
		while (!test(frame())) {
			if (Date.now() > until) throw new Error(`no frame with ${what}; last frame:\n${frame()}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return frame();
	};
	await waitFor((text) => text.includes('items 1–20') && text.includes(' live'), 'the first page, live');
	return {sim, store, frame, waitFor};
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
		const during = await waitFor((text) => message.test(text) && /retrying \(attempt [2-9]/.test(text), 'the error and a second attempt');
		expect(during).toMatch(/stale .* · retrying \(attempt \d+, next in \d+ s\)/);
		expect(during).toContain('items 1–20'); // the last good page is still there
		expect(store.getState().connection.status).toBe('retrying');
		sim.faults.clear();
		const after = await waitFor((text) => text.includes(' live') && !message.test(text), 'recovery');
		expect(after).not.toMatch(/retrying/);
		expect(store.getState().connection.failures).toBe(0);
	});

	it('429 with Retry-After waits as long as the server asks', async () => {
		const {sim, store, waitFor} = await watch();
		sim.faults.inject({kind: 'rate_limit', retryAfterSeconds: 2}, {count: 1});
		const during = await waitFor((text) => /rate limited \(429\), retry after 2 s/.test(text), 'the 429');
		expect(during).toMatch(/next in 2 s/);
		const {nextRetryAt} = store.getState().connection;
		expect(nextRetryAt! - Date.now()).toBeGreaterThan(1000);
		await waitFor((text) => text.includes(' live'), 'recovery', 6000);
	});

	it('a key revoked mid-run says so plainly and keeps the last data', async () => {
		const {sim, waitFor} = await watch();
		sim.faults.always({kind: 'unauthorized'});
		const frame = await waitFor((text) => text.includes('stopped: the API key was rejected (401)'), 'the 401');
		expect(frame).toContain('items 1–20');
		expect(frame).not.toContain(sim.apiKey);
	});
});
