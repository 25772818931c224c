// What a results file holds, one record per item: the same columns in JSON lines and in CSV.
// Every string is the API's data as it is. In JSON, DEL, C1 controls, bidi overrides and line
// separators are written as \u escapes too (the same data once parsed; printing the file to a
// terminal is then safe); in CSV, input and output are JSON text in a cell.
import type {ExportItem} from '../api/export.js';
import {csvRecord} from './csv.js';

export type ResultFormat = 'jsonl' | 'csv';

/** The columns, in order (the CSV header, the JSON keys). */
export const RESULT_COLUMNS = [
	'batch_id',
	'id',
	'sequence_index',
	'client_ref',
	'status',
	'cost',
	'error_code',
	'error_message',
	'started_at',
	'completed_at',
	'run_id',
	'input',
	'output',
] as const;

/** `.csv` (any case) is CSV; every other name JSON lines. */
export function formatOf(path: string): ResultFormat {
	return /\.csv$/i.test(path) ? 'csv' : 'jsonl';
}

/** JSON.stringify, with the characters JSON leaves raw that a terminal would act on escaped. */
export function safeJson(value: unknown): string {
	return (JSON.stringify(value) ?? 'null').replace(
		/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/** An item as a record: the columns in order. input/output absent from the answer read null. */
export function resultRecord(item: ExportItem): Record<(typeof RESULT_COLUMNS)[number], unknown> {
	return {
		batch_id: item.batch_id,
		id: item.id,
		sequence_index: item.sequence_index,
		client_ref: item.client_ref,
		status: item.status_code,
		cost: item.cost,
		error_code: item.error_code,
		error_message: item.error_message,
		started_at: item.started_at,
		completed_at: item.completed_at,
		run_id: item.run_id,
		input: item.input ?? null,
		output: item.output ?? null,
	};
}

/** One JSON line, newline included. */
export function jsonLine(item: ExportItem): string {
	return `${safeJson(resultRecord(item))}\n`;
}

function cell(value: unknown, json: boolean): string {
	if (value === null || value === undefined) return '';
	if (json) return safeJson(value);
	return typeof value === 'string' ? value : String(value);
}

/** One CSV record (RFC 4180, CRLF included). */
export function csvLine(item: ExportItem, record = resultRecord(item)): string {
	return csvRecord(RESULT_COLUMNS.map((column) => cell(record[column], column === 'input' || column === 'output')));
}

export const CSV_HEADER = csvRecord(RESULT_COLUMNS);

/** The item in the file's format. */
export function formatRecord(item: ExportItem, format: ResultFormat): string {
	return format === 'csv' ? csvLine(item) : jsonLine(item);
}
