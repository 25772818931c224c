// Shapes of the Runflow API as the monitor uses them (see ../shared/runflow-api.md).
// Everything the server sends is normalized into these types by `normalize.ts`:
// optional fields may be missing, strings are untrusted (sanitize before display).

export type StatusCode = string; // open set: queued, running, succeeded, failed, canceled/cancelled, errored, …

export interface ApiErrorDetail {
	code?: string | null;
	message?: string | null;
}

export interface EmbeddedRun {
	id?: string;
	status_code?: StatusCode;
	failure_code?: string | null;
	failure_message?: string | null;
	failure_stage_code?: string | null;
	duration_ms?: number | null;
	cost?: string | null;
	nodes_total?: number | null;
	nodes_completed?: number | null;
	has_logs?: boolean;
	has_node_runs?: boolean;
	started_at?: string | null;
	completed_at?: string | null;
	node_runs?: NodeRun[];
	logs?: LogLine[];
}

export interface BatchItem {
	id: string;
	batch_id?: string;
	sequence_index: number;
	run_id: string | null;
	created_at?: string | null;
	client_ref?: string | null;
	status_code: StatusCode;
	/** On the wire; never kept by the monitor (see normalizeItem). */
	input?: Record<string, unknown> | null;
	/** On the wire; never kept by the monitor (see normalizeItem). */
	output?: Record<string, unknown> | null;
	error?: ApiErrorDetail | null;
	cost?: string | null;
	started_at?: string | null;
	completed_at?: string | null;
	run?: EmbeddedRun | null;
}

/** The lean per-item row inside GET /v1/batches/{id}. */
export interface LeanItem {
	id: string;
	sequence_index: number;
	run_id: string | null;
	status_code: StatusCode;
	client_ref?: string | null;
}

export interface Batch {
	id: string;
	status_code: StatusCode;
	items_total: number;
	items_succeeded: number;
	items_failed: number;
	items_cancelled: number;
	cost: string | null;
	created_at?: string | null;
	started_at?: string | null;
	completed_at?: string | null;
	duration_ms?: number | null;
	failure_code?: string | null;
	failure_message?: string | null;
	items?: LeanItem[];
	/** What the batch was created with (a resubmitted batch's `{resubmitted_from}`); absent when not asked for. */
	metadata?: Record<string, unknown> | null;
	/** The model it runs, by id only (`target_type` 'model'): nothing documented turns it into owner/slug. */
	target_id?: string | null;
	/**
	 * Never the server's: set by the store when a terminal batch whose counters do not add up to its
	 * total brought the same figures twice (a server whose counters leave some items out): they
	 * stand, and the batch is finished by them (lib/finished.ts).
	 */
	countersStood?: true;
}

export interface LogLine {
	id: string;
	run_id: string;
	level_code: string;
	message: string;
	timestamp: string;
	meta?: Record<string, unknown> | null;
}

export interface NodeRun {
	id: string;
	node_id?: string | null;
	state_code: string;
	duration_ms?: number | null;
	cost?: string | null;
	retry_count?: number | null;
	error_message?: string | null;
	started_at?: string | null;
	completed_at?: string | null;
}

export interface Run extends EmbeddedRun {
	id: string;
}

/** A page of any list route. Cursors are opaque: a bare token or a URL (path or absolute). */
export interface Page<T> {
	items: T[];
	first: string | null;
	next: string | null;
	previous: string | null;
}

export interface ListParams {
	limit?: number;
	/** A cursor as the server gave it (token or URL). */
	pq?: string | null;
	from_prev?: boolean;
	sort_by?: string;
	fields?: string;
	embed?: string;
	q?: string;
}
