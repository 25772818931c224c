// `POST /v1/models/{owner}/{slug}/batches`: creates and dispatches a batch of the submitted
// inputs, as ../shared/runflow-api.md describes it. Checks, in order: the key's right (401/403,
// configured) → the model (404) → the body as JSON → the Idempotency-Key (a replay of the first
// 201, or 409 for another body) → the body's shape and the model's batch support (422) → the
// balance (402) → 201 with the batch as GET /v1/batches/{id} shows it (status `queued`).

import {createHash} from 'node:crypto';
import {batchBody} from './batch-body.js';
import {SimError, validationError} from './errors.js';
import type {BatchModel} from './model.js';
import {hashString, type BatchSpec, type Submitted} from './plan.js';

/** A model the simulator knows, as `owner/slug`. */
export interface SimModel {
	owner: string;
	slug: string;
	/** Whether it takes batches (default true): without, a create answers 422. */
	batches?: boolean;
	/** How the batches created for it run (default: 60 s, 3 % failures, dispatched 2 s after creation). */
	run?: Partial<Pick<BatchSpec, 'durationMs' | 'startDelayMs' | 'failureRate' | 'cancelRate' | 'logLinesPerRun' | 'neverFinishes' | 'finals' | 'seed'>>;
}

export const DEFAULT_MODELS: readonly SimModel[] = [{owner: 'demo', slug: 'vision-large'}];

export const MAX_INPUTS = 100;
const MAX_CLIENT_REF = 255;
const MAX_CALLBACK_URL = 2048;

export interface WriteReply {
	status: number;
	body: string;
	headers?: Record<string, string>;
}

export interface WritesDeps {
	/** Adds a batch to the simulator (dispatched from its start on). */
	add(spec: BatchSpec, createdAbs: number): BatchModel;
	/** Whether the balance pays for new runs at `now` (billing.ts); always when there is no billing. */
	canPay(now: number): boolean;
	/** The key's right on this route: 401 or 403 refuse every create. */
	denied?: 401 | 403;
}

interface Body {
	input: Array<Record<string, unknown>>;
	clientRefs: Array<string | null>;
	metadata: Record<string, unknown> | null;
	callbackUrl: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with every object's keys sorted: two bodies that say the same thing have the same digest. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (isObject(value))
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'null';
}

function parseJson(raw: string): unknown {
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		throw validationError('body', 'The request body must be a JSON object');
	}
}

function validate(json: unknown): Body {
	if (!isObject(json)) throw validationError('body', 'The request body must be a JSON object');
	const input = json['input'];
	if (!Array.isArray(input)) throw validationError('input', 'input is required: an array of 1 to 100 objects');
	if (input.length === 0 || input.length > MAX_INPUTS) {
		throw validationError('input', `input must hold 1 to ${MAX_INPUTS} items, not ${input.length}`);
	}

	const inputs: Array<Record<string, unknown>> = [];
	const clientRefs: Array<string | null> = [];
	for (const [i, entry] of input.entries()) {
		if (!isObject(entry)) throw validationError(`input[${i}]`, `input[${i}] must be an object`);
		const {client_ref: ref, ...rest} = entry;
		if (ref !== undefined && ref !== null && (typeof ref !== 'string' || ref.length > MAX_CLIENT_REF)) {
			throw validationError(`input[${i}].client_ref`, `input[${i}].client_ref must be a string of at most ${MAX_CLIENT_REF} characters`);
		}

		inputs.push(rest);
		clientRefs.push(typeof ref === 'string' ? ref : null);
	}

	const metadata = json['metadata'];
	if (metadata !== undefined && metadata !== null && !isObject(metadata)) throw validationError('metadata', 'metadata must be an object');
	const callback = json['callback_url'];
	if (callback !== undefined && callback !== null && (typeof callback !== 'string' || callback.length > MAX_CALLBACK_URL)) {
		throw validationError('callback_url', `callback_url must be a string of at most ${MAX_CALLBACK_URL} characters`);
	}

	return {input: inputs, clientRefs, metadata: isObject(metadata) ? metadata : null, callbackUrl: typeof callback === 'string' ? callback : null};
}

function hex(n: number, width: number): string {
	return n.toString(16).padStart(width, '0');
}

export class Writes {
	/** Ids of the batches created so far, oldest first. */
	readonly created: string[] = [];
	private readonly byKey = new Map<string, {digest: string; reply: WriteReply}>();

	constructor(
		private readonly models: readonly SimModel[],
		private readonly deps: WritesDeps,
	) {}

	/** `segments`: the decoded path, ['v1', 'models', owner, slug, 'batches']. */
	create(segments: readonly string[], rawBody: string, idempotencyKey: string | undefined, now: number): WriteReply {
		const owner = segments[2] ?? '';
		const slug = segments[3] ?? '';
		if (this.deps.denied === 401) throw new SimError(401, 'UNAUTHORIZED', 'This API key may not create batches');
		if (this.deps.denied === 403) throw new SimError(403, 'PERMISSION_DENIED', `This API key may not create batches for ${owner}/${slug}`);
		const model = this.models.find((m) => m.owner === owner && m.slug === slug);
		if (!model) throw new SimError(404, 'MODEL_NOT_FOUND', `Model ${owner}/${slug} not found`);
		const json = parseJson(rawBody);
		const key = idempotencyKey?.trim() ?? '';
		const digest = createHash('sha256')
			.update(`${owner}/${slug}\n${canonical(json)}`)
			.digest('hex');
		const earlier = key === '' ? undefined : this.byKey.get(key);
		if (earlier) {
			if (earlier.digest !== digest) {
				throw new SimError(409, 'CONFLICT', 'This Idempotency-Key was already used with a different request body');
			}

			return {...earlier.reply, headers: {...earlier.reply.headers, 'idempotent-replayed': 'true'}};
		}

		const body = validate(json);
		if (model.batches === false) {
			const message = `Model ${owner}/${slug} does not support batches`;
			throw new SimError(422, 'BATCH_NOT_SUPPORTED', message, [{field: 'model', message}]);
		}

		if (!this.deps.canPay(now)) {
			throw new SimError(402, 'INSUFFICIENT_CREDIT', "The organization's balance cannot pay for new runs: add credit to continue");
		}

		const reply = this.dispatch(model, body, now);
		if (key !== '') this.byKey.set(key, {digest, reply});
		return reply;
	}

	private dispatch(model: SimModel, body: Body, now: number): WriteReply {
		const n = this.created.length + 1;
		const id = `b_${hex(hashString(`created#${n}#${now}`), 8)}${hex(n, 4)}`;
		const submitted: Submitted = {
			inputs: body.input,
			clientRefs: body.clientRefs,
			metadata: body.metadata,
			callbackUrl: body.callbackUrl,
			targetId: `mdl_${hex(hashString(`${model.owner}/${model.slug}`), 8)}`,
		};
		const run = model.run ?? {};
		const spec: BatchSpec = {
			failureRate: 0.03,
			cancelRate: 0,
			logLinesPerRun: 20,
			seed: hashString(id),
			...run,
			id,
			items: body.input.length,
			durationMs: run.durationMs ?? 60_000,
			// Queued when created: its first item is dispatched a little later.
			startDelayMs: Math.max(1, run.startDelayMs ?? 2000),
			submitted,
		};
		const batch = this.deps.add(spec, now);
		this.created.push(id);
		return {status: 201, body: JSON.stringify(batchBody(batch, now)), headers: {location: `/v1/batches/${id}`}};
	}
}
