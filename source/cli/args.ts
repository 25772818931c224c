// Flags, arguments and environment → a checked Config, or a one-line usage error.
import meow from 'meow';
import {DEFAULT_BASE_URL} from '../api/client.js';
import type {ModelRef} from '../api/writes.js';
import type {Money} from '../lib/money.js';
import {usageError} from '../modes/exit-codes.js';
import {BATCH_ID, BATCH_ID_RULE, MAX_BATCHES, quote, readBatchesFile, type BatchesSource} from './batches-file.js';
import {checkBaseUrl, DEFAULT_MAX_RPS, MIN_MAX_RPS, numberFlag, parseMaxCost, parseModelFlag, parseTimeout} from './flag-parsers.js';
import {helpText} from './help.js';

export type UiMode = 'tui' | 'plain' | 'json';

export interface Config {
	/** The first batch of the job (all that is watched today). */
	batchId: string;
	/** Every batch given, arguments first then --batches-file, duplicates merged. */
	batchIds: string[];
	/** --batches-file as read at start (null without it): a regular file is worth watching for more lines. */
	batchesFile: BatchesSource | null;
	/** --max-rps: requests per second for the whole job. */
	maxRps: number;
	apiKey: string;
	baseUrl: string;
	orgId: string | undefined;
	intervalMs: number;
	pageSize: number;
	demo: boolean;
	ui: UiMode;
	color: boolean;
	exitOnComplete: boolean;
	exitStatus: boolean;
	failFast: boolean;
	timeoutMs: number | undefined;
	heartbeatMs: number;
	/** --max-cost in nano-dollars, or null. */
	maxCost: Money | null;
	/** --notify: a bell and a desktop notification on the first failure and on completion. */
	notify: boolean;
	/** --progress / --no-progress: OSC 9;4 in the terminal's tab; null: where the terminal is known to show it. */
	progress: boolean | null;
	/** --no-journal: no journal of the job on disk (cli/journal.ts). */
	journal: boolean;
	/** --results FILE: finished items appended with their output (JSON lines, or CSV for .csv); null without. */
	resultsFile: string | null;
	/** --read-only: no write to the API (resubmitting is refused). */
	readOnly: boolean;
	/** --model owner/slug: where `R` resubmits failed items (asked in the confirmation when null; the demo's own). */
	model: ModelRef | null;
}

const KNOWN = new Set([
	'apiKey',
	'baseUrl',
	'org',
	'interval',
	'i',
	'pageSize',
	'batchesFile',
	'maxRps',
	'ui',
	'color',
	'exitOnComplete',
	'exitStatus',
	'failFast',
	'timeout',
	'heartbeat',
	'maxCost',
	'notify',
	'demo',
	'help',
	'h',
	'version',
	'v',
	'progress',
	'journal',
	'results',
	'readOnly',
	'model',
]);

/** The flags that take a value, as typed. */
const VALUE_FLAGS = new Set([
	'--api-key',
	'--base-url',
	'--org',
	'--interval',
	'-i',
	'--page-size',
	'--batches-file',
	'--max-rps',
	'--ui',
	'--timeout',
	'--heartbeat',
	'--max-cost',
	'--model',
]);

