// The job screen's table: one row per batch, its columns declared once (ui/table-layout.ts's
// TableColumn): short id, status, a small bar, done/total, failed, cost, started, duration or ETA,
// and where a resubmitted batch came from (`↻ from b_…`, only while a row on screen has one).
// On a narrow terminal a status word takes its short form (below 102 columns), then the link
// goes, then the id shrinks, then started, the bar and cost give way. A batch whose figures are stale (its reads
// fail) is marked `!` and dimmed. Pure.
import type {Batch} from '../api/types.js';
import {formatClock, formatDuration, progressBar} from '../lib/format.js';
import {durationBetween, parseTimestamp} from '../lib/timestamps.js';
import {batchPhase, batchTimeLeft, failedCount, isEntryStale, type JobEntry} from '../lib/job-rows.js';
import {formatMoney} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {statusColor, statusLabel, statusShortLabel, statusSymbol} from '../lib/status.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import {memoLast} from './memo.js';
import {layoutTable, type TableColumn, type TableSpec, type TableView} from './table-layout.js';

export type JobColumn = 'id' | 'status' | 'bar' | 'done' | 'failed' | 'cost' | 'started' | 'time' | 'from';

/** What a batch's cells need beyond it: the server's clock (its last Date), for the time left. */
export interface JobContext {
	serverNow: number | null;
}

const BAR = 10;

const summaryOf = (entry: JobEntry): BatchSummary | null => (entry.batch ? (entry.summary ?? summarizeBatch(entry.batch)) : null);

interface StatusWord {
	word: string | null;
	text: string;
	color: string | undefined;
}

/** The word a batch's status column says: not found, not read yet, else its phase (its own status once finished). */
function wordOf(entry: JobEntry): StatusWord {
	const phase = batchPhase(entry);
	if (phase === 'missing') return {word: null, text: '? not found', color: 'red'};
	if (phase === 'unread') return {word: null, text: entry.error ? '! unread' : '… reading', color: entry.error ? 'yellow' : 'gray'};
	const word = phase === 'finished' ? entry.batch!.status_code : phase;
	return {word, text: `${statusSymbol(word)} ${statusLabel(word)}`, color: statusColor(word)};
}

/** What more than one cell of a batch's row asks for, on every frame. */
interface Facts {
	status: StatusWord;
	failed: number;
}

// Worked out once per entry (a read replaces the entry, and with it these).
const facts = new WeakMap<JobEntry, Facts>();

function factsOf(entry: JobEntry): Facts {
	let known = facts.get(entry);
	if (!known) {
		known = {status: wordOf(entry), failed: failedCount(entry.batch)};
		facts.set(entry, known);
	}

	return known;
}

/** Duration of a finished batch, or an estimate of what is left of a running one ('~4m'), from its own times ('' before it is read). */
function timeText(entry: JobEntry, serverNow: number | null): string {
	const {batch} = entry;
	const summary = summaryOf(entry);
	if (!batch || !summary) return '';
	const {finished, total} = summary;
	if (finished >= total && total > 0) {
		const took = batch.duration_ms ?? durationBetween(batch.started_at ?? batch.created_at, batch.completed_at, serverNow ?? Date.now());
		return took === null || took === undefined ? '—' : formatDuration(took);
	}

	const left = batchTimeLeft(batch, finished, total, serverNow);
	return left === null ? '—' : `~${formatDuration(left)}`;
}

/** When it started, as a time of day ('—' before). */
function startedText(entry: JobEntry): string {
	const started = parseTimestamp(entry.batch?.started_at ?? null);
	return started === null ? '—' : formatClock(started);
}

/** A text shown once the batch was read ('' before). */
const read = (show: (summary: BatchSummary) => string) => (entry: JobEntry) => {
	const summary = summaryOf(entry);
	return summary ? show(summary) : '';
};

