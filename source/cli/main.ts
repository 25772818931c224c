// Wires the layers: flags → client → store → poller → the TUI or a headless reporter.
import {readFileSync} from 'node:fs';
import {RunflowClient} from '../api/client.js';
import {sanitize} from '../lib/sanitize.js';
import {Poller, systemClock} from '../poller/poller.js';
import {batchOutcome, finalLine} from '../modes/outcome.js';
import {RetryFeed} from '../modes/attempts.js';
import {jobOutcome} from '../modes/job-rules.js';
import {watchRules} from '../modes/rules.js';
import {endWord} from '../modes/watch-end.js';
import {createAppStore, type AppStore} from '../store/store.js';
import {parseArgs, type Config} from './args.js';
import {resolveTarget} from './demo-target.js';
import {ExitCode, ExitError} from '../modes/exit-codes.js';
import {startMemoryTrim} from './memory.js';
import {notifyOnEvents} from './notify.js';
import {RequestBudget} from '../api/budget.js';
import {JobPoller} from '../poller/job-poller.js';
import {jobFinalLine, watchForBatches} from './job.js';
import {JobHolder} from './job-holder.js';
import type {ResultsTask} from './results.js';
import type {Exporter} from '../poller/export.js';

export interface Streams {
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
}

function version(): string {
	try {
		const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: string};
		return pkg.version ?? '0.0.0';
	} catch {
		return '0.0.0';
	}
}

