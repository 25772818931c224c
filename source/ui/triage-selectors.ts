// What the screen shows of failure triage, derived from AppState: the failure summary line, the
// filter in the header, the page line of a filtered list, the jump's message, the `/` prompt.
// Pure; untrusted text sanitized here, widths applied here.
import type {BatchItem} from '../api/types.js';
import {formatFailureGroups, groupFailures, type FailureCause} from '../lib/failures.js';
import {displayWidth, formatCount, truncate} from '../lib/format.js';
import {sanitize} from '../lib/sanitize.js';
import {isFailure} from '../lib/status.js';
import {parseSeek, SEEK_QUERY_KEY} from '../lib/seek.js';
import {countMatches, filterQuery, isFilterActive} from '../lib/triage.js';
import type {AppState, PageEntry} from '../store/state.js';
import {isFilteredHere, listFilter} from '../store/triage.js';
import {footerWords} from './keymap.js';
import {memoLast} from './memo.js';
import {saidText} from './said.js';
import {FILTER} from './screens/filter.js';

export interface FailureSummary {
	groups: FailureCause[];
	/** Failed items (per the lean list) whose cause is not known yet. */
	pending: number;
}

/**
 * Failures over the whole batch, by cause: the causes fetched (store.triage.causes) and the failed
 * items on held pages, each item once; items the lean list says failed but whose cause is not
 * known yet are `pending`. An item the lean list no longer calls failed is left out.
 */
export const summarizeFailures = memoLast((batch: AppState['batch'], pages: Map<string, PageEntry>, causes: ReadonlyMap<string, BatchItem>): FailureSummary => {
	const lean = Array.isArray(batch?.items) ? batch.items : null;
	const stillFailed = lean ? new Set(lean.filter((item) => isFailure(item.status_code)).map((item) => item.id)) : null;
	const byId = new Map<string, BatchItem>();
	for (const page of pages.values()) {
		for (const item of page.items) {
			if (isFailure(item.status_code)) byId.set(item.id, item);
		}
	}

	for (const [id, item] of causes) byId.set(id, item);
	const items = stillFailed ? [...byId.values()].filter((item) => stillFailed.has(item.id)) : [...byId.values()];
	let pending = 0;
	if (stillFailed) {
		for (const id of stillFailed) {
			if (!byId.has(id)) pending++;
		}
	}

	return {groups: groupFailures(items), pending};
});

export function selectFailureSummary(state: AppState): FailureSummary {
	return summarizeFailures(state.batch, state.list.pages, state.triage.causes);
}

/** Whether the list shows the failure line (it takes one line from the table). */
export function hasFailureLine(state: AppState): boolean {
	const summary = selectFailureSummary(state);
	return summary.groups.length > 0 || summary.pending > 0;
}

const PREFIX = 'failures: ';

/** 'failures: OOM ×8  TIMEOUT ×4  +2 more · 3 loading…' within `columns`, or null when nothing failed. */
export function failureLineText(summary: FailureSummary, columns: number): string | null {
	if (summary.groups.length === 0 && summary.pending === 0) return null;
	const loading = summary.pending > 0 ? `${formatCount(summary.pending)} loading…` : '';
	if (summary.groups.length === 0) return truncate(`${PREFIX}${loading}`, columns);
	const suffix = loading === '' ? '' : ` · ${loading}`;
	const room = columns - displayWidth(PREFIX) - displayWidth(suffix);
	const groups = formatGroups(summary.groups, room);
	return truncate(`${PREFIX}${groups}${suffix}`, columns);
}

/** Causes cut to this many columns when that lets more groups show. */
const SHORT_CAUSE = 24;

