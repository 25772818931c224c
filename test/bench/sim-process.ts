// The simulator in a child process, so the bench measures the monitor's memory alone.
// The parent sends the simulated time before each poll: {time}; the child answers {ok}.
import {fork, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {startSimulator, type BatchSpec} from '../../source/sim/server.js';

interface Ready {
	url: string;
	apiKey: string;
}

export interface RemoteSim extends Ready {
	setTime(time: number): Promise<void>;
	stats(): Promise<{requests: number; bytesOut: number}>;
	close(): Promise<void>;
}

/** `time` null: the child uses the real clock. Several batches: a job's. */
export async function forkSimulator(batch: BatchSpec | BatchSpec[], time: number | null): Promise<RemoteSim> {
	// This module's own file: built apart from the bench's (scripts/build.mjs), so that it can be forked.
	const child: ChildProcess = fork(fileURLToPath(new URL('./sim-process.js', import.meta.url)), ['--child'], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const waiting = new Map<number, (value: unknown) => void>();
	let nextId = 1;
	child.on('message', (message: {id: number; value: unknown}) => {
		waiting.get(message.id)?.(message.value);
		waiting.delete(message.id);
	});
	const ask = <T>(request: object): Promise<T> =>
		new Promise((resolve) => {
			const id = nextId++;
			waiting.set(id, resolve as (value: unknown) => void);
			child.send({id, ...request});
		});
	const ready = await ask<Ready>({start: batch, time});
	return {
		...ready,
		setTime: (t) => ask({time: t}),
		stats: () => ask({stats: true}),
		close: async () => {
			await ask({close: true});
			child.disconnect();
		},
	};
}

if (process.argv.includes('--child')) {
	let now: number | null = null;
	let sim: Awaited<ReturnType<typeof startSimulator>> | null = null;
	// The bench ended (or was killed): the simulator goes with it.
	process.on('disconnect', () => process.exit(0));
	process.on('message', async (message: {id: number; start?: BatchSpec | BatchSpec[]; time?: number; stats?: boolean; close?: boolean}) => {
		if (message.time !== undefined) now = message.time;
		let value: unknown = true;
		if (message.start) {
			sim = await startSimulator({batches: Array.isArray(message.start) ? message.start : [message.start], clock: () => now ?? Date.now()});
			value = {url: sim.url, apiKey: sim.apiKey};
		} else if (message.stats && sim) {
			value = {requests: sim.stats.requests, bytesOut: sim.stats.bytesOut};
		} else if (message.close && sim) {
			await sim.close();
		}
		process.send?.({id: message.id, value});
	});
}
