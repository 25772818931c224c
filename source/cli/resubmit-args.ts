// `runflow-watch resubmit` flags: its own set (node:util parseArgs, strict), checked into a
// ResubmitArgs or a one-line usage error (exit 2).
import {parseArgs as parseFlags} from 'node:util';
import {DEFAULT_BASE_URL} from '../api/client.js';
import type {ResubmitConfig} from '../modes/resubmit.js';
import {usageError} from '../modes/exit-codes.js';
import type {Environment} from './args.js';
import {checkBaseUrl, DEFAULT_MAX_RPS, parseModelFlag} from './flag-parsers.js';
import {BATCH_ID, BATCH_ID_RULE, quote, readBatchesFile, type BatchesSource} from './batches-file.js';

export const resubmitHelp = `
  Usage
    $ runflow-watch resubmit <batch-id>… --model <owner/slug> [options]
    $ runflow-watch resubmit --batches-file <file> --model <owner/slug> [options]

  Resubmits the failed items (failed and errored) of the batches given as new batches of at
  most 100 inputs each, one source batch per new batch (metadata {"resubmitted_from": id}),
  each with an Idempotency-Key derived from its items: the same command again never creates
  a second batch for them. Prints the plan (items, batches, model, estimated cost), asks y on
  the terminal, then prints the new batch ids, one a line.

  Options
    --model <owner/slug>   the model to send them to (required: never guessed)
    -y, --yes              send without asking (needed without a terminal)
    --dry-run              print the plan, send nothing
    --cause <cause>        only the failures of this cause (as the failures line names it)
    --batches-file <file>  the batches, one id a line (or JSON lines with an "id"); the new
                           batch ids are appended to it
    --ui <mode>            plain | json (default plain)
    --read-only            refuse every write (exit 2): only --dry-run works
    --max-rps <n>          requests per second, reads and creates (default ${DEFAULT_MAX_RPS})
    --page-size <n>        items per page when the failures are read by page (default 100)
    --api-key <key>        API key (better: RUNFLOW_API_KEY)
    --base-url <url>       API base URL (default ${DEFAULT_BASE_URL}, env RUNFLOW_BASE_URL)
    --org <id>             organization id (env RUNFLOW_ORG_ID)

  Exit codes: 0 created (or nothing to resubmit, --dry-run, or answered no), 2 usage or
  --read-only or no terminal to confirm on without --yes, 3 key rejected, 4 a batch not found,
  6 network, 7 not every new batch was created (stderr says which were).
`;

export interface ResubmitArgs {
	config: ResubmitConfig;
	apiKey: string;
	baseUrl: string;
	orgId: string | undefined;
	maxRps: number;
	/** The ids came from standard input: it cannot also answer a question. */
	stdinUsed: boolean;
}

export interface ResubmitParseIo {
	readBatches?: (path: string) => BatchesSource;
}

function positiveNumber(raw: string | undefined, name: string, fallback: number, check: (n: number) => boolean, rule: string): number {
	if (raw === undefined) return fallback;
	const value = Number(raw.trim());
	if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw usageError(`${name} takes ${rule}, not "${raw.slice(0, 40)}"`);
	return value;
}

/** The subcommand's arguments (after `resubmit`); `{help}` for -h. */
export function parseResubmitArgs(argv: string[], env: Environment, io: ResubmitParseIo = {}): ResubmitArgs | {help: string} {
	let parsed;
	try {
		parsed = parseFlags({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: {
				model: {type: 'string'},
				yes: {type: 'boolean', short: 'y'},
				'dry-run': {type: 'boolean'},
				cause: {type: 'string'},
				'batches-file': {type: 'string'},
				ui: {type: 'string'},
				'read-only': {type: 'boolean'},
				'max-rps': {type: 'string'},
				'page-size': {type: 'string'},
				'api-key': {type: 'string'},
				'base-url': {type: 'string'},
				org: {type: 'string'},
				'no-color': {type: 'boolean'},
				help: {type: 'boolean', short: 'h'},
			},
		});
	} catch (error) {
		const text = (error as Error).message
			.split('\n')[0]!
			.replace(/^Unknown option '([^']*)'.*$/, 'unknown option $1')
			.replace(/\.$/, '');
		throw usageError(`resubmit: ${text} (see runflow-watch resubmit --help)`);
	}

	const flags = parsed.values;
	if (flags.help) return {help: resubmitHelp.trimEnd()};
	const batchIds: string[] = [];
	for (const raw of parsed.positionals) {
		const id = raw.trim();
		if (!BATCH_ID.test(id)) throw usageError(`${quote(id)} is not a batch id (${BATCH_ID_RULE})`);
		if (!batchIds.includes(id)) batchIds.push(id);
	}

	const file = flags['batches-file'];
	if (file !== undefined) {
		for (const id of (io.readBatches ?? readBatchesFile)(file).ids) if (!batchIds.includes(id)) batchIds.push(id);
	}

	if (batchIds.length === 0) throw usageError('resubmit: which batches? runflow-watch resubmit <batch-id>… --model owner/slug (or --batches-file <file>)');
	if (flags.model === undefined) {
		throw usageError(
			"resubmit needs the model to send the failures to: add --model owner/slug (Runflow names a batch's model by id only, so it is never guessed)",
		);
	}

	const model = parseModelFlag(flags.model);
	const ui = flags.ui?.trim() ?? 'plain';
	if (ui !== 'plain' && ui !== 'json') throw usageError(`resubmit: --ui must be plain or json, not "${ui.slice(0, 20)}"`);
	const maxRps = positiveNumber(
		flags['max-rps'],
		'--max-rps',
		DEFAULT_MAX_RPS,
		(n) => n > 0 && n <= 100,
		'requests per second above 0, at most 100 (e.g. 1 or 0.5)',
	);
	const pageSize = positiveNumber(flags['page-size'], '--page-size', 100, (n) => Number.isInteger(n) && n >= 1 && n <= 500, 'a whole number from 1 to 500');
	const cause = flags.cause === undefined ? null : flags.cause;
	if (cause !== null && cause.trim() === '') throw usageError('--cause needs a cause, as the failures line names it (e.g. OOM)');

	const apiKey = String(flags['api-key'] ?? env['RUNFLOW_API_KEY'] ?? env['RUNFLOW_API_TOKEN'] ?? '').trim();
	if (!apiKey) throw usageError('no API key: set RUNFLOW_API_KEY (or pass --api-key)');
	if (/\s/.test(apiKey)) throw usageError('the API key contains whitespace: check RUNFLOW_API_KEY');
	const baseUrl = checkBaseUrl(String(flags['base-url'] ?? env['RUNFLOW_BASE_URL'] ?? DEFAULT_BASE_URL).trim());
	const orgId = String(flags.org ?? env['RUNFLOW_ORG_ID'] ?? '').trim() || undefined;

	return {
		config: {
			batchIds,
			model,
			yes: flags.yes === true,
			dryRun: flags['dry-run'] === true,
			ui,
			readOnly: flags['read-only'] === true,
			cause,
			appendTo: file === undefined || file === '-' ? null : file,
			pageSize,
		},
		apiKey,
		baseUrl,
		orgId,
		maxRps,
		stdinUsed: file === '-',
	};
}