/** formatFailureGroups, with long causes (first lines of messages) shortened if more groups then fit. */
function formatGroups(groups: FailureCause[], columns: number): string {
	const full = formatFailureGroups(groups, columns);
	const left = (text: string) => Number(/\+([\d,]+) more$/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
	if (left(full) === 0) return full;
	// Only the groups that could show are shortened (there may be thousands).
	const head = groups.slice(0, Math.ceil(columns / 4)).map((g) => ({...g, cause: sanitize(g.cause, {maxColumns: SHORT_CAUSE}) || 'unknown'}));
	const short = formatFailureGroups([...head, ...groups.slice(head.length)], columns);
	return left(short) < left(full) ? short : full;
}

export function selectFailureLine(state: AppState, columns: number): string | null {
	return failureLineText(selectFailureSummary(state), columns);
}

// ── the filter ────────────────────────────────────────────────────────────────

const TEXT_COLUMNS = 24;

/** How many items of the batch match: counted again only when the batch or the filter changes (the header asks on every store change). */
const matchCount = memoLast((batch: AppState['batch'], status: AppState['list']['statusFilter'], text: string): number | null =>
	countMatches(batch, {status, text}),
);

function selectMatchCount(state: AppState): number | null {
	return matchCount(state.batch, state.list.statusFilter, state.list.textFilter);
}

/** 'filter: failed "inv" · 11 match' ('' with no filter). */
export function filterBadge(state: AppState): string {
	const filter = listFilter(state);
	if (!isFilterActive(filter)) return '';
	const parts: string[] = [];
	if (filter.status !== 'all') parts.push(filter.status);
	if (filter.text !== '') parts.push(`"${truncate(sanitize(filter.text), TEXT_COLUMNS)}"`);
	const count = selectMatchCount(state);
	const match = count === null ? '' : ` · ${formatCount(count)} match`;
	return `filter: ${parts.join(' ')}${match}`;
}

/** The page line of a filtered list: 'page 2 · 50 shown of 120 · filtered here: the server refused q · …'. */
export function filteredPageLine(state: AppState, page: PageEntry | undefined, keys: string): string {
	const count = selectMatchCount(state);
	const shown = page ? `${formatCount(page.items.length)} shown` : 'loading';
	const of = count === null ? '' : ` of ${formatCount(count)}`;
	const more = page && !page.next && state.list.trail.length > 0 ? ' (last)' : '';
	const raw = state.triage.rawMatchQueries.has(filterQuery(listFilter(state)) ?? '');
	const here = isFilteredHere(state) ? (raw ? ' · filtered here, on the text shown' : ' · filtered here: the server refused q') : '';
	return `page ${state.list.trail.length + 1}${more} · ${shown}${of}${here}${builtHereNote(state)} · ${keys}`;
}

/**
 * ' · built from the batch's item list' on a page a jump reached that the server would not list
 * (it refused `q=sequence_index>=N`): its rows show only status and client_ref, but for the item
 * jumped to. '' on any other page.
 */
export function builtHereNote(state: AppState): string {
	return parseSeek(state.list.cursor) && state.triage.rejectedQueries.has(SEEK_QUERY_KEY) ? " · built from the batch's item list" : '';
}

// ── the jump's message and the prompt ─────────────────────────────────────────

export function selectTriageMessage(state: AppState): string | null {
	return state.triage.message === null ? null : sanitize(saidText(state.triage.message), {maxColumns: 200});
}

export interface PromptView {
	/** What was typed, cut from the left to fit. */
	text: string;
	hint: string;
}

/** After the text, as room allows: what it filters and the prompt's keys; its first two keys; nothing. */
const PROMPT_WORDS = footerWords(FILTER);
const PROMPT_HINTS = [`  client_ref contains · ${PROMPT_WORDS.join(' · ')}`, `  ${PROMPT_WORDS.slice(0, 2).join(' · ')}`, ''];

/** The `/` prompt's line, or null when it is closed: '/ inv▏  client_ref contains · enter apply · …'. */
export function selectPrompt(state: AppState, columns: number): PromptView | null {
	const typed = state.triage.prompt;
	if (typed === null) return null;
	// '/ ' before the text, the cursor after it, and at least 10 columns to type in.
	const hint = PROMPT_HINTS.find((h) => columns - 3 - displayWidth(h) >= 10) ?? '';
	const room = Math.max(1, columns - 3 - displayWidth(hint));
	let text = sanitize(typed);
	if (displayWidth(text) > room) {
		// Keep the end in view as it grows: drop from the left.
		let points = Array.from(text);
		while (points.length > 0 && displayWidth(`…${points.join('')}`) > room) points = points.slice(1);
		text = `…${points.join('')}`;
	}

	return {text, hint};
}