/** Quit with --exit-status: the outcome once the batch (the job: every batch) finished, else 130. */
function quitCode(store: AppStore): number {
	const {batch, job} = store.getState();
	if (job) {
		const outcome = jobOutcome(job);
		if (outcome === 'running') return ExitCode.interrupted;
		return outcome === 'missing' ? ExitCode.notFound : outcome === 'failed' ? ExitCode.failed : ExitCode.ok;
	}
	const outcome = batch ? batchOutcome(batch) : 'running';
	if (outcome === 'running') return ExitCode.interrupted;
	return outcome === 'failed' ? ExitCode.failed : ExitCode.ok;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, streams: Streams): Promise<number> {
	// `runflow-watch resubmit …`: a command of its own, with its own flags (cli/resubmit.ts).
	if (argv[0] === 'resubmit') {
		const {resubmitCommand} = await import('./resubmit.js');
		return resubmitCommand(argv.slice(1), env, streams);
	}

	// Messages may carry the server's text (a 403's code, a 422's detail): made safe for the terminal.
	const fail = (message: string, code: number) => {
		streams.stderr.write(`runflow-watch: ${sanitize(message)}\n`);
		return code;
	};
	let config: Config;
	try {
		const isTty = streams.stdout.isTTY === true && streams.stdin.isTTY === true;
		const parsed = parseArgs(argv, env, version(), isTty);
		if (parsed.print !== undefined || !parsed.config) {
			streams.stdout.write(`${parsed.print ?? ''}\n`);
			return ExitCode.ok;
		}
		config = parsed.config;
	} catch (error) {
		if (error instanceof ExitError) return fail(error.message, error.code);
		throw error;
	}
	// Colour support is decided when Ink's colour library loads, so set it before.
	if (!config.color) env['FORCE_COLOR'] = '0';

	const stopTrim = startMemoryTrim();
	// `R`'s model: --model, else the demo's own (its simulator knows it), else asked when R is pressed.
	const modelSource = config.model ? 'flag' : 'demo';
	const target = await resolveTarget(config);
	config = target.config;
	// Several batches (or a --batches-file, which may grow): a job, on the job screen.
	const jobIds = config.batchIds.length > 1 || config.batchesFile !== null ? config.batchIds : null;
	const store = createAppStore({batchId: config.batchId, pageSize: config.pageSize, maxCost: config.maxCost, jobIds, intervalMs: config.intervalMs});
	// --notify writes escape sequences: only ever to a terminal, never into a file or a pipe.
	const stopNotify = config.notify && streams.stdout.isTTY === true ? notifyOnEvents(store, (text) => streams.stdout.write(text), env) : () => {};
	// Each quick retry: a notice in the TUI; a line (an `error` event) in plain and json.
	const retries = new RetryFeed();
	// Every request of a job, for every batch, within --max-rps (and the server's own limit, when it states one).
	// One batch: its reads go as they always did, until `R` makes it a job (cli/job-holder.ts).
	const budget = new RequestBudget({ratePerSecond: config.maxRps, onFollow: (view) => store.getState().limitsFollowed(view)});
	const client = new RunflowClient({
		baseUrl: config.baseUrl,
		apiKey: config.apiKey,
		orgId: config.orgId,
		onRetry: (info) => {
			// On a job, which batch's read is being tried again.
			store.getState().quickRetry(info.batchId && store.getState().job ? `${info.batchId}: ${info.message}` : info.message);
			retries.emit(info);
		},
		// One batch: its polls are not held to --max-rps (a tick's few reads go together), but they too follow the
		// server's stated limit (X-RateLimit-*): a budget of the most --max-rps allows, which only those headers slow.
		budget: jobIds ? budget : new RequestBudget({ratePerSecond: 100, burst: 10, onFollow: (view) => store.getState().limitsFollowed(view)}),
		onPaymentRequired: () => store.getState().paymentRefused(Date.now()),
	});
	const cleanups: (() => void)[] = [];
	// Reading items with their outputs (--results, `x`, `R`) and creating batches (`R`): a job's within its budget; one batch's
	// within the same budget on a client of their own (the job's once `R` makes it a job).
	let ownBudget: RunflowClient | null = null;
	const sideClient = () =>
		jobIds
			? client
			: (ownBudget ??= new RunflowClient({
					baseUrl: config.baseUrl,
					apiKey: config.apiKey,
					orgId: config.orgId,
					budget,
					onPaymentRequired: () => store.getState().paymentRefused(Date.now()),
				}));
	const tuiSaid = (message: string) => sanitize(message, {maxColumns: 200});
	// --results: opened before the watch starts (a file that cannot be used ends it here, exit 2). In the TUI, said in the footer.
	let results: ResultsTask | null = null;
	if (config.resultsFile !== null) {
		try {
			const {startResults} = await import('./results.js');
			results = await startResults({
				config,
				store,
				jobClient: sideClient(),
				notice: (message) =>
					config.ui === 'tui'
						? store.getState().resultsSaid(tuiSaid(message), 'notice')
						: streams.stderr.write(`runflow-watch: ${sanitize(message)}\n`),
				...(config.ui === 'tui'
					? {
							onError: (message: string, fatal: boolean) => store.getState().resultsSaid(tuiSaid(message), fatal ? 'fatal' : 'retry'),
							onProgress: (count: number) => store.getState().resultsWritten(count),
						}
					: {}),
			});
			if (config.ui === 'tui') store.getState().resultsOpened(config.resultsFile, results.file.existing);
		} catch (error) {
			stopNotify();
			stopTrim();
			await target.close();
			if (error instanceof ExitError) return fail(error.message, error.code);
			throw error;
		}
	}

	const said = (line: string) => streams.stderr.write(`runflow-watch: ${sanitize(line)}\n`);
	let exporter: Exporter | null = null;
	// Plain and json print from the batch alone: they never read the item list.
	const poller = new Poller({client, store, intervalMs: config.intervalMs, list: config.ui === 'tui'});
	try {
		const jobPoller = jobIds ? new JobPoller({client, store, intervalMs: config.intervalMs, yieldTo: () => poller.busy}) : undefined;
		const jobs = new JobHolder({
			client,
			store,
			intervalMs: config.intervalMs,
			batchPoller: poller,
			budget: jobIds ? null : budget,
			...(jobPoller ? {jobPoller} : {}),
		});
		cleanups.push(() => jobs.stop());
		if (jobPoller) cleanups.push(watchForBatches(config, store, jobPoller));
		// The job's journal: a restart shows its figures at once; written as reads come in (cli/journal.ts). Not for the demo (it starts afresh).
		if (jobIds && config.journal && !config.demo) {
			const {keepJournal} = await import('./journal.js');
			const keeper = keepJournal({
				store,
				baseUrl: config.baseUrl,
				env,
				onNotice: (line) => (config.ui === 'tui' ? store.getState().journalNotice(sanitize(line, {maxColumns: 300})) : said(line)),
				...(config.ui === 'tui' ? {causesClient: client} : {}),
			});
			cleanups.push(() => keeper.stop());
		}
		// The organization's balance: at the start, then once a minute while work remains, behind every other request.
		const {BalanceReader, workRemains} = await import('../poller/balance.js');
		const balance = new BalanceReader({client, store, workRemains: () => workRemains(store.getState())});
		balance.start();
		cleanups.push(() => balance.stop());
		if (config.ui !== 'tui') {
			// One loop over what is watched: the job when there is one, else the batch.
			const {runHeadless} = await import('../modes/headless.js');
			const code = await runHeadless({
				config,
				store,
				client,
				poller: jobPoller ?? poller,
				intervalMs: config.intervalMs,
				stdout: streams.stdout,
				stderr: streams.stderr,
				retries,
			});
			return results ? await results.finish(code, said) : code;
		}

		// `R`: the failed items' inputs read and the new batches created within the budget, the new ids appended to a --batches-file.
		const {Resubmitter} = await import('../poller/resubmit.js');
		if (config.model) store.getState().resubmitModelGiven(config.model, modelSource);
		const resubmitter = new Resubmitter({
			client: sideClient(),
			store,
			readOnly: config.readOnly,
			appendTo: config.batchesFile?.regular ? config.batchesFile.path : null,
			onJoined: () => jobs.joined(),
		});
		// The first poll goes out while Ink and React load: the first frame can show data.
		if (jobPoller) jobPoller.start();
		else poller.start();
		// The share done in the terminal's tab (OSC 9;4): only to a terminal, where it is known to show it (or --progress).
		const {progressWanted, showProgressInTab} = await import('./progress.js');
		const tab =
			progressWanted(config.progress, env) && streams.stdout.isTTY === true ? showProgressInTab(store, (text) => streams.stdout.write(text), env) : null;
		// `x`: the items in view to a file; quitting mid-export leaves no file (its temporary one removed).
		const {Exporter} = await import('../poller/export.js');
		exporter = new Exporter({store, client: sideClient()});
		const {startTui} = await import('./tui.js');
		const tui = startTui({
			onEnd: () => {
				tab?.stop();
				exporter?.abortNow();
			},
			exporter,
			store,
			poller,
			jobs,
			resubmitter,
			stdout: streams.stdout,
			stdin: streams.stdin,
			// The screen is back: leave the result in the scrollback.
			farewell: (end) => {
				const state = store.getState();
				const words = endWord(end.reason);
				streams.stdout.write(`${state.job ? jobFinalLine(state.job, words) : finalLine(state.batch, Date.now(), words)}\n`);
				// Left while `R`'s batches were being created: which were, and that the rest were not.
				const cut = state.resubmit.sending;
				if (cut) {
					const which = `created ${cut.created.length} of ${cut.of} new batches${cut.created.length > 0 ? ` (${cut.created.join(', ')})` : ''}`;
					const again = 'the same resubmission again (the same items, the same Idempotency-Key) sends only what is missing';
					said(`left while resubmitting to ${cut.model}: ${which}; the one under way may have been created; ${again}`);
				}
			},
		});
		// Over the whole job when there is one (modes/job-rules.ts, as plain and json), else the batch.
		const dispose = watchRules(
			store,
			{
				exitOnComplete: config.exitOnComplete,
				exitStatus: config.exitStatus,
				failFast: config.failFast,
				timeoutMs: config.timeoutMs,
				haltAfterData: false,
			},
			systemClock,
			(end) => tui.end(end),
		);
		const end = await tui.done;
		dispose();
		if (end.message) return fail(end.message, end.code);
		if (end.reason === 'quit' && config.exitStatus) return quitCode(store);
		return end.code;
	} finally {
		await exporter?.close();
		await results?.close();
		for (const cleanup of cleanups) cleanup();
		stopNotify();
		stopTrim();
		poller.stop();
		await target.close();
	}
}
