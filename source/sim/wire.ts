// What the simulated Runflow API sends, as ../shared/runflow-api.md describes the wire: its own
// types, not the client's normalized ones (api/types.ts), so a mistake in the client's
// normalization shows in the tests instead of being built into the server they talk to.

/** Free text on the wire: queued, dispatching, running, succeeded, partial_succeeded, failed, canceled, cancelled, errored, … */
export type WireStatus = string;

/** An item's own error (`BatchItemRow.error`). */
export interface WireError {
	code?: string | null;
	message?: string | null;
}

/** A log line of `GET /v1/runs/{run_id}/logs` (and a run's `logs[]`). */
export interface LogLine {
	id: string;
	run_id: string;
	level_code: string;
	message: string;
	timestamp: string;
	meta?: Record<string, unknown> | null;
}

/** A node run of `GET /v1/runs/{run_id}/node-runs` (and a run's `node_runs[]`). */
export interface NodeRun {
	id: string;
	node_id: string | null;
	state_code: string;
	duration_ms: number | null;
	cost: string | null;
	retry_count: number | null;
	error_message: string | null;
	started_at: string | null;
	completed_at: string | null;
}

/** The run inlined in an item by `embed=run`, and the body of `GET /v1/runs/{run_id}`. */
export interface EmbeddedRun {
	id?: string;
	status_code: WireStatus;
	failure_code: string | null;
	failure_message: string | null;
	failure_stage_code: string | null;
	duration_ms: number | null;
	cost: string | null;
	nodes_total: number | null;
	nodes_completed: number | null;
	has_logs: boolean;
	has_node_runs: boolean;
	started_at: string | null;
	completed_at: string | null;
	/** The run route carries them; an embedded run may leave them out. */
	node_runs?: NodeRun[];
	logs?: LogLine[];
	[more: string]: unknown;
}

export interface Run extends EmbeddedRun {
	id: string;
}

/** `BatchItemRow`: a row of `GET /v1/batches/{batch_id}/items` and the body of `…/items/{id}`. */
export interface BatchItem {
	id: string;
	batch_id?: string;
	sequence_index: number;
	run_id: string | null;
	created_at?: string | null;
	client_ref: string | null;
	status_code: WireStatus;
	input?: Record<string, unknown> | null;
	output?: Record<string, unknown> | null;
	error: WireError | null;
	cost: string | null;
	started_at: string | null;
	completed_at: string | null;
	run?: EmbeddedRun | null;
}

/** A row of the batch's lean `items[]`, meant for polling. */
export interface LeanItem {
	id: string;
	sequence_index: number;
	run_id: string | null;
	status_code: WireStatus;
	client_ref: string | null;
}

/** `GET /v1/batches/{id}`. */
export interface Batch {
	id: string;
	status_code: WireStatus;
	items_total: number;
	items_succeeded: number;
	items_failed: number;
	items_cancelled: number;
	cost: string | null;
	created_at: string | null;
	started_at: string | null;
	completed_at: string | null;
	duration_ms: number | null;
	failure_code: string | null;
	failure_message: string | null;
	items: LeanItem[];
	[more: string]: unknown;
}
