// One poll, one frame: Ink redraws the whole screen for every change it is told of, so a poll
// that brings a new batch and a new pace draws them together (store/quiet.ts). On a virtual
// clock against the simulator, with the app drawing every frame (debug mode).
import {afterEach, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {pollerSession} from '../../source/cli/controller.js';
import {Poller} from '../../source/poller/poller.js';
import {startSimulator, type Simulator} from '../../source/sim/server.js';
import {createAppStore} from '../../source/store/store.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {batch} from '../helpers/sim.js';
import {renderApp} from '../ui/fixtures.js';

const open: Array<{poller: Poller; sim: Simulator; unmount: () => void}> = [];

afterEach(async () => {
	for (const {poller, sim, unmount} of open.splice(0)) {
		poller.stop();
		unmount();
		await sim.close();
	}
});

it('a poll draws at most one frame, its new batch and its slower pace together', async () => {
	// Running, every item still queued or on its way: the batch's duration moves on every poll
	// (the header's 'updated' clock with it) while nothing progresses, so the pace slows down.
	const clock = new VirtualClock();
	const sim = await startSimulator({batches: [batch('b_frames', {items: 3000, durationMs: 36_000_000})], clock: () => clock.now()});
	const client = new RunflowClient({baseUrl: sim.url, apiKey: sim.apiKey, retries: 0});
	const store = createAppStore({batchId: 'b_frames', pageSize: 10});
	const drawn: number[] = [];
	let frames = () => 0;
	const poller = new Poller({client, store, intervalMs: 2000, clock, onTick: () => drawn.push(frames())});
	const screen = await renderApp(store, {commands: pollerSession(store, poller, () => {}), columns: 120, rows: 30});
	open.push({poller, sim, unmount: screen.unmount});
	frames = () => screen.frames.length;
	const header = () => screen.frame().split('\n')[0]!;
	poller.start();
	// Polls at 0, 2, 6, 14 and 30 s, each one step slower.
	await clock.runUntil(clock.now() + 50_000, () => poller.busy);
	expect(header()).toContain('live · every 30 s');
	const perPoll = drawn.slice(1).map((count, i) => count - drawn[i]!);
	expect(perPoll.length).toBeGreaterThanOrEqual(4);
	expect(Math.max(...perPoll)).toBe(1);
});
