// An item as it is taken OUT of the monitor (results files, exports, resubmission): with its
// `input` and `output`, which the items held for the screen never carry (normalize.ts drops
// them on purpose). Strings stay exactly as the server sent them: a file holds the API's data,
// never the terminal's sanitized text. Read with client.listExportItems / getExportItem, which
// keep no copy of the answer (a page of model outputs can be megabytes).
import {badShape, normalizeStatus} from './normalize.js';

/** What an export asks for: the columns of a results file, `input` and `output` included. */
export const EXPORT_ITEM_FIELDS = 'id,batch_id,sequence_index,run_id,client_ref,status_code,cost,error,created_at,started_at,completed_at,input,output';

export interface ExportItem {
	id: string;
	batch_id: string;
	sequence_index: number | null;
	run_id: string | null;
	client_ref: string | null;
	/** The status as the server wrote it (a file keeps it as is). */
	status_code: string | null;
	/** normalizeStatus of it ('canceled' → 'cancelled', lowercase): for the rules (finished, failed). */
	status: string;
	/** The server's decimal string (a number is written as its shortest decimal). */
	cost: string | null;
	error_code: string | null;
	error_message: string | null;
	created_at: string | null;
	started_at: string | null;
	completed_at: string | null;
	/** Any JSON value, as sent; undefined when the answer did not carry it. */
	input: unknown;
	output: unknown;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function str(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** An item with everything a file needs; `batchId` when the answer does not name its batch. */
export function normalizeExportItem(raw: unknown, batchId: string, index = 0): ExportItem {
	if (!isRecord(raw)) throw badShape('an item');
	const error = raw['error'];
	const seq = raw['sequence_index'];
	const status = str(raw['status_code']);
	return {
		id: str(raw['id']) ?? `#${index}`,
		batch_id: str(raw['batch_id']) ?? batchId,
		sequence_index: typeof seq === 'number' && Number.isFinite(seq) ? seq : typeof seq === 'string' && /^\d+$/.test(seq) ? Number(seq) : null,
		run_id: str(raw['run_id']),
		client_ref: str(raw['client_ref']),
		status_code: status,
		status: normalizeStatus(status),
		cost: str(raw['cost']),
		error_code: isRecord(error) ? str(error['code']) : null,
		error_message: isRecord(error) ? str(error['message']) : typeof error === 'string' ? error : null,
		created_at: str(raw['created_at']),
		started_at: str(raw['started_at']),
		completed_at: str(raw['completed_at']),
		input: raw['input'],
		output: raw['output'],
	};
}