function decamelize(key: string): string {
	return key.length === 1 ? `-${key}` : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface Environment {
	[key: string]: string | undefined;
}

export interface ParseIo {
	/** Reads --batches-file (default: the file, or standard input for '-'). */
	readBatches?: (path: string) => BatchesSource;
}

export interface ParseResult {
	config?: Config;
	/** Text to print and exit 0 (help, version). */
	print?: string;
}

function checkBatchId(id: string): string {
	if (!BATCH_ID.test(id)) throw usageError(`${quote(id)} is not a batch id (${BATCH_ID_RULE})`);
	return id;
}

export function parseArgs(argv: string[], env: Environment, version: string, isTty: boolean, io: ParseIo = {}): ParseResult {
	if (argv.includes('--help') || argv.includes('-h')) return {print: helpText.trimEnd()};
	if (argv.includes('--version') || argv.includes('-v')) return {print: version};
	// meow reads a lone `-`, or a value starting with one (`--timeout -5s`), as an argument or a
	// flag of its own, not as the value of the flag before it: joined, the value is checked as such.
	const args: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const next = argv[i + 1];
		const joined = VALUE_FLAGS.has(argv[i]!) && next !== undefined && (next === '-' || /^-[\d.]/.test(next));
		args.push(joined ? `${argv[i]}=${next}` : argv[i]!);
		if (joined) i++;
	}

	let cli;
	try {
		cli = meow(helpText, {
			importMeta: import.meta,
			argv: args,
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			booleanDefault: undefined,
			flags: {
				apiKey: {type: 'string'},
				baseUrl: {type: 'string'},
				org: {type: 'string'},
				interval: {type: 'string', shortFlag: 'i'},
				pageSize: {type: 'string'},
				batchesFile: {type: 'string'},
				maxRps: {type: 'string'},
				ui: {type: 'string'},
				color: {type: 'boolean', default: true},
				exitOnComplete: {type: 'boolean'},
				exitStatus: {type: 'boolean'},
				failFast: {type: 'boolean'},
				timeout: {type: 'string'},
				heartbeat: {type: 'string'},
				maxCost: {type: 'string'},
				notify: {type: 'boolean'},
				demo: {type: 'boolean'},
				progress: {type: 'boolean'},
				journal: {type: 'boolean'},
				results: {type: 'string'},
				readOnly: {type: 'boolean'},
				model: {type: 'string'},
			},
		});
	} catch (error) {
		throw usageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
	}
	const flags = cli.flags as Record<string, unknown>;
	for (const key of Object.keys(flags)) {
		if (!KNOWN.has(key)) throw usageError(`unknown option ${decamelize(key)} (see --help)`);
	}
	for (const [key, value] of Object.entries(flags)) {
		if (value === '' && key !== 'color') throw usageError(`${decamelize(key)} needs a value (see --help)`);
	}
	const demo = flags['demo'] === true;
	const batchIds: string[] = [];
	for (const raw of cli.input) {
		const id = checkBatchId(raw.trim());
		if (!batchIds.includes(id)) batchIds.push(id);
	}

	const filePath = flags['batchesFile'] === undefined ? undefined : String(flags['batchesFile']);
	if (demo && (batchIds.length > 0 || filePath !== undefined)) throw usageError('--demo watches its own batches: leave out the batch ids and --batches-file');
	let batchesFile: BatchesSource | null = null;
	if (filePath !== undefined) {
		if (filePath === '-' && isTty)
			throw usageError(
				'--batches-file - reads the ids from standard input, which is a terminal: ' +
					'pipe them in (./submit.sh | runflow-watch --batches-file -) or name a file',
			);
		batchesFile = (io.readBatches ?? readBatchesFile)(filePath);
		const known = new Set(batchIds);
		for (const id of batchesFile.ids) {
			if (!known.has(id)) {
				known.add(id);
				batchIds.push(id);
			}
		}

		if (batchIds.length === 0 && !batchesFile.regular) throw usageError('--batches-file - gave no batch id: one id (or JSON line with an "id") per line');
		if (batchIds.length === 0) throw usageError(`--batches-file ${filePath.slice(0, 60)} holds no batch id yet: start once the first one is written`);
	}

	if (batchIds.length > MAX_BATCHES)
		throw usageError(`${batchIds.length} batches given: a job holds at most ${MAX_BATCHES.toLocaleString('en-US')} (watch them in parts)`);
	const batchId = batchIds[0] ?? '';
	if (!demo && !batchId) throw usageError('missing batch id: runflow-watch <batch-id> [<batch-id>…], or --batches-file <file> (or try --demo)');

	const apiKey = String(flags['apiKey'] ?? env['RUNFLOW_API_KEY'] ?? env['RUNFLOW_API_TOKEN'] ?? '').trim();
	if (!demo && !apiKey) throw usageError('no API key: set RUNFLOW_API_KEY (or pass --api-key)');
	if (/\s/.test(apiKey)) throw usageError('the API key contains whitespace: check RUNFLOW_API_KEY');

	const interval = numberFlag(flags['interval'], '--interval', 'seconds, e.g. 2') ?? 2;
	if (interval < 0.5) throw usageError(`--interval must be at least 0.5 seconds, not ${interval}`);
	if (interval > 3600) throw usageError(`--interval must be at most 3600 seconds, not ${interval}`);
	const pageSize = numberFlag(flags['pageSize'], '--page-size', 'a whole number from 1 to 500') ?? 50;
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw usageError(`--page-size must be a whole number from 1 to 500, not ${pageSize}`);

	const maxRps = numberFlag(flags['maxRps'], '--max-rps', 'requests per second, e.g. 1 or 0.5') ?? DEFAULT_MAX_RPS;
	if (!(maxRps > 0)) throw usageError(`--max-rps must be above 0 requests per second (e.g. 0.5 for one every 2 s), not ${maxRps}`);
	if (maxRps < MIN_MAX_RPS) throw usageError(`--max-rps must be at least ${MIN_MAX_RPS} (one request every 100 s), not ${maxRps}`);
	if (maxRps > 100) throw usageError(`--max-rps must be at most 100 requests per second, not ${maxRps}`);

	const uiRaw = flags['ui'] === undefined ? undefined : String(flags['ui']).trim();
	if (uiRaw !== undefined && !['tui', 'plain', 'json'].includes(uiRaw)) throw usageError(`--ui must be tui, plain or json, not "${uiRaw.slice(0, 20)}"`);
	const ui: UiMode = (uiRaw as UiMode | undefined) ?? (isTty && !env['CI'] && env['TERM'] !== 'dumb' ? 'tui' : 'plain');
	if (ui === 'tui' && !isTty) throw usageError('--ui tui needs a terminal (stdin and stdout): use --ui plain or --ui json');

	const timeoutMs = flags['timeout'] === undefined ? undefined : parseTimeout(String(flags['timeout']));
	const heartbeat = numberFlag(flags['heartbeat'], '--heartbeat', 'seconds, e.g. 60') ?? 60;
	if (heartbeat < 1) throw usageError(`--heartbeat must be at least 1 second, not ${heartbeat}`);

	const maxCost = flags['maxCost'] === undefined ? null : parseMaxCost(flags['maxCost']);

	const model = flags['model'] === undefined ? null : parseModelFlag(String(flags['model']));
	const baseUrl = checkBaseUrl(String(flags['baseUrl'] ?? env['RUNFLOW_BASE_URL'] ?? DEFAULT_BASE_URL).trim());
	const orgId = String(flags['org'] ?? env['RUNFLOW_ORG_ID'] ?? '').trim() || undefined;
	const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';

	return {
		config: {
			batchId,
			batchIds,
			batchesFile,
			maxRps,
			apiKey,
			baseUrl,
			orgId,
			intervalMs: Math.round(interval * 1000),
			pageSize,
			demo,
			ui,
			color: flags['color'] !== false && !noColor,
			exitOnComplete: flags['exitOnComplete'] === true,
			exitStatus: flags['exitStatus'] === true,
			failFast: flags['failFast'] === true,
			timeoutMs,
			heartbeatMs: Math.round(heartbeat * 1000),
			maxCost,
			notify: flags['notify'] === true,
			progress: typeof flags['progress'] === 'boolean' ? flags['progress'] : null,
			journal: flags['journal'] !== false,
			resultsFile: flags['results'] === undefined ? null : String(flags['results']),
			readOnly: flags['readOnly'] === true,
			model,
		},
	};
}