const COLUMNS: ReadonlyArray<TableColumn<JobEntry, JobContext, JobColumn>> = [
	// The id takes the room left, up to 28 columns.
	{key: 'id', title: 'batch', text: (entry) => sanitize(entry.id, {maxColumns: 200}), align: 'left', ideal: 21, min: 11, fillTo: 29},
	// The whole word ('◑ partial succeeded') when the terminal has room for it, else its short form ('◑ partial').
	{
		key: 'status',
		title: 'status',
		text: (entry) => factsOf(entry).status.text,
		short: (entry) => {
			const {word, text} = factsOf(entry).status;
			return word === null ? text : `${statusSymbol(word)} ${statusShortLabel(word)}`;
		},
		color: (entry) => factsOf(entry).status.color,
		align: 'left',
		ideal: 20,
		min: 12,
	},
	{key: 'bar', title: 'progress', text: read((summary) => progressBar(summary.fraction, BAR)), color: () => 'cyan', align: 'left', ideal: BAR + 1},
	{key: 'done', title: 'done', text: read((summary) => `${summary.finished}/${summary.total}`), align: 'right', ideal: 10},
	{
		key: 'failed',
		title: 'failed',
		text: (entry) => (summaryOf(entry) ? String(factsOf(entry).failed) : ''),
		color: (entry) => (factsOf(entry).failed > 0 ? 'red' : undefined),
		align: 'right',
		ideal: 7,
	},
	{key: 'cost', title: 'cost', text: read((summary) => formatMoney(summary.cost)), align: 'right', ideal: 11},
	{key: 'started', title: 'started', text: startedText, align: 'left', ideal: 9},
	{key: 'time', title: 'time', text: (entry, context) => timeText(entry, context.serverNow), align: 'right', ideal: 11},
	// The batch its items were resubmitted from (`R`, or its metadata when read).
	{
		key: 'from',
		title: 'resubmitted',
		text: (entry) => (entry.from ? `↻ from ${sanitize(entry.from, {maxColumns: 200})}` : ''),
		color: () => 'cyan',
		align: 'left',
		ideal: (widest) => Math.min(widest, 26) + 1,
		omitWhenEmpty: true,
	},
];

/**
 * Below 102 columns the status words take their short form, then the link goes, the id shrinks, then started,
 * the bar and cost go; the id takes what is left.
 */
export const JOB_TABLE: TableSpec<JobEntry, JobContext, JobColumn> = {
	columns: COLUMNS,
	giveWay: [
		['status', 'short'],
		['from', 'drop'],
		['id', 'min'],
		['started', 'drop'],
		['bar', 'drop'],
		['cost', 'drop'],
	],
	fill: ['id'],
	gap: 'before',
	key: (entry) => entry.id,
	flag: isEntryStale,
};

/** The rows' batches, worked out again only when the rows or the batches change (not on a key). */
const entriesOf = memoLast((ids: readonly string[], batches: Readonly<Record<string, JobEntry>>): JobEntry[] => ids.map((id) => batches[id]!));

export function jobTableView(
	ids: readonly string[],
	batches: Readonly<Record<string, JobEntry>>,
	selectedId: string | null,
	columns: number,
	visible: number,
	serverNow: number | null,
	filterWords: string,
	/** The keys that change the filter (`s`), for the words of an empty filtered table. */
	filterKeys = 's',
): TableView {
	const selected = Math.max(0, selectedId === null ? 0 : ids.indexOf(selectedId));
	const position = ids.length === 0 ? 'no batch' : `batch ${selected + 1} of ${ids.length}`;
	return layoutTable(JOB_TABLE, {
		rows: entriesOf(ids, batches),
		selected,
		columns,
		visible,
		context: {serverNow},
		placeholder: ids.length === 0 ? (!filterWords.includes('filter:') ? 'no batches yet' : `no batch matches the filter (${filterKeys} changes it)`) : null,
		foot: `  ${position}${filterWords}`,
		keepHeight: true,
	});
}
