// Everything the screen shows, derived from AppState by pure functions. Components render
// these and nothing else. Untrusted text is sanitized here; widths are applied here.
// Heavy results are memoized on their inputs' identities, so an unchanged store gives back
// the very same objects (and the components do not re-render).
import {displayWidth, fit, truncate} from '../lib/format.js';
import {sanitize} from '../lib/sanitize.js';
import {currentPage, type AppState, type PageEntry} from '../store/state.js';
import {Command, footerWords, helpHints, keysFor, type Keys} from './keymap.js';
import {refusalText, saidText} from './said.js';
import {LIST} from './screens/list.js';
import {ITEM_TABLE, type RowContext} from './item-columns.js';
import {selectRowContext} from './glance-selectors.js';
import {helpBodyRows, listTableRows, type Size} from './layout.js';
import {memoLast} from './memo.js';
import {selectJournalAlert} from './journal-selectors.js';
import {selectResubmitAlert} from './resubmit-alert.js';
import {layoutTable, type TableView} from './table-layout.js';
import {selectCountLines} from './summary-selectors.js';
import {pageRange} from './order-selectors.js';
import {builtHereNote, filteredPageLine, hasFailureLine, selectTriageMessage} from './triage-selectors.js';
import {jobAlertText, selectJobHealth} from './job-selectors.js';

export {connectionText, selectHeader, type HeaderView} from './header-selectors.js';
export {selectLogView, type LogView, type LogRow} from './log-selectors.js';
export {statusText} from '../lib/status.js';
export {itemDuration, itemFailure} from './item-columns.js';
export {layoutCounts, selectCountLines, selectSummary, selectSummaryView, type CountCell, type SummaryView} from './summary-selectors.js';

// ── the alert line ────────────────────────────────────────────────────────────

export interface AlertView {
	text: string | null;
	color: string | undefined;
}

const onJobScreen = (state: AppState) => state.view === 'job' && state.job !== null;

/**
 * A triage message, else a restart's digest, else `R`'s creates under way or what came of them,
 * else state.notice, else a page the server refused, else the connection's error while retrying
 * or halted, else nothing. On the job screen, the batch whose reads fail,
 * named, and how many batches are stale (the connection only once it stopped: it is the last
 * read's, of whichever batch).
 */
export function selectAlert(state: AppState): AlertView {
	const triage = selectTriageMessage(state);
	if (triage !== null) return {text: triage, color: 'cyan'};
	// A restart: what changed while away, or a journal set aside (until a key).
	const journal = selectJournalAlert(state);
	if (journal !== null) return journal;
	const resubmit = selectResubmitAlert(state);
	if (resubmit !== null) return resubmit;
	if (state.notice) return {text: sanitize(saidText(state.notice), {maxColumns: 300}), color: 'yellow'};
	if (state.pageRefusal) return {text: sanitize(refusalText(state.pageRefusal), {maxColumns: 300}), color: 'yellow'};
	const {connection} = state;
	if (onJobScreen(state) && connection.status !== 'halted') {
		const text = jobAlertText(selectJobHealth(state));
		return {text, color: text === null ? undefined : 'yellow'};
	}

	if (connection.error && (connection.status === 'retrying' || connection.status === 'halted')) {
		return {text: sanitize(connection.error, {maxColumns: 300}), color: connection.status === 'halted' ? 'red' : 'yellow'};
	}

	return {text: null, color: undefined};
}

/**
 * Polls are failing (or stopped, or the one under way is overdue) and data is on screen: it is
 * shown dimmed. On the job screen: stopped, or some batch that can still change is stale.
 */
export function selectStale(state: AppState): boolean {
	const {status, lastSuccessAt, overdue} = state.connection;
	if (onJobScreen(state)) return selectJobHalted(state) || (selectJobHealth(state)?.stale.length ?? 0) > 0;
	return lastSuccessAt !== null && (status === 'retrying' || status === 'halted' || overdue);
}

/** A job whose reads stopped (key rejected): every batch's figures are stale. */
export function selectJobHalted(state: AppState): boolean {
	return state.connection.status === 'halted' && state.connection.lastSuccessAt !== null;
}

