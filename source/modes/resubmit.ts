// `runflow-watch resubmit ID…`: the failed items of the batches given, resubmitted as new
// batches. Reads each batch (its counters and lean items), then its failed items' inputs (by id,
// or by page with a projection when that takes fewer requests), all within the client's request
// budget; plans (lib/resubmit.ts); says the plan; sends nothing without a `y` on the terminal or
// --yes; then creates the batches one after the other, each with its Idempotency-Key, printing
// each new id as it is created and appending it to --batches-file. A refusal ends it there and
// says what was created and what was not (a 409 is said and the rest goes on).
import type {RunflowClient} from '../api/client.js';
import {isApiError} from '../api/errors.js';
import type {ExportItem} from '../api/export.js';
import {BATCH_LEAN_FIELDS} from '../api/fields.js';
import type {Batch} from '../api/types.js';
import type {ModelRef} from '../api/writes.js';
import {isBatchFinished} from '../lib/finished.js';
import {costPerSucceededItem, formatEstimate, planResubmission, resubmitCauses, type ResubmitPlan, type ResubmitSource} from '../lib/resubmit.js';
import {sanitize} from '../lib/sanitize.js';
import {readFailedItems} from '../poller/item-reader.js';
import {sendChunks} from '../poller/resubmit-send.js';
import {ExitCode} from './exit-codes.js';
import {jsonResubmitReporter, plainResubmitReporter, type ResubmitReporter, type Writable} from './resubmit-report.js';

export interface ResubmitConfig {
	batchIds: string[];
	model: ModelRef;
	yes: boolean;
	dryRun: boolean;
	ui: 'plain' | 'json';
	readOnly: boolean;
	/** Only the failures of this cause. */
	cause: string | null;
	/** --batches-file, where the new ids are appended (null: none, or it was standard input). */
	appendTo: string | null;
	/** Items per page when the failures are read by page. */
	pageSize: number;
}

