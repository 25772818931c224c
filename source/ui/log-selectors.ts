// The run view's derived data (selectors.ts re-exports it): the header (run-selectors.ts), the
// log rows that fit (a multi-line message is several rows; with wrap on a long line is too),
// the search's hits, and the status line. Rows are built only for the lines on screen.
import type {LogLine} from '../api/types.js';
import {fit, formatClock, formatCount} from '../lib/format.js';
import {parseTimestamp} from '../lib/timestamps.js';
import {findHits, splitMatches, type TextPart} from '../lib/log-search.js';
import {sanitize, sanitizeLines} from '../lib/sanitize.js';
import {wrapText} from '../lib/wrap.js';
import {canLoadOlder} from '../store/logs.js';
import {MAX_LOG_LINES, type LogPrefs, type LogSearch, type LogsState} from '../store/run-state.js';
import {findHeldItem, type AppState} from '../store/state.js';
import {Command, keysFor, letterFor} from './keymap.js';
import type {Size} from './layout.js';
import {LOGS} from './screens/logs.js';
import {memoLast} from './memo.js';
import {selectRunHeader, type HeaderRow} from './run-selectors.js';

export interface LogRow {
	key: string;
	/** '›' on the current hit's rows, '*' on other hits' first row, else ' '. */
	gutter: string;
	/** 'HH:MM:SS ' on a line's first row, blanks on the rows that continue it; '' with timestamps off. */
	time: string;
	/** The level word padded ('warning '), blanks on continuation rows. */
	level: string;
	levelColor: string | undefined;
	/** The text, the search's matches marked. */
	parts: TextPart[];
	hit: 'current' | 'other' | null;
}

export interface LogView {
	header: HeaderRow[];
	rows: LogRow[];
	/** 'this item has not started a run yet', 'loading logs…', 'no log lines yet'. */
	placeholder: string | null;
	error: string | null;
	status: string;
}

const GUTTER_WIDTH = 1;
const TIME_WIDTH = 9;
const LEVEL_WIDTH = 8;
/** Rows one log line takes at most (a 100 KB line wrapped would take hundreds). */
export const MAX_ROWS_PER_LINE = 50;

export function levelColor(level: string): string | undefined {
	const word = level.trim().toLowerCase();
	if (word === 'error' || word === 'fatal' || word === 'critical' || word === 'err') return 'red';
	if (word === 'warning' || word === 'warn') return 'yellow';
	if (word === 'debug' || word === 'trace') return 'gray';
	return undefined;
}

// A line's rows depend only on the line, the width and wrap: cached per line object.
const rowCache = new WeakMap<LogLine, {width: number; wrap: boolean; rows: string[]}>();

/** A log line's message as rows of at most `width` columns: one per line of the message, or more with wrap. */
export function messageRows(line: LogLine, width: number, wrap = false): string[] {
	const cached = rowCache.get(line);
	if (cached && cached.width === width && cached.wrap === wrap) return cached.rows;
	let rows: string[];
	if (wrap) {
		const lines = sanitizeLines(line.message, {maxColumns: width * MAX_ROWS_PER_LINE, maxLines: MAX_ROWS_PER_LINE});
		rows = [];
		for (const text of lines) {
			if (rows.length >= MAX_ROWS_PER_LINE) break;
			rows.push(...wrapText(text, width, MAX_ROWS_PER_LINE - rows.length));
		}
	} else {
		rows = sanitizeLines(line.message, {maxColumns: width, maxLines: MAX_ROWS_PER_LINE});
	}

	const result = rows.length === 0 ? [''] : rows;
	rowCache.set(line, {width, wrap, rows: result});
	return result;
}

export function textWidth(columns: number, prefs: LogPrefs): number {
	return Math.max(1, columns - GUTTER_WIDTH - (prefs.timestamps ? TIME_WIDTH : 0) - LEVEL_WIDTH);
}

interface Context {
	width: number;
	prefs: LogPrefs;
	query: string;
	hits: ReadonlySet<number>;
	current: number;
}

function toRows(line: LogLine, index: number, context: Context): LogRow[] {
	const {prefs, query} = context;
	const level = sanitize(line.level_code, {maxColumns: LEVEL_WIDTH - 1});
	const color = levelColor(level);
	const hit = index === context.current ? 'current' : context.hits.has(index) ? 'other' : null;
	const time = prefs.timestamps ? fit(formatClock(parseTimestamp(line.timestamp) ?? Number.NaN), TIME_WIDTH) : '';
	return messageRows(line, context.width, prefs.wrap).map((text, i) => ({
		key: `${line.id}:${i}`,
		gutter: hit === 'current' ? '›' : hit === 'other' && i === 0 ? '*' : ' ',
		time: i === 0 ? time : ' '.repeat(time.length),
		level: i === 0 ? fit(level, LEVEL_WIDTH) : ' '.repeat(LEVEL_WIDTH),
		levelColor: color,
		parts: hit === null ? [{text, match: false}] : splitMatches(text, query),
		hit,
	}));
}

interface Window {
	rows: LogRow[];
	firstLine: number;
	lastLine: number;
}

/** The rows of lines `end − 1`, `end − 2`, … until `visible` rows are filled (or line 0), bottom-aligned. */
function rowsUpTo(lines: readonly LogLine[], end: number, visible: number, context: Context): Window {
	const chunks: LogRow[][] = [];
	let count = 0;
	let first = end;
	while (first > 0 && count < visible) {
		first--;
		const rows = toRows(lines[first]!, first, context);
		chunks.unshift(rows);
		count += rows.length;
	}

	const rows = chunks.flat();
	return {rows: rows.slice(Math.max(0, rows.length - visible)), firstLine: first, lastLine: end - 1};
}