export function hasAlert(state: AppState): boolean {
	return selectAlert(state).text !== null;
}

// ── the item table ────────────────────────────────────────────────────────────

const SELECT_KEYS = keysFor(LIST, Command.MoveUp, Command.MoveDown);
const PAGE_KEYS = keysFor(LIST, Command.NextPage, Command.PreviousPage);

/** 'page 2 · items #50–#99 of 120 · ↑↓/jk select · n/p page' ('rows 51–100' in a server's order: positions, not numbers). */
export function pageLine(state: AppState, page: PageEntry | undefined): string {
	const total = state.batch ? String(state.batch.items_total) : '?';
	const range = pageRange(state, page, total);
	if (state.list.statusFilter !== 'all' || state.list.textFilter !== '') return filteredPageLine(state, page, `${SELECT_KEYS} select · ${PAGE_KEYS} page`);
	// '(last)' once the page is here and has no next: not while it loads.
	const more = page && !page.next && state.list.trail.length > 0 ? ' (last)' : '';
	return `page ${state.list.trail.length + 1}${more} · ${range}${builtHereNote(state)} · ${SELECT_KEYS} select · ${PAGE_KEYS} page`;
}

const tableView = memoLast(
	(page: PageEntry | undefined, selected: number, columns: number, visible: number, now: number, line: string, context: RowContext): TableView =>
		layoutTable(ITEM_TABLE, {
			rows: page?.items ?? [],
			selected,
			columns,
			visible,
			context: {...context, now},
			placeholder: page ? (page.items.length === 0 ? 'no items on this page' : null) : 'loading…',
			foot: line,
		}),
);

/** How many item rows the list view has room for (it loses one per extra line above the table). */
export function selectListRows(state: AppState, size: Size): number {
	return listTableRows(size, {alert: hasAlert(state), failures: hasFailureLine(state), countLines: selectCountLines(state, size.columns), glanceLine: true});
}

/** The rows that fit, around the selection. Running items' durations run to changedAt (data time, not a clock). */
export function selectTable(state: AppState, size: Size): TableView {
	const page = currentPage(state);
	const visible = selectListRows(state, size);
	const now = state.changedAt ?? 0;
	return tableView(page, state.list.selected, size.columns, visible, now, pageLine(state, page), selectRowContext(state));
}

// ── footer and help ───────────────────────────────────────────────────────────

/**
 * 'keys description' pairs of a screen, two spaces apart: '↑↓/jk move  n/p page  …'. When they do
 * not fit `columns`, entries go from the right, except the last two (help and quit), which say the rest.
 */
export function footerText(keys: Keys, columns = Number.POSITIVE_INFINITY, job = false): string {
	const entries = footerWords(keys, job);
	while (entries.length > 2 && displayWidth(entries.join('  ')) > columns) entries.splice(-3, 1);
	return entries.join('  ');
}

export interface HelpLine {
	key: string;
	text: string;
	heading: boolean;
}

/**
 * The keys of the screens that are in the help (`screens`: every screen's record, in order; the
 * job's only when watching one), one per line, as many as fit (the last shown as '…' when cut).
 */
export function helpLines(size: Size, job: boolean, screens: readonly Keys[]): HelpLine[] {
	const keyWidth = 16;
	const lines: HelpLine[] = [];
	for (const screen of screens.filter((keys) => keys.help === true || (job && keys.help === 'job'))) {
		lines.push({key: `h-${screen.title}`, text: `keys · ${screen.title}`, heading: true});
		for (const hint of helpHints(screen, job)) {
			lines.push({
				key: `${screen.title}-${hint.description}`,
				text: truncate(`  ${fit(hint.keys, keyWidth)}${hint.description}`, size.columns),
				heading: false,
			});
		}
	}

	const room = helpBodyRows(size);
	if (lines.length <= room) return lines;
	return [...lines.slice(0, room - 1), {key: 'more', text: '… (enlarge the window to see every key)', heading: false}];
}
