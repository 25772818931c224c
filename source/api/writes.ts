// Creating a batch (`POST /v1/models/{owner}/{slug}/batches`), the only write the monitor makes:
// the request's parts, and its failures as sentences that say whether anything was created.
// The request itself is RunflowClient.createBatch (client.ts): one Idempotency-Key for every
// attempt, so a retry after a lost answer, a 5xx or a network error never creates a second batch.
import {ApiError, type ApiErrorInit} from './errors.js';

/** A model as the create route names it: `owner/slug`. */
export interface ModelRef {
	owner: string;
	slug: string;
}

/**
 * The body of a create, as documented. Each input may carry `client_ref` (≤ 255 characters): the server keeps it
 * as the item's and strips it from what the model sees.
 */
export interface CreateBatchBody {
	/** 1–100 inputs. Not checked here: the server's 422 says what is wrong. */
	input: Array<Record<string, unknown>>;
	metadata?: Record<string, unknown>;
	callback_url?: string;
}

export interface CreateBatchOptions {
	/** Sent with every attempt of this create (lib/idempotency.ts derives one from what is submitted). */
	idempotencyKey: string;
	signal?: AbortSignal;
}

/** Why a create failed. */
export type CreateFailure =
	| 'conflict' // 409: the key was used before with another body
	| 'insufficient_credit' // 402
	| 'unknown_model' // 404
	| 'rejected' // 422 and other 4xx: the body, its size, or a model without batches
	| 'unauthorized' // 401
	| 'forbidden' // 403: the key may not create batches
	| 'rate_limited' // 429, still after the quick retries
	| 'unknown_outcome' // 5xx, network, timeout, an unreadable 2xx: it may have been created
	| 'aborted'; // cancelled by us

export class CreateBatchError extends ApiError {
	readonly failure: CreateFailure;
	/** false: the server refused it, nothing was created. true: it may have been; the same key again is safe. */
	readonly mayHaveCreated: boolean;

	constructor(init: ApiErrorInit & {failure: CreateFailure; mayHaveCreated: boolean}) {
		super(init);
		this.name = 'CreateBatchError';
		this.failure = init.failure;
		this.mayHaveCreated = init.mayHaveCreated;
	}
}

const PART = /^[\w.-]{1,200}$/;

/** 'owner/slug' → ModelRef; null for anything else (an empty part, another slash, spaces). */
export function parseModelRef(text: string): ModelRef | null {
	const match = /^\s*([^/\s]+)\/([^/\s]+)\s*$/.exec(text);
	if (!match || !PART.test(match[1]!) || !PART.test(match[2]!)) return null;
	return {owner: match[1]!, slug: match[2]!};
}

export function modelName(model: ModelRef): string {
	return `${model.owner}/${model.slug}`;
}

/** The create route's path; an owner or slug that is not one path segment is refused before anything is sent. */
export function modelBatchesPath(model: ModelRef): string {
	if (!PART.test(model.owner) || !PART.test(model.slug)) {
		throw new CreateBatchError({
			kind: 'invalid_request',
			failure: 'rejected',
			mayHaveCreated: false,
			message: 'the model must be given as owner/slug (letters, digits, . _ -): nothing was sent',
		});
	}

	return `/v1/models/${encodeURIComponent(model.owner)}/${encodeURIComponent(model.slug)}/batches`;
}

/** A failed create (an ApiError from the request, after its retries) as a sentence that says what happened. */
export function createBatchError(error: ApiError, model: ModelRef): CreateBatchError {
	if (error instanceof CreateBatchError) return error;
	const name = modelName(model);
	const base = {kind: error.kind, status: error.status, code: error.code, retryAfterMs: error.retryAfterMs, field: error.field};
	const refused = (failure: CreateFailure, message: string) => new CreateBatchError({...base, failure, mayHaveCreated: false, message});
	const code = error.code ? ` ${error.code}` : '';
	switch (error.status) {
		case 409: {
			return refused(
				'conflict',
				'the server already took this Idempotency-Key for a different batch (409 CONFLICT): nothing new was created; ' +
					'these items may have been resubmitted before',
			);
		}

		case 402: {
			return refused(
				'insufficient_credit',
				`the organization's balance cannot pay for new runs (402${code || ' INSUFFICIENT_CREDIT'}): nothing was created; add credit, then try again`,
			);
		}

		case 404: {
			return refused('unknown_model', `model ${name} not found (404): nothing was created; check the model given as owner/slug`);
		}

		case 401: {
			return refused('unauthorized', 'the API key was rejected (401): nothing was created; check RUNFLOW_API_KEY or --api-key');
		}

		case 403: {
			return refused('forbidden', `the API key may not create batches for ${name} (403${code}): nothing was created; check the key's rights and --org`);
		}

		case 429: {
			return refused('rate_limited', `${error.message}: nothing was created; try again later`);
		}

		default: {
			break;
		}
	}

	if (error.kind === 'invalid_request') {
		// errorFromResponse's message carries the server's own words: "the server refused the request (422): …".
		const detail = /^the server refused the request \((\d+)\)(?:: (.*))?$/.exec(error.message);
		const why = detail ? `${detail[1]!}${detail[2] ? `: ${detail[2]}` : ''}` : String(error.status ?? 'refused');
		return refused('rejected', `the server refused the batch for ${name} (${why}): nothing was created`);
	}

	if (error.kind === 'aborted') {
		return new CreateBatchError({
			...base,
			failure: 'aborted',
			mayHaveCreated: true,
			message: `creating the batch for ${name} was cancelled: it may have been created; the same request again cannot create it twice`,
		});
	}

	return new CreateBatchError({
		...base,
		failure: 'unknown_outcome',
		mayHaveCreated: true,
		message:
			`the create for ${name} got no usable answer (${error.message}): it may have been created; ` +
			'trying again with the same key cannot create it twice',
	});
}

/** What RunflowClient.createBatch gives sendCreate: one POST (retried inside with the same headers), and its error mapping. */
export type PostCreate<T> = (path: string, init: {body: string; headers: Record<string, string>}) => Promise<T>;
export type MapError = (error: unknown, what: string) => ApiError;

/**
 * Sends a create: the body serialized once, the same Idempotency-Key on every attempt (the
 * client's quick retries re-send the very same request), and any failure as a CreateBatchError.
 */
export async function sendCreate<T extends {id: string}>(
	model: ModelRef,
	body: CreateBatchBody,
	options: CreateBatchOptions,
	post: PostCreate<T>,
	map: MapError,
): Promise<T> {
	const path = modelBatchesPath(model);
	const key = options.idempotencyKey.trim();
	if (key === '') {
		throw new CreateBatchError({
			kind: 'invalid_request',
			failure: 'rejected',
			mayHaveCreated: false,
			message: 'a create needs an Idempotency-Key: nothing was sent',
		});
	}

	let batch: T;
	try {
		batch = await post(path, {body: JSON.stringify(body), headers: {'content-type': 'application/json', 'idempotency-key': key}});
	} catch (error) {
		throw createBatchError(map(error, `model ${modelName(model)}`), model);
	}

	if (batch.id === '') {
		throw new CreateBatchError({
			kind: 'bad_response',
			failure: 'unknown_outcome',
			mayHaveCreated: true,
			message:
				`the server's answer to the create for ${modelName(model)} names no batch: it was probably created; ` +
				'the same request again (same key) gives it back without creating another',
		});
	}

	return batch;
}
