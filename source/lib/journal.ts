// The journal of a job, as text: what a restart shows at once. One file per job (its sorted
// batch ids and the base URL make its key), holding what cannot change (the batches confirmed
// finished: counts, cost, failed lean items) and the last state seen of the others, with when it
// was seen. Never the API key. Decoding checks everything: a truncated, corrupt, foreign (another
// job or base URL) or newer-version file is refused with the reason, never thrown. Pure: the file
// itself is files/journal-file.ts's.
import {createHash} from 'node:crypto';
import type {Batch, LeanItem} from '../api/types.js';

export const JOURNAL_FORMAT = 'runflow-watch journal';
export const JOURNAL_VERSION = 1;

/** A batch's counters and times as last read (no item list). */
export type JournalCounters = Omit<Batch, 'id' | 'items' | 'metadata' | 'target_id'>;

export interface JournalRecord {
	id: string;
	/** When it was last read (ms epoch). */
	seenAt: number;
	/** Confirmed finished: its figures are final. */
	final: boolean;
	/** The server said it does not exist (404). */
	missing: boolean;
	/** null while never read well (missing). */
	batch: JournalCounters | null;
	/** Its items by status, as last summarized. */
	counts: Record<string, number>;
	/** Its failed items (lean), for f/F and the failure lines. */
	failed: LeanItem[];
	/** The batch it was resubmitted from (the job screen's `↻ from b_…`), when it was. */
	from?: string;
}

export interface Journal {
	baseUrl: string;
	/** journalKey(baseUrl, ids). */
	key: string;
	/** When it was written (ms epoch). */
	savedAt: number;
	/** The server's clock at the last read (its Date header), for elapsed times; null when unknown. */
	serverDate: number | null;
	records: JournalRecord[];
}

/** The job's key: a hash of the base URL and the sorted batch ids (the file is named after it). */
export function journalKey(baseUrl: string, ids: readonly string[]): string {
	const sorted = [...new Set(ids)].sort();
	return createHash('sha256')
		.update(`${baseUrl}\n${sorted.join('\n')}`)
		.digest('hex')
		.slice(0, 32);
}

export function encodeJournal(journal: Journal): string {
	return `${JSON.stringify({
		format: JOURNAL_FORMAT,
		version: JOURNAL_VERSION,
		base_url: journal.baseUrl,
		job: journal.key,
		saved_at: new Date(journal.savedAt).toISOString(),
		server_date: journal.serverDate === null ? null : new Date(journal.serverDate).toISOString(),
		batches: journal.records.map((record) => ({
			id: record.id,
			seen_at: new Date(record.seenAt).toISOString(),
			final: record.final,
			missing: record.missing,
			batch: record.batch,
			counts: record.counts,
			failed: record.failed,
			...(record.from === undefined ? {} : {from: record.from}),
		})),
	})}\n`;
}

export type JournalProblem = 'truncated' | 'corrupt' | 'foreign' | 'newer';

export type JournalReading = {ok: true; journal: Journal} | {ok: false; problem: JournalProblem; detail: string};

