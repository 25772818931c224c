// A whole monitor in one process for the bench and the soak test: the simulator, the
// client, the store, the poller and (optionally) the Ink app drawing into a fake terminal,
// all on one clock.
import {createElement} from 'react';
import {render, type Instance} from 'ink';
import {RunflowClient} from '../api/client.js';
import {Poller, systemClock, type Clock} from '../poller/poller.js';
import {startSimulator, type BatchSpec, type Simulator} from '../sim/server.js';
import {createAppStore, type AppStore} from '../store/store.js';
import {App} from '../ui/App.js';
import {pollerController} from '../cli/controller.js';
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
	stdout: FakeStdout;
	stdin: FakeStdin;
	ink: Instance | null;
	close(): Promise<void>;
}

export interface HarnessOptions {
	batch: BatchSpec;
	clock?: Clock;
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
	const sim = options.server ? null : await startSimulator({batches: [options.batch], clock: () => clock.now()});
	const server: Server = options.server ?? sim!;
	const client = new RunflowClient({baseUrl: server.url, apiKey: server.apiKey, retries: 0});
	const store = createAppStore({batchId: options.batch.id, pageSize: options.pageSize ?? 50});
	const poller = new Poller({client, store, intervalMs: options.intervalMs ?? 2000, clock});
	const screen = options.screen === undefined ? {columns: 120, rows: 40} : options.screen;
	const stdout = new FakeStdout(screen?.columns ?? 120, screen?.rows ?? 40);
	const stdin = new FakeStdin();
	let ink: Instance | null = null;
	if (screen) {
		const controller = pollerController(poller, () => {});
		ink = render(createElement(App, {store, controller, interactive: true}), {
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

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
