// Route matching and handlers. Handlers return a JSON body or throw SimError.

import type {BatchItem, LogLine, NodeRun} from './wire.js';
import {batchBody} from './batch-body.js';
import {SimError} from './errors.js';
import {embedNames, listPage, project, type ListContext} from './list.js';
import type {BatchModel} from './model.js';
import type {Fields} from './query.js';

export interface RouteContext {
	models: ReadonlyMap<string, BatchModel>;
	now: number;
	list: ListContext;
}

/** The stats key of a path, e.g. 'GET /v1/batches/:id/items'. */
export function routeKey(method: string, pathname: string): string {
	const s = pathname.replace(/\/+$/, '').split('/').slice(1);
	let pattern = '(unmatched)';
	if (s[0] === 'v1' && s[1] === 'batches' && s.length >= 3 && s.length <= 5) {
		pattern = ['/v1/batches/:id', '/v1/batches/:id/items', '/v1/batches/:id/items/:item_id'][s.length - 3]!;
		if (s.length >= 4 && s[3] !== 'items') {
			pattern = '(unmatched)';
		}
	} else if (s[0] === 'v1' && s[1] === 'models' && s.length === 5 && s[4] === 'batches') {
		pattern = '/v1/models/:owner/:slug/batches';
	} else if (s[0] === 'v1' && s[1] === 'billing' && s[2] === 'balance' && s.length === 3) {
		pattern = '/v1/billing/balance';
	} else if (s[0] === 'v1' && s[1] === 'runs' && s.length === 3) {
		pattern = '/v1/runs/:id';
	} else if (s[0] === 'v1' && s[1] === 'runs' && s.length === 4 && (s[3] === 'logs' || s[3] === 'node-runs')) {
		pattern = `/v1/runs/:id/${s[3]}`;
	}

	return `${method} ${pattern}`;
}

/** A row of the item list: the item is built only when a field other than its index is read (filtering 20,000 rows by sequence_index builds none). */
class ItemRow {
	private built: BatchItem | undefined;
	constructor(
		readonly i: number,
		private readonly make: (i: number) => BatchItem,
	) {}

	get item(): BatchItem {
		this.built ??= this.make(this.i);
		return this.built;
	}
}

const ITEM_FIELDS: Fields<ItemRow> = {
	id: {type: 'string', get: (r) => r.item.id},
	sequence_index: {type: 'number', get: (r) => r.i},
	status_code: {type: 'string', get: (r) => r.item.status_code},
	client_ref: {type: 'string', get: (r) => r.item.client_ref},
	run_id: {type: 'string', get: (r) => r.item.run_id},
	// A number, so '10.25' sorts after '9.5' (the simulator's costs are whole micro-dollars: exact as doubles).
	cost: {type: 'number', get: (r) => (r.item.cost === null || r.item.cost === undefined ? null : Number(r.item.cost))},
	created_at: {type: 'time', get: (r) => r.item.created_at},
	started_at: {type: 'time', get: (r) => r.item.started_at},
	completed_at: {type: 'time', get: (r) => r.item.completed_at},
};

const LOG_FIELDS: Fields<LogLine> = {
	id: {type: 'string', get: (l) => l.id},
	level_code: {type: 'string', get: (l) => l.level_code},
	message: {type: 'string', get: (l) => l.message},
	timestamp: {type: 'time', get: (l) => l.timestamp},
};

const NODE_FIELDS: Fields<NodeRun> = {
	id: {type: 'string', get: (n) => n.id},
	node_id: {type: 'string', get: (n) => n.node_id},
	state_code: {type: 'string', get: (n) => n.state_code},
	started_at: {type: 'time', get: (n) => n.started_at},
};

function notFound(code: string, message: string): SimError {
	return new SimError(404, code, message);
}

function findRun(ctx: RouteContext, runId: string): [BatchModel, number] {
	for (const model of ctx.models.values()) {
		const i = model.indexOfRun(runId, ctx.now);
		if (i >= 0) {
			return [model, i];
		}
	}

	throw notFound('RUN_NOT_FOUND', `Run ${runId} not found`);
}

