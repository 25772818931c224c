// A whole monitor in one process for the bench and the soak test: the simulator, the
// client, the store, the poller and (optionally) the Ink app drawing into a fake terminal,
// all on one clock.
import {createElement} from 'react';
import {render, type Instance} from 'ink';
import {RunflowClient} from '../../source/api/client.js';
import type {BatchItem} from '../../source/api/types.js';
import {Poller, systemClock, type Clock} from '../../source/poller/poller.js';
import {startSimulator, type BatchSpec, type Simulator} from '../../source/sim/server.js';
import {createAppStore, type AppStore} from '../../source/store/store.js';
import {App} from '../../source/ui/App.js';
import {pollerSession} from '../../source/cli/controller.js';
import type {Command} from '../../source/lib/commands.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

export interface Server {
	url: string;
	apiKey: string;
	close(): Promise<void>;
}

export interface Harness {
	/** The in-process simulator, or null when `server` was given. */
	sim: Simulator | null;
	client: RunflowClient;
	store: AppStore;
	poller: Poller;
	/** What the keys do: `command(Command.OpenLogs)` (a screen of 30 list rows and log lines). */
	command(name: Command): void;
	stdout: FakeStdout;
	stdin: FakeStdin;
	ink: Instance | null;
	close(): Promise<void>;
}

export interface HarnessOptions {
	batch: BatchSpec;
	clock?: Clock;
	/** The simulator's time, when not `clock`'s (a fixed time: its batch never moves). */
	simNow?: () => number;
	intervalMs?: number;
	pageSize?: number;
	/** Draw the Ink app into a fake terminal of this size; null = no UI. */
	screen?: {columns: number; rows: number} | null;
	/** A server already running (e.g. a simulator in another process). */
	server?: Server;
	onRender?: (metrics: {renderTime: number}) => void;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
	const clock = options.clock ?? systemClock;
	const sim = options.server ? null : await startSimulator({batches: [options.batch], clock: options.simNow ?? (() => clock.now())});
	const server: Server = options.server ?? sim!;
	const client = new RunflowClient({baseUrl: server.url, apiKey: server.apiKey, retries: 0});
	const store = createAppStore({batchId: options.batch.id, pageSize: options.pageSize ?? 50});
	const poller = new Poller({client, store, intervalMs: options.intervalMs ?? 2000, clock});
	const screen = options.screen === undefined ? {columns: 120, rows: 40} : options.screen;
	const stdout = new FakeStdout(screen?.columns ?? 120, screen?.rows ?? 40);
	const stdin = new FakeStdin();
	let ink: Instance | null = null;
	const commands = pollerSession(store, poller, () => {});
	if (screen) {
		ink = render(createElement(App, {store, commands, interactive: true}), {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			exitOnCtrlC: false,
			patchConsole: false,
			onRender: options.onRender,
		});
	}
	return {
		sim,
		client,
		store,
		poller,
		command: (name) => commands.run(name, {listRows: 30, logRows: 30}),
		stdout,
		stdin,
		ink,
		close: async () => {
			poller.stop();
			ink?.unmount();
			await server.close();
		},
	};
}

/** Waits until the store has a batch and a first page. */
export async function firstData(store: AppStore, timeoutMs = 10_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!(store.getState().batch && store.getState().list.pages.size > 0)) {
		if (Date.now() > until) throw new Error('no data from the simulator');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** Heap and RSS after a full GC, read once V8 has handed the freed pages back (it does so in the background). */
export async function memoryAfterGc(): Promise<{heapMb: number; rssMb: number}> {
	const gc = (globalThis as {gc?: () => void}).gc;
	gc?.();
	await sleep(1000);
	gc?.();
	const usage = process.memoryUsage();
	return {heapMb: usage.heapUsed / 2 ** 20, rssMb: usage.rss / 2 ** 20};
}

/** Replaces one item of the first page held (as a poll that brought it changed would). */
export function changeFirstPageItem(store: AppStore, index: number, change: (item: BatchItem) => BatchItem): void {
	const state = store.getState();
	const [cursor, page] = [...state.list.pages.entries()][0]!;
	const items = page.items.map((item, i) => (i === index ? change(item) : item));
	state.pageLoaded(cursor === '' ? null : cursor, {items, next: page.next, previous: page.previous, first: null}, Date.now());
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
