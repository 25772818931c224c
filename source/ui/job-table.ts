// The job screen's table: one row per batch (short id, status, a small bar, done/total, failed,
// cost, started, duration or ETA; and once the job holds a resubmitted batch, where each came from,
// `↻ from b_…`), only the rows that fit around the selection, the columns giving way on a narrow
// terminal (started, then the link, then the bar, then cost; a status word takes its short form
// before it is cut). A batch whose figures are stale (its reads fail) is marked `!`
// and dimmed. Pure.
import type {Batch} from '../api/types.js';
import {displayWidth, durationBetween, fit, formatClock, formatDuration, parseTimestamp, progressBar, truncate} from '../lib/format.js';
import {batchPhase, batchTimeLeft, failedCount, isEntryStale, type JobEntry} from '../lib/job-rows.js';
import {formatMoney} from '../lib/money.js';
import {sanitize} from '../lib/sanitize.js';
import {statusColor, statusLabel, statusShortLabel, statusSymbol} from '../lib/status.js';
import {summarizeBatch} from '../lib/summary.js';
import {windowStart} from './layout.js';

export type JobColumn = 'id' | 'status' | 'bar' | 'done' | 'failed' | 'cost' | 'started' | 'time' | 'from';

export interface JobCell {
	key: JobColumn;
	text: string;
	color: string | undefined;
}

export interface JobRow {
	key: string;
	selected: boolean;
	/** '› ' selected, '  ' not; '›!' / ' !' when its figures are stale. */
	marker: string;
	/** Its last read failed and it can still change: drawn dimmed, marked '!'. */
	stale: boolean;
	cells: JobCell[];
}

export interface JobTableView {
	heading: string;
	rows: JobRow[];
	/** 'batch 3 of 40 · filter: running (12)'. */
	footLine: string;
	placeholder: string | null;
}

const WIDTH: Readonly<Record<JobColumn, number>> = {id: 20, status: 11, bar: 10, done: 9, failed: 6, cost: 10, started: 8, time: 10, from: 20};
const TITLE: Readonly<Record<JobColumn, string>> = {
	id: 'batch', status: 'status', bar: 'progress', done: 'done', failed: 'failed', cost: 'cost', started: 'started', time: 'time', from: 'resubmitted',
};
const RIGHT = new Set<JobColumn>(['done', 'failed', 'cost', 'time']);
/** What gives way first on a narrow terminal (the link before all of these: jobColumns). */
const GIVE_WAY: readonly JobColumn[] = ['started', 'bar', 'cost'];
const BASE: readonly JobColumn[] = ['id', 'status', 'bar', 'done', 'failed', 'cost', 'started', 'time'];
/** With the link of a resubmitted batch to its source (shown once the job holds one). */
const LINKED: readonly JobColumn[] = [...BASE, 'from'];
const MIN_ID = 10;

/** The status column's width when the terminal has room for the longest word ('◑ partial succeeded'). */
const WIDE_STATUS = 19;

/**
 * The columns that fit `columns` (a marker and a space between cells), the id column's width and
 * the status column's; `links`: the job holds a resubmitted batch.
 */
export function jobColumns(columns: number, links = false): {shown: JobColumn[]; idWidth: number; statusWidth: number} {
	const width = (list: readonly JobColumn[], id: number) => 2 + list.reduce((sum, key) => sum + (key === 'id' ? id : WIDTH[key]) + 1, 0);
	// The link only where the ids keep their width: before it goes, the start time does.
	const linked = [LINKED, LINKED.filter((key) => key !== 'started')].find((list) => width(list, WIDTH.id) <= columns);
	const ALL = links && linked ? linked : BASE;
	let shown = [...ALL];
	for (const drop of GIVE_WAY) {
		if (width(shown, MIN_ID) <= columns) break;
		shown = shown.filter((key) => key !== drop);
	}

	// The status words whole once the id column has its own width.
	const statusWidth = shown.length === ALL.length && width(shown, WIDTH.id) + WIDE_STATUS - WIDTH.status <= columns ? WIDE_STATUS : WIDTH.status;
	const idWidth = Math.max(MIN_ID, Math.min(WIDTH.id + 8, columns - width(shown, 0) - (statusWidth - WIDTH.status)));
	return {shown, idWidth, statusWidth};
}

