// Turns whatever the server sent into the shapes of types.ts, accepting every variant
// ../shared/runflow-api.md lists (legacy cursor names, both spellings of cancelled,
// numbers for money). Strings stay raw here: display code sanitizes them.
import {ApiError} from './errors.js';
import type {Batch, BatchItem, EmbeddedRun, LeanItem, LogLine, NodeRun, Page, Run} from './types.js';

/** Trim + lowercase; 'canceled' → 'cancelled'; a non-string or empty value → 'unknown'. */
export function normalizeStatus(raw: unknown): string {
	if (typeof raw !== 'string') {
		return 'unknown';
	}

	const status = raw.trim().toLowerCase();
	if (status === '') {
		return 'unknown';
	}

	return status === 'canceled' ? 'cancelled' : status;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

function num(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

function id(value: unknown, fallback: string): string {
	return str(value) ?? fallback;
}

export function badShape(what: string): ApiError {
	return new ApiError({kind: 'bad_response', message: `the server sent ${what} in an unexpected shape`});
}

export function normalizePage<T>(body: unknown, item: (raw: unknown, index: number) => T, what: string): Page<T> {
	if (!isRecord(body)) throw badShape(what);
	const list = body['items'] ?? body['data'] ?? body['results'];
	if (!Array.isArray(list)) throw badShape(what);
	return {
		items: list.map((raw, index) => item(raw, index)),
		first: str(body['first'] ?? body['first_pq']),
		next: str(body['next'] ?? body['next_pq']),
		previous: str(body['previous'] ?? body['prev_pq'] ?? body['previous_pq'] ?? body['prev']),
	};
}

function errorDetail(value: unknown): BatchItem['error'] {
	if (typeof value === 'string') return {message: value};
	if (!isRecord(value)) return null;
	return {code: str(value['code']), message: str(value['message'])};
}

function record(value: unknown): Json | null {
	return isRecord(value) ? value : null;
}

/** `withLogs` false: log lines a run embedded in an item may carry are dropped (logs are read on their own). */
export function normalizeEmbeddedRun(raw: unknown, withLogs = true): EmbeddedRun | null {
	if (!isRecord(raw)) return null;
	return {
		id: str(raw['id']) ?? undefined,
		status_code: raw['status_code'] === undefined ? undefined : normalizeStatus(raw['status_code']),
		failure_code: str(raw['failure_code']),
		failure_message: str(raw['failure_message']),
		failure_stage_code: str(raw['failure_stage_code']),
		duration_ms: num(raw['duration_ms']),
		cost: str(raw['cost']),
		nodes_total: num(raw['nodes_total']),
		nodes_completed: num(raw['nodes_completed']),
		has_logs: typeof raw['has_logs'] === 'boolean' ? raw['has_logs'] : undefined,
		has_node_runs: typeof raw['has_node_runs'] === 'boolean' ? raw['has_node_runs'] : undefined,
		started_at: str(raw['started_at']),
		completed_at: str(raw['completed_at']),
		node_runs: Array.isArray(raw['node_runs']) ? raw['node_runs'].map(normalizeNodeRun) : undefined,
		logs: withLogs && Array.isArray(raw['logs']) ? raw['logs'].map((line, i) => normalizeLogLine(line, i)) : undefined,
	};
}

/**
 * An item as the monitor holds it. Its `input` and `output` are never shown and may be large
 * (a model's whole answer), and neither are the log lines its embedded run may carry: none
 * is kept, so twenty cached pages of a batch with big outputs cost what small ones do.
 */
export function normalizeItem(raw: unknown, index = 0): BatchItem {
	if (!isRecord(raw)) throw badShape('an item');
	return {
		id: id(raw['id'], `#${index}`),
		batch_id: str(raw['batch_id']) ?? undefined,
		sequence_index: num(raw['sequence_index']) ?? index,
		run_id: str(raw['run_id']),
		created_at: str(raw['created_at']),
		client_ref: str(raw['client_ref']),
		status_code: normalizeStatus(raw['status_code']),
		error: errorDetail(raw['error']),
		cost: str(raw['cost']),
		started_at: str(raw['started_at']),
		completed_at: str(raw['completed_at']),
		run: normalizeEmbeddedRun(raw['run'], false),
	};
}

function normalizeLean(raw: unknown, index: number): LeanItem {
	const item = isRecord(raw) ? raw : {};
	return {
		id: id(item['id'], `#${index}`),
		sequence_index: num(item['sequence_index']) ?? index,
		run_id: str(item['run_id']),
		status_code: normalizeStatus(item['status_code']),
		client_ref: str(item['client_ref']),
	};
}

export function normalizeBatch(raw: unknown, fallbackId: string): Batch {
	if (!isRecord(raw)) throw badShape('the batch');
	return {
		id: id(raw['id'], fallbackId),
		status_code: normalizeStatus(raw['status_code']),
		items_total: num(raw['items_total']) ?? (Array.isArray(raw['items']) ? raw['items'].length : 0),
		items_succeeded: num(raw['items_succeeded']) ?? 0,
		items_failed: num(raw['items_failed']) ?? 0,
		items_cancelled: num(raw['items_cancelled'] ?? raw['items_canceled']) ?? 0,
		cost: str(raw['cost']),
		created_at: str(raw['created_at']),
		started_at: str(raw['started_at']),
		completed_at: str(raw['completed_at']),
		duration_ms: num(raw['duration_ms']),
		failure_code: str(raw['failure_code']),
		failure_message: str(raw['failure_message']),
		items: Array.isArray(raw['items']) ? raw['items'].map(normalizeLean) : undefined,
		...(Object.hasOwn(raw, 'metadata') ? {metadata: record(raw['metadata'])} : {}),
		...(Object.hasOwn(raw, 'target_id') ? {target_id: str(raw['target_id'])} : {}),
	};
}

export function normalizeLogLine(raw: unknown, index = 0): LogLine {
	const line = isRecord(raw) ? raw : {message: raw};
	return {
		id: id(line['id'], `line-${index}`),
		run_id: str(line['run_id']) ?? '',
		level_code: (str(line['level_code'] ?? line['level']) ?? 'info').toLowerCase(),
		message: str(line['message']) ?? '',
		timestamp: str(line['timestamp']) ?? '',
		meta: record(line['meta']),
	};
}

export function normalizeNodeRun(raw: unknown, index = 0): NodeRun {
	const node = isRecord(raw) ? raw : {};
	return {
		id: id(node['id'], `node-${index}`),
		node_id: str(node['node_id']),
		state_code: normalizeStatus(node['state_code']),
		duration_ms: num(node['duration_ms']),
		cost: str(node['cost']),
		retry_count: num(node['retry_count']),
		error_message: str(node['error_message']),
		started_at: str(node['started_at']),
		completed_at: str(node['completed_at']),
	};
}

export function normalizeRun(raw: unknown, runId: string): Run {
	const run = normalizeEmbeddedRun(raw);
	if (!run) throw badShape('the run');
	return {...run, id: run.id ?? runId};
}