export interface ResubmitIo {
	client: Pick<RunflowClient, 'getBatch' | 'listExportItems' | 'getExportItem' | 'createBatch'>;
	stdout: Writable;
	stderr: Writable;
	/** Asks the question on the terminal: true for `y`. null: there is no terminal to ask on. */
	confirm: ((question: string) => Promise<boolean>) | null;
	/** Aborted on an interrupt: the create under way is cancelled. */
	signal?: AbortSignal;
	now?: () => number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Reading failed: the exit code and the line that says it. */
function readFailure(error: unknown, batchId: string): {code: number; message: string} {
	if (!isApiError(error)) throw error;
	if (error.kind === 'not_found') return {code: ExitCode.notFound, message: `batch ${batchId} not found (404): check the id; nothing was sent`};
	if (error.isAuth) return {code: ExitCode.auth, message: `${error.message}: nothing was sent`};
	if (error.kind === 'aborted') return {code: ExitCode.interrupted, message: 'interrupted: nothing was sent'};
	return {code: ExitCode.network, message: `reading batch ${batchId}: ${error.message}; nothing was sent`};
}

/** The failed items of one batch, with their inputs (poller/item-reader.ts: by id or by page, whichever takes fewer requests). */
async function readFailures(io: ResubmitIo, batch: Batch, config: ResubmitConfig): Promise<ExportItem[]> {
	const items: ExportItem[] = [];
	await readFailedItems(
		io.client,
		batch,
		(page) => {
			items.push(...page);
		},
		{pageSize: config.pageSize, signal: io.signal},
	);
	return items;
}

export async function runResubmit(config: ResubmitConfig, io: ResubmitIo): Promise<number> {
	const reporter: ResubmitReporter = config.ui === 'json' ? jsonResubmitReporter(io.stdout, io.now) : plainResubmitReporter(io.stdout, io.stderr);
	const fail = (code: number, message: string, kind = 'error') => {
		reporter.failed(null, kind, message, false);
		reporter.done({reason: 'refused', exitCode: code, created: [], notCreated: 0});
		return code;
	};

	if (config.readOnly && !config.dryRun) {
		return fail(
			ExitCode.usage,
			'resubmit creates batches, which --read-only forbids: nothing was sent (--dry-run shows the plan without sending)',
			'read_only',
		);
	}

	// Read: the batches, then their failures' inputs.
	const batches: Batch[] = [];
	const sources: ResubmitSource[] = [];
	for (const id of config.batchIds) {
		try {
			// eslint-disable-next-line no-await-in-loop
			const batch = await io.client.getBatch(id, {fields: BATCH_LEAN_FIELDS}, {signal: io.signal});
			batches.push(batch);
			// eslint-disable-next-line no-await-in-loop
			sources.push({batchId: id, items: await readFailures(io, batch, config), running: !isBatchFinished(batch)});
		} catch (error) {
			const {code, message} = readFailure(error, id);
			return fail(code, message, 'read');
		}
	}

	const plan = planResubmission({model: config.model, sources, costPerItem: costPerSucceededItem(batches), narrowing: {cause: config.cause}});
	if (plan.items === 0 && config.cause !== null) {
		const all = resubmitCauses(sources.flatMap((source) => source.items));
		if (all.length > 0) {
			const causes = all
				.slice(0, 8)
				.map((group) => `"${group.cause}" ×${group.count}`)
				.join(', ');
			return fail(ExitCode.usage, `no failed item has the cause "${config.cause}": the causes are ${causes}; nothing was sent`, 'usage');
		}
	}

	reporter.plan(plan, config.dryRun);
	const finish = (reason: 'dry-run' | 'nothing' | 'cancelled', exitCode: number) => {
		reporter.done({reason, exitCode, created: [], notCreated: plan.chunks.length});
		return exitCode;
	};

	if (plan.items === 0) return finish('nothing', ExitCode.ok);
	if (config.dryRun) return finish('dry-run', ExitCode.ok);
	if (!config.yes) {
		if (!io.confirm) {
			reporter.failed(
				null,
				'unconfirmed',
				'nothing was sent: there is no terminal to confirm on; add --yes to send without asking (or --dry-run to see the plan)',
				false,
			);
			return finish('cancelled', ExitCode.usage);
		}

		const batches = plural(plan.chunks.length, 'new batch', 'new batches');
		const question = `Resubmit ${plural(plan.items, 'item')} as ${batches} to ${plan.modelName}, ${formatEstimate(plan.estimate)}? [y/N] `;
		if (!(await io.confirm(question))) {
			reporter.info('cancelled: nothing was sent');
			return finish('cancelled', ExitCode.ok);
		}
	}

	return createAll(plan, config, io, reporter);
}

async function createAll(plan: ResubmitPlan, config: ResubmitConfig, io: ResubmitIo, reporter: ResubmitReporter): Promise<number> {
	let exitCode: number = ExitCode.ok;
	const worse = (code: number) => {
		if (exitCode === ExitCode.ok) exitCode = code;
	};

	const options = {model: config.model, signal: io.signal, appendTo: config.appendTo, known: new Set(config.batchIds)};
	const {
		created: made,
		failed,
		unsent: skipped,
	} = await sendChunks(io.client, plan.chunks, options, {
		created: (chunk, batch) => reporter.created(chunk, batch.id),
		failed(chunk, error) {
			reporter.failed(chunk, error.failure, `${chunk.itemIds.length} items from ${chunk.sourceBatchId}: ${error.message}`, error.mayHaveCreated);
			if (error.failure === 'aborted') exitCode = ExitCode.interrupted;
			else if (error.failure === 'unauthorized' || error.failure === 'forbidden') exitCode = ExitCode.auth;
			else worse(ExitCode.resubmitIncomplete);
		},
		fileFailed(batchId, error) {
			reporter.failed(null, 'file', `${error.message}: ${batchId} was created but not added to it`, false);
			worse(ExitCode.resubmitIncomplete);
		},
	});
	const created = made.map(({batch}) => batch.id);
	const unsent = failed.length + skipped.length;
	if (unsent > 0) {
		const which =
			created.length > 0
				? `created ${created.length} of ${plan.chunks.length} new batches (${created.map((id) => sanitize(id)).join(', ')})`
				: `created none of the ${plan.chunks.length} new batches`;
		reporter.info(`${which}; ${unsent} not created: the same command again sends only what is missing (the same items give the same Idempotency-Key)`);
	} else {
		reporter.info(`created ${plural(created.length, 'new batch', 'new batches')} (${plural(plan.items, 'item')}) on ${plan.modelName}`);
	}

	reporter.done({reason: unsent > 0 ? 'incomplete' : 'created', exitCode, created, notCreated: unsent});
	return exitCode;
}