/**
 * Following: the last rows that fit, walking back from the end. Scrolled: from line `top` on;
 * when the lines run out before the screen does, the window starts higher so it stays full.
 */
function windowRows(lines: readonly LogLine[], scroll: number | null, visible: number, context: Context): Window {
	if (lines.length === 0) return {rows: [], firstLine: 0, lastLine: -1};
	if (scroll === null) return rowsUpTo(lines, lines.length, visible, context);
	const top = Math.max(0, Math.min(scroll, lines.length - 1));
	const rows: LogRow[] = [];
	let last = top - 1;
	while (last + 1 < lines.length && rows.length < visible) {
		last++;
		rows.push(...toRows(lines[last]!, last, context));
	}

	if (rows.length < visible && top > 0) return rowsUpTo(lines, lines.length, visible, context);
	return {rows: rows.slice(0, visible), firstLine: top, lastLine: last};
}

/** The shown run's item among the held pages: scanned again only when the pages or the item change (not on every key). */
const heldItem = memoLast(findHeldItem);

function searchWords(search: LogSearch, lines: number, hits: readonly number[], current: number): string {
	if (search.query === '' || lines === 0) return '';
	if (hits.length === 0) return ` · no hits for "${search.query}"`;
	const at = hits.indexOf(current);
	return at === -1 ? ` · ${hits.length} ${hits.length === 1 ? 'hit' : 'hits'}` : ` · hit ${at + 1} of ${hits.length}`;
}

export function logStatusLine(logs: LogsState, window: Window, hitWords = ''): string {
	const {lines} = logs;
	const where = logs.scroll === null ? 'following' : `paused at line ${window.firstLine + 1}`;
	const range = lines.length === 0 ? 'no lines yet' : `lines ${window.firstLine + 1}–${window.lastLine + 1} of ${lines.length}`;
	let dropped = '';
	if (logs.dropped > 0) dropped += ` · ${formatCount(logs.dropped)} older lines dropped (${formatCount(MAX_LOG_LINES)} max)`;
	if (logs.droppedNewer > 0) dropped += ` · ${formatCount(logs.droppedNewer)} newer lines dropped (${keysFor(LOGS, Command.Follow)} reloads them)`;
	let top = '';
	if (lines.length > 0 && window.firstLine === 0) {
		if (logs.olderWanted > 0) top = ' · loading older lines…';
		else if (logs.fetch.olderSource === 'start') top = ' · start of the log';
		else if (canLoadOlder(logs)) top = ` · ${letterFor(LOGS, Command.MoveUp)}: older lines`;
	}

	const notice = logs.notice === null ? '' : `${logs.notice} · `;
	return `${notice}${range} · ${where}${hitWords}${dropped}${top}`;
}

/** Rows left for log lines: the frame (rows − 1) less the app's header, the run's header, [error], status, footer. */
export function logRowsLeft(size: Size, headerRows: number, hasError: boolean): number {
	return Math.max(1, size.rows - 1 - 3 - headerRows - (hasError ? 1 : 0));
}

const hitsOf = memoLast((lines: LogLine[], query: string): number[] => findHits(lines, query));

const logView = memoLast((logs: LogsState, header: HeaderRow[], prefs: LogPrefs, search: LogSearch, columns: number, visible: number): LogView => {
	const hits = hitsOf(logs.lines, search.query);
	const current = search.hitId === null ? -1 : logs.lines.findIndex((line) => line.id === search.hitId);
	const context: Context = {width: textWidth(columns, prefs), prefs, query: search.query, hits: new Set(hits), current};
	let placeholder: string | null = null;
	if (logs.runId === null || logs.runMissing) placeholder = 'this item has not started a run yet';
	else if (!logs.loaded && logs.lines.length === 0) placeholder = 'loading logs…';
	else if (logs.lines.length === 0) placeholder = 'no log lines yet';
	// The placeholder takes a row.
	const window = windowRows(logs.lines, logs.scroll, Math.max(1, visible - (placeholder === null ? 0 : 1)), context);
	return {
		header,
		rows: window.rows,
		placeholder,
		error: logs.error ? sanitize(logs.error, {maxColumns: 300}) : null,
		status: logStatusLine(logs, window, searchWords(search, logs.lines.length, hits, current)),
	};
});

function headerOf(state: AppState, logs: LogsState, size: Size): HeaderRow[] {
	return selectRunHeader(logs, heldItem(state.list.pages, logs.itemId), size.columns, size.rows, state.changedAt ?? 0);
}

/** How many log rows the run view shows (for scrolling by a screen). */
export function selectLogBodyRows(state: AppState, size: Size): number {
	const {logs} = state;
	if (!logs) return 1;
	return logRowsLeft(size, headerOf(state, logs, size).length, logs.error !== null);
}

export function selectLogView(state: AppState, size: Size): LogView | null {
	const {logs} = state;
	if (!logs) return null;
	const header = headerOf(state, logs, size);
	return logView(logs, header, state.logPrefs, state.logSearch, size.columns, logRowsLeft(size, header.length, logs.error !== null));
}

/** The search being typed ('/text'), shown instead of the status line while the search prompt is open; null when closed. */
export function selectSearchPrompt(state: AppState): string | null {
	const {prompt} = state.logSearch;
	return prompt === null ? null : `/${sanitize(prompt, {maxColumns: 200})}`;
}