/** 'symbol word': the whole word when it fits `width`, else its short form ('◑ partial'), else cut. */
function statusWord(entry: JobEntry, width: number): {text: string; color: string | undefined} {
	const phase = batchPhase(entry);
	if (phase === 'missing') return {text: '? not found', color: 'red'};
	if (phase === 'unread') return {text: entry.error ? '! unread' : '… reading', color: entry.error ? 'yellow' : 'gray'};
	const status = entry.batch!.status_code;
	const word = phase === 'finished' ? status : phase;
	const whole = statusLabel(word);
	const label = displayWidth(whole) + 2 <= width ? whole : statusShortLabel(word);
	return {text: `${statusSymbol(word)} ${sanitize(label, {maxColumns: width - 2})}`, color: statusColor(word)};
}

/** Duration of a finished batch, or an estimate of what is left of a running one ('~4m'), from its own times. */
function timeText(batch: Batch, finished: number, total: number, serverNow: number | null): string {
	if (finished >= total && total > 0) {
		const took = batch.duration_ms ?? durationBetween(batch.started_at ?? batch.created_at, batch.completed_at, serverNow ?? Date.now());
		return took === null || took === undefined ? '—' : formatDuration(took);
	}

	const left = batchTimeLeft(batch, finished, total, serverNow);
	return left === null ? '—' : `~${formatDuration(left)}`;
}

function cellsOf(entry: JobEntry, shown: readonly JobColumn[], idWidth: number, statusWidth: number, serverNow: number | null): JobCell[] {
	const {batch} = entry;
	const summary = batch ? entry.summary ?? summarizeBatch(batch) : null;
	const status = statusWord(entry, statusWidth);
	const failed = failedCount(batch);
	const started = parseTimestamp(batch?.started_at ?? null);
	const texts: Record<JobColumn, {text: string; color?: string | undefined}> = {
		id: {text: truncate(sanitize(entry.id, {maxColumns: 200}), idWidth)},
		status,
		bar: {text: summary ? progressBar(summary.fraction, WIDTH.bar) : '', color: 'cyan'},
		done: {text: summary ? `${summary.finished}/${summary.total}` : ''},
		failed: {text: summary ? String(failed) : '', color: failed > 0 ? 'red' : undefined},
		cost: {text: summary ? formatMoney(summary.cost) : ''},
		started: {text: started === null ? '—' : formatClock(started)},
		time: {text: batch && summary ? timeText(batch, summary.finished, summary.total, serverNow) : ''},
		from: {text: entry.from ? `↻ from ${sanitize(entry.from, {maxColumns: 200})}` : '', color: 'cyan'},
	};
	return shown.map((key) => {
		const width = key === 'id' ? idWidth : key === 'status' ? statusWidth : WIDTH[key];
		return {key, text: ` ${fit(texts[key].text, width, RIGHT.has(key) ? 'right' : 'left')}`, color: texts[key].color};
	});
}

/** The heading's text for the columns shown. */
export function jobHeading(shown: readonly JobColumn[], idWidth: number, statusWidth: number = WIDTH.status): string {
	return `  ${shown.map((key) => ` ${fit(TITLE[key], key === 'id' ? idWidth : key === 'status' ? statusWidth : WIDTH[key], RIGHT.has(key) ? 'right' : 'left')}`).join('')}`;
}

export function jobTableView(ids: readonly string[], batches: Readonly<Record<string, JobEntry>>, selectedId: string | null, columns: number, visible: number, serverNow: number | null, filterWords: string): JobTableView {
	const {shown, idWidth, statusWidth} = jobColumns(columns, ids.some((id) => batches[id]?.from !== undefined));
	const selected = Math.max(0, selectedId === null ? 0 : ids.indexOf(selectedId));
	const start = windowStart(selected, ids.length, visible);
	const rows = ids.slice(start, start + visible).map((id, i) => {
		const isSelected = start + i === selected;
		const entry = batches[id]!;
		const stale = isEntryStale(entry);
		return {key: id, selected: isSelected, marker: `${isSelected ? '›' : ' '}${stale ? '!' : ' '}`, stale, cells: cellsOf(entry, shown, idWidth, statusWidth, serverNow)};
	});
	const position = ids.length === 0 ? 'no batch' : `batch ${selected + 1} of ${ids.length}`;
	return {
		heading: jobHeading(shown, idWidth, statusWidth),
		rows,
		footLine: `  ${position}${filterWords}`,
		placeholder: ids.length === 0 ? (!filterWords.includes('filter:') ? 'no batches yet' : 'no batch matches the filter (s changes it)') : null,
	};
}
