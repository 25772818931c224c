// The log view's derived data (part of selectors.ts, which re-exports it): the run title,
// the rows that fit (a multi-line message is several rows), and the status line.
import type {BatchItem, LogLine} from '../api/types.js';
import {fit, formatClock, parseTimestamp} from '../lib/format.js';
import {sanitize, sanitizeLines} from '../lib/sanitize.js';
import {statusLabel, statusSymbol} from '../lib/status.js';
import type {AppState, LogsState, PageEntry} from '../store/state.js';
import {logBodyRows, type Size} from './layout.js';
import {memoLast} from './memo.js';

export interface LogRow {
	key: string;
	/** 'HH:MM:SS ' on a line's first row, blanks on the rows that continue it. */
	time: string;
	/** The level word padded ('warning '), blanks on continuation rows. */
	level: string;
	levelColor: string | undefined;
	text: string;
}

export interface LogView {
	title: string;
	rows: LogRow[];
	/** 'this item has not started a run yet', 'loading logs…', 'no log lines yet'. */
	placeholder: string | null;
	error: string | null;
	status: string;
}

const TIME_WIDTH = 9;
const LEVEL_WIDTH = 8;
const MAX_ROWS_PER_LINE = 50;

export function levelColor(level: string): string | undefined {
	const word = level.trim().toLowerCase();
	if (word === 'error' || word === 'fatal' || word === 'critical' || word === 'err') return 'red';
	if (word === 'warning' || word === 'warn') return 'yellow';
	if (word === 'debug' || word === 'trace') return 'gray';
	return undefined;
}

// A line's rows depend only on the line and the width: cached per line object.
const rowCache = new WeakMap<LogLine, {width: number; rows: string[]}>();

/** A log line's message as rows of at most `width` columns (one per line of the message). */
export function messageRows(line: LogLine, width: number): string[] {
	const cached = rowCache.get(line);
	if (cached && cached.width === width) return cached.rows;
	const rows = sanitizeLines(line.message, {maxColumns: width, maxLines: MAX_ROWS_PER_LINE});
	const result = rows.length === 0 ? [''] : rows;
	rowCache.set(line, {width, rows: result});
	return result;
}

function toRows(line: LogLine, index: number, width: number): LogRow[] {
	const at = parseTimestamp(line.timestamp);
	const level = sanitize(line.level_code, {maxColumns: LEVEL_WIDTH - 1});
	const color = levelColor(level);
	return messageRows(line, width).map((text, i) => ({
		key: `${index}:${i}`,
		time: i === 0 ? fit(formatClock(at ?? Number.NaN), TIME_WIDTH) : ' '.repeat(TIME_WIDTH),
		level: i === 0 ? fit(level, LEVEL_WIDTH) : ' '.repeat(LEVEL_WIDTH),
		levelColor: color,
		text,
	}));
}

interface Window {
	rows: LogRow[];
	firstLine: number;
	lastLine: number;
}

/** Following: the last rows that fit, walking back from the end. Scrolled: from line `top` on. */
function windowRows(lines: readonly LogLine[], scroll: number | null, visible: number, width: number): Window {
	if (lines.length === 0) return {rows: [], firstLine: 0, lastLine: -1};
	if (scroll === null) {
		const chunks: LogRow[][] = [];
		let count = 0;
		let first = lines.length;
		while (first > 0 && count < visible) {
			first--;
			const rows = toRows(lines[first]!, first, width);
			chunks.unshift(rows);
			count += rows.length;
		}

		const rows = chunks.flat();
		return {rows: rows.slice(Math.max(0, rows.length - visible)), firstLine: first, lastLine: lines.length - 1};
	}

	const top = Math.max(0, Math.min(scroll, lines.length - 1));
	const rows: LogRow[] = [];
	let last = top - 1;
	while (last + 1 < lines.length && rows.length < visible) {
		last++;
		rows.push(...toRows(lines[last]!, last, width));
	}

	return {rows: rows.slice(0, visible), firstLine: top, lastLine: last};
}

function findItem(pages: Map<string, PageEntry>, itemId: string): BatchItem | undefined {
	for (const page of pages.values()) {
		const item = page.items.find((i) => i.id === itemId);
		if (item) return item;
	}

	return undefined;
}

export function logStatusLine(logs: LogsState, window: Window): string {
	const {lines} = logs;
	const where = logs.scroll === null ? 'following' : `paused at line ${logs.scroll + 1}`;
	const range = lines.length === 0 ? 'no lines yet' : `lines ${window.firstLine + 1}–${window.lastLine + 1} of ${lines.length}`;
	const dropped = logs.dropped > 0 ? ` (${logs.dropped} older lines dropped)` : '';
	return `${range} · ${where}${dropped}`;
}

const logView = memoLast((logs: LogsState, item: BatchItem | undefined, columns: number, visible: number): LogView => {
	const status = item?.status_code;
	const ref = item?.client_ref ? ` ${sanitize(item.client_ref, {maxColumns: 60})}` : '';
	const run = logs.runId === null ? 'no run' : `run ${sanitize(logs.runId, {maxColumns: 60})}`;
	const title = `${run} · item #${logs.sequenceIndex}${ref}${status === undefined ? '' : ` · ${statusSymbol(status)} ${statusLabel(status)}`}`;
	const window = windowRows(logs.lines, logs.scroll, visible, Math.max(1, columns - TIME_WIDTH - LEVEL_WIDTH));
	let placeholder: string | null = null;
	if (logs.runId === null) placeholder = 'this item has not started a run yet';
	else if (!logs.loaded && logs.lines.length === 0) placeholder = 'loading logs…';
	else if (logs.lines.length === 0) placeholder = 'no log lines yet';
	return {
		title,
		rows: window.rows,
		placeholder,
		error: logs.error ? sanitize(logs.error, {maxColumns: 300}) : null,
		status: logStatusLine(logs, window),
	};
});

export function selectLogView(state: AppState, size: Size): LogView | null {
	const {logs} = state;
	if (!logs) return null;
	return logView(logs, findItem(state.list.pages, logs.itemId), size.columns, logBodyRows(size, logs.error !== null));
}
