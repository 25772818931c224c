// --results FILE wired: the file opened (and what it holds read) before the watch starts, a
// ResultsPoller reading a page a cycle in the background, and at the end of a plain/json watch
// the rest read and written before the exit. A single batch's reads get a budget of their own
// (--max-rps); a job's share the job's.
import {RequestBudget} from '../api/budget.js';
import {RunflowClient} from '../api/client.js';
import {FileError} from '../files/errors.js';
import {ResultsFile} from '../files/results-file.js';
import {ExitCode, usageError} from '../modes/exit-codes.js';
import {ResultsPoller} from '../poller/results.js';
import type {AppStore} from '../store/store.js';
import type {Config} from './args.js';

export interface ResultsTask {
	file: ResultsFile;
	poller: ResultsPoller;
	/** The watch ended with `code`: writes what is left (plain/json), closes; returns the exit code. */
	finish(code: number, say: (line: string) => void): Promise<number>;
	/** Stops and closes (the TUI's quit): what is not written yet is read on the next run. */
	close(): Promise<void>;
}

export interface ResultsWiring {
	config: Config;
	store: AppStore;
	/** A client with a request budget to share (a job's: the job's), or null: a client of its own is made, at --max-rps. */
	jobClient: RunflowClient | null;
	/** Said once at the start (items already in the file, a torn last line removed), and errors. */
	notice: (message: string) => void;
	/** Errors, when they go elsewhere than `notice` (the TUI's footer): a read failing (tried again), a write failing (fatal). */
	onError?: (message: string, fatal: boolean) => void;
	/** A cycle's read went well: the file holds `count` items. */
	onProgress?: (count: number) => void;
}

/** Opens --results; a file that cannot be used is a usage error (exit 2) before anything starts. */
export async function startResults(wiring: ResultsWiring): Promise<ResultsTask> {
	const {config, store} = wiring;
	const path = config.resultsFile!;
	let file: ResultsFile;
	try {
		file = await ResultsFile.open(path, {onNotice: wiring.notice});
	} catch (error) {
		if (error instanceof FileError) throw usageError(error.message);
		throw error;
	}

	const client =
		wiring.jobClient ??
		new RunflowClient({
			baseUrl: config.baseUrl,
			apiKey: config.apiKey,
			orgId: config.orgId,
			budget: new RequestBudget({ratePerSecond: config.maxRps}),
		});
	const poller = new ResultsPoller({
		client,
		store,
		sink: file,
		intervalMs: config.intervalMs,
		pageSize: config.pageSize,
		onError: wiring.onError ?? ((message) => wiring.notice(message)),
		onProgress: () => wiring.onProgress?.(file.existing + file.written),
	});
	poller.start();

	return {
		file,
		poller,
		async finish(code, say) {
			// Only a watch that ran to its end (0 all succeeded, 1 items failed) waits for the rest.
			const problem = code === ExitCode.ok || code === ExitCode.failed ? await poller.drain() : null;
			await poller.close();
			await file.close();
			const before = file.existing > 0 ? ` (${file.existing} were there before)` : '';
			if (problem !== null) {
				say(`--results ${path}: not every finished item was written (${problem}): the same command again goes on where it stopped`);
				return code === ExitCode.ok || code === ExitCode.failed ? ExitCode.resultsIncomplete : code;
			}

			say(`--results ${path}: ${file.written} item${file.written === 1 ? '' : 's'} written${before}`);
			return code;
		},
		async close() {
			await poller.close();
			await file.close();
		},
	};
}
