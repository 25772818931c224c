// What the monitor asks for: `fields` projections of exactly what it shows. The table, the
// summary and the failure triage read an item's own fields (its `error`, `cost` and times);
// a run is read on its own, only when the user opens it. Never an item's `input`/`output`,
// never the batch's `input[]`/`output`. A server that refuses a projection gets the request
// again without it (shaping.ts), so every field here is also optional in normalize.ts.

/** An item row as the table, the summary, triage and the plain/json failure lines use it. */
export const ITEM_FIELDS = 'id,sequence_index,run_id,status_code,client_ref,cost,error,created_at,started_at,completed_at';

/** The batch's counters, status, cost, times and failure: what every tick reads. */
export const BATCH_COUNTER_FIELDS =
	'id,status_code,items_total,items_succeeded,items_failed,items_cancelled,cost,created_at,started_at,completed_at,duration_ms,failure_code,failure_message';

/** The counters and the lean `items[]` (id, sequence_index, run_id, status_code, client_ref). */
export const BATCH_LEAN_FIELDS = `${BATCH_COUNTER_FIELDS},items`;

/** What a failed item's cause needs (lib/failures.ts failureCause): the digest of a restart reads only this. */
export const CAUSE_FIELDS = 'id,status_code,error';