function itemsList(model: BatchModel, params: URLSearchParams, ctx: RouteContext): unknown {
	const make = (i: number) => model.item(i, ctx.now);
	const row = (i: number): ItemRow => new ItemRow(i, make);
	return listPage<ItemRow>(
		params,
		{
			resource: `items:${model.id}`,
			path: `/v1/batches/${encodeURIComponent(model.id)}/items`,
			fields: ITEM_FIELDS,
			sortable: ['sequence_index', 'created_at', 'status_code', 'cost', 'started_at', 'completed_at'],
			defaultSort: 'sequence_index:asc',
			natural: {key: 'sequence_index', count: model.count, at: row},
			all: () => Array.from({length: model.count}, (_, i) => row(i)),
			toJson: (r) => ({...r.item}),
			embed: (r, names) => (names.has('run') ? {run: model.embedded(r.i, ctx.now)} : {}),
		},
		ctx.list,
	);
}

export function handle(url: URL, ctx: RouteContext): unknown {
	let s: string[];
	try {
		s = url.pathname
			.replace(/\/+$/, '')
			.split('/')
			.slice(1)
			.map((part) => decodeURIComponent(part));
	} catch {
		throw notFound('NOT_FOUND', `No route for ${url.pathname}`);
	}

	const params = url.searchParams;
	if (s[0] === 'v1' && s[1] === 'batches' && s[2] !== undefined && (s.length === 3 || s[3] === 'items')) {
		const model = ctx.models.get(s[2]);
		if (!model) {
			throw notFound('NOT_FOUND', `Batch ${s[2]} not found`);
		}

		if (s.length === 3) {
			// `fields` projects the batch as it does a list's rows; without `items`, none is built.
			const fields = params.get('fields') ?? undefined;
			const withItems = fields === undefined || fields.split(',').some((f) => ['items', 'input'].includes(f.trim()));
			return project({...batchBody(model, ctx.now, withItems)}, fields);
		}

		if (s.length === 4) {
			return itemsList(model, params, ctx);
		}

		const i = s.length === 5 ? model.indexOfItem(s[4]!) : -1;
		if (i < 0) {
			throw notFound('NOT_FOUND', `Item ${s[4] ?? ''} not found in batch ${model.id}`);
		}

		const item = project({...model.item(i, ctx.now)}, params.get('fields') ?? undefined);
		return embedNames(params.get('embed')).has('run') ? {...item, run: model.embedded(i, ctx.now)} : item;
	}

	if (s[0] === 'v1' && s[1] === 'runs' && s[2] !== undefined && s.length <= 4) {
		const [model, i] = findRun(ctx, s[2]);
		const runId = model.runId(i);
		if (s.length === 3) {
			return model.run(i, ctx.now);
		}

		if (s[3] === 'logs') {
			return listPage<LogLine>(
				params,
				{
					resource: `logs:${runId}`,
					path: `/v1/runs/${runId}/logs`,
					fields: LOG_FIELDS,
					sortable: ['timestamp'],
					defaultSort: 'timestamp:asc',
					all: () => model.logs(i, ctx.now),
					toJson: (l) => ({...l}),
					growing: !model.runIsTerminal(i, ctx.now),
				},
				ctx.list,
			);
		}

		if (s[3] === 'node-runs') {
			return listPage<NodeRun>(
				params,
				{
					resource: `node-runs:${runId}`,
					path: `/v1/runs/${runId}/node-runs`,
					fields: NODE_FIELDS,
					sortable: ['started_at'],
					defaultSort: 'started_at:asc',
					all: () => model.nodeRuns(i, ctx.now),
					toJson: (n) => ({...n}),
				},
				ctx.list,
			);
		}
	}

	throw notFound('NOT_FOUND', `No route for ${url.pathname}`);
}