class Refused extends Error {
	constructor(
		readonly problem: JournalProblem,
		detail: string,
	) {
		super(detail);
	}
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function need<T>(ok: boolean, value: T, what: string): T {
	if (!ok) throw new Refused('corrupt', `${what} is not as written`);
	return value;
}

const text = (value: unknown, what: string): string => need(typeof value === 'string' && value.length <= 10_000, value as string, what);
const maybeText = (value: unknown, what: string): string | null | undefined => (value === null || value === undefined ? value : text(value, what));
const count = (value: unknown, what: string): number => need(typeof value === 'number' && Number.isInteger(value) && value >= 0, value as number, what);

function time(value: unknown, what: string): number {
	const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return need(Number.isFinite(at), at, what);
}

function counters(raw: unknown, what: string): JournalCounters {
	need(isRecord(raw), null, what);
	const value = raw as Record<string, unknown>;
	const duration = value['duration_ms'];
	return {
		status_code: text(value['status_code'], `${what}'s status`),
		items_total: count(value['items_total'], `${what}'s total`),
		items_succeeded: count(value['items_succeeded'], `${what}'s counts`),
		items_failed: count(value['items_failed'], `${what}'s counts`),
		items_cancelled: count(value['items_cancelled'], `${what}'s counts`),
		cost: maybeText(value['cost'], `${what}'s cost`) ?? null,
		created_at: maybeText(value['created_at'], `${what}'s times`),
		started_at: maybeText(value['started_at'], `${what}'s times`),
		completed_at: maybeText(value['completed_at'], `${what}'s times`),
		duration_ms: duration === null || duration === undefined ? null : count(duration, `${what}'s duration`),
		failure_code: maybeText(value['failure_code'], `${what}'s failure`),
		failure_message: maybeText(value['failure_message'], `${what}'s failure`),
	};
}

function lean(raw: unknown, what: string): LeanItem {
	need(isRecord(raw), null, what);
	const value = raw as Record<string, unknown>;
	return {
		id: text(value['id'], `${what}'s id`),
		sequence_index: count(value['sequence_index'], `${what}'s index`),
		run_id: maybeText(value['run_id'], `${what}'s run`) ?? null,
		status_code: text(value['status_code'], `${what}'s status`),
		client_ref: maybeText(value['client_ref'], `${what}'s client_ref`) ?? null,
	};
}

function record(raw: unknown, index: number, ids: ReadonlySet<string>): JournalRecord {
	const what = `batch ${index + 1}`;
	need(isRecord(raw), null, what);
	const value = raw as Record<string, unknown>;
	const id = text(value['id'], `${what}'s id`);
	if (!ids.has(id)) throw new Refused('foreign', `it holds batch ${id.slice(0, 60)}, not one of this job's`);
	const countsRaw = value['counts'];
	need(isRecord(countsRaw), null, `${what}'s counts`);
	const counts: Record<string, number> = {};
	for (const [status, n] of Object.entries(countsRaw as Record<string, unknown>)) counts[text(status, `${what}'s counts`)] = count(n, `${what}'s counts`);
	const failed = value['failed'];
	need(Array.isArray(failed), null, `${what}'s failed items`);
	return {
		id,
		seenAt: time(value['seen_at'], `${what}'s time`),
		final: need(typeof value['final'] === 'boolean', value['final'] as boolean, `${what}'s state`),
		missing: need(typeof value['missing'] === 'boolean', value['missing'] as boolean, `${what}'s state`),
		batch: value['batch'] === null ? null : counters(value['batch'], what),
		counts,
		failed: (failed as unknown[]).map((item, i) => lean(item, `${what}'s failed item ${i + 1}`)),
		...(value['from'] === undefined ? {} : {from: text(value['from'], `${what}'s source batch`)}),
	};
}

/** Reads a journal's text for the job of `ids` at `baseUrl`: the journal, or why it cannot be used. */
export function decodeJournal(source: string, expected: {baseUrl: string; ids: readonly string[]}): JournalReading {
	let raw: unknown;
	try {
		raw = JSON.parse(source);
	} catch (error) {
		const message = error instanceof Error ? error.message : '';
		const cut = source.trim() === '' || /end of (?:JSON|data)|Unterminated|Unexpected end/i.test(message);
		return {ok: false, problem: cut ? 'truncated' : 'corrupt', detail: cut ? 'it ends before its end' : 'it is not JSON'};
	}

	try {
		need(isRecord(raw) && raw['format'] === JOURNAL_FORMAT, null, 'its format');
		const value = raw as Record<string, unknown>;
		const version = value['version'];
		need(typeof version === 'number' && Number.isInteger(version) && version >= 1, null, 'its version');
		if ((version as number) > JOURNAL_VERSION) throw new Refused('newer', `it is of version ${version as number}, written by a newer runflow-watch`);
		const key = journalKey(expected.baseUrl, expected.ids);
		if (value['base_url'] !== expected.baseUrl) throw new Refused('foreign', 'it is of another base URL');
		if (value['job'] !== key) throw new Refused('foreign', 'it is of another job');
		const batches = value['batches'];
		need(Array.isArray(batches), null, 'its batches');
		const ids = new Set(expected.ids);
		const records = (batches as unknown[]).map((entry, i) => record(entry, i, ids));
		const serverDate = value['server_date'] === null || value['server_date'] === undefined ? null : time(value['server_date'], 'its server time');
		return {ok: true, journal: {baseUrl: expected.baseUrl, key, savedAt: time(value['saved_at'], 'its time'), serverDate, records}};
	} catch (error) {
		if (error instanceof Refused) return {ok: false, problem: error.problem, detail: error.message};
		throw error;
	}
}
