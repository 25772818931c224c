// Line 1 of every view, derived from AppState (selectors.ts re-exports it): the app's name, the
// batch and its status, the filter, the order, when the data last changed, and the connection's state.
// Pure; untrusted text sanitized here, widths applied here.
import {displayWidth, formatClock} from '../lib/format.js';
import {sanitize} from '../lib/sanitize.js';
import {statusColor, statusText} from '../lib/status.js';
import type {AppState, Connection} from '../store/state.js';
import {selectJobFigures, selectJobHealth} from './job-selectors.js';
import {memoLast} from './memo.js';
import {filterBadge} from './triage-selectors.js';
import {orderTexts} from './order-selectors.js';
import {pollingText, pollingTexts} from './polling-selectors.js';
import {limitsParts} from '../lib/limits.js';

export interface HeaderView {
	/** 'runflow-watch · ' (dropped first when the line is too long), or ''. */
	title: string;
	/** 'batch b_123', or on the job screen 'job · 7 batches'. */
	subject: string;
	status: string | null;
	statusColor: string | undefined;
	/** ' · updated 12:03:05', ' · 12:03:05' or '' (shortened, then dropped, when the line is too long). */
	updated: string;
	/** `updated` cut in two: the words, and the clock alone (Ink caches each distinct text it measures, forever). */
	updatedLabel: string;
	updatedClock: string;
	connection: string;
	/** `connection` in parts: the clock times are drawn opaque (Ink would keep every distinct one it measures). */
	connectionParts: ConnectionPart[];
	connectionColor: string | undefined;
	paused: boolean;
	/** ' · filter: failed · 11 match' while a filter is on, else ''. */
	filter: string;
	/** ' · order: most expensive', ' · costly (rows held)' under an order other than by sequence, else ''. */
	order: string;
	/** While the budget follows the server's stated limit: ' · budget 0.4 rps: 38 of 600 left until 02:15:00' (or its start), in parts; else []. */
	budgetParts: ConnectionPart[];
}

/** A piece of the connection words; `opaque` pieces (times, attempt numbers) take endless forms. */
export interface ConnectionPart {
	text: string;
	opaque: boolean;
}

const words = (text: string): ConnectionPart => ({text, opaque: false});
const time = (at: number): ConnectionPart => ({text: formatClock(at), opaque: true});
const number = (value: number): ConnectionPart => ({text: String(value), opaque: true});

/** Since when the data is stale: the last answer's time (absolute: it never goes stale itself). */
function staleSince(lastSuccessAt: number | null): ConnectionPart[] {
	return lastSuccessAt === null ? [words('no data yet')] : [words('stale since '), time(lastSuccessAt)];
}

/**
 * The connection words, in parts: 'live', 'connecting…', 'stale since 21:51:59 · retrying at
 * 21:52:30 (attempt 5)', 'stale since 21:53:42 · waiting for an answer', 'stopped: …'. Times are
 * absolute, so nothing here ticks: the words change only when the state does. `live`: the words
 * of a good last poll (polling-selectors.ts: 'live · every 16 s', 'finished · not polling · r refreshes').
 */
export function connectionParts(connection: Connection, live = 'live'): ConnectionPart[] {
	switch (connection.status) {
		case 'ok':
		case 'connecting': {
			if (connection.overdue && connection.lastSuccessAt !== null) return [...staleSince(connection.lastSuccessAt), words(' · waiting for an answer')];
			return [words(connection.status === 'ok' ? live : 'connecting…')];
		}

		case 'retrying': {
			const attempt = [words(' (attempt '), number(connection.failures + (connection.overdue ? 1 : 0)), words(')')];
			// The try under way has had no answer for a while; else the one to come, and when.
			if (connection.overdue) return [...staleSince(connection.lastSuccessAt), words(' · waiting for an answer'), ...attempt];
			if (connection.nextRetryAt === null) return [...staleSince(connection.lastSuccessAt), words(' · retrying'), ...attempt];
			return [...staleSince(connection.lastSuccessAt), words(' · retrying at '), time(connection.nextRetryAt), ...attempt];
		}

		case 'halted': {
			return [words(`stopped: ${sanitize(connection.error ?? 'unknown error', {maxColumns: 200})}`)];
		}
	}
}

/** The same parts for the same connection (the header's cells re-render only when it changes). */
const partsOf = memoLast(
	(
		status: Connection['status'],
		overdue: boolean,
		lastSuccessAt: number | null,
		nextRetryAt: number | null,
		failures: number,
		error: string | null,
		live: string,
	) => connectionParts({status, overdue, lastSuccessAt, nextRetryAt, failures, error, errorKind: null}, live),
);

const jobPartsOf = memoLast((since: number | null, retryAt: number | null): ConnectionPart[] => [
	...staleSince(since),
	...(retryAt === null ? [words(' · retrying')] : [words(' · retrying at '), time(retryAt)]),
]);

/**
 * Keyed on what the words use: a live poll's new lastSuccessAt changes nothing on screen. On the
 * job screen, stale only while a batch that can still change is (since its last good read; the
 * alert line names it): one batch's failed read is no word on the others, nor the last read's.
 */
function selectConnectionParts(state: AppState, live = pollingText(state)): ConnectionPart[] {
	const {status, overdue, lastSuccessAt, nextRetryAt, failures, error} = state.connection;
	if (state.view === 'job' && state.job && status !== 'halted') {
		const health = selectJobHealth(state);
		if (health && health.stale.length > 0) return jobPartsOf(health.since, health.retryAt);
		return partsOf(status === 'connecting' ? 'connecting' : 'ok', false, null, null, 0, null, live);
	}

	const quiet = (status === 'ok' || status === 'connecting') && !overdue;
	return partsOf(status, overdue, quiet ? null : lastSuccessAt, nextRetryAt, failures, error, live);
}

/** The connection words as one text (connectionParts joined). */
export function connectionText(state: AppState): string {
	return selectConnectionParts(state)
		.map((part) => part.text)
		.join('');
}

const NO_PARTS: ConnectionPart[] = [];

/** The budget's words, longest first (the same arrays for the same limits: the header re-renders only when they change). */
const budgetForms = memoLast((limits: AppState['account']['limits']): ConnectionPart[][] => {
	if (limits === null) return [NO_PARTS];
	const parts = [words(' · '), ...limitsParts(limits)];
	return [parts, parts.slice(0, 3), NO_PARTS];
});

const CONNECTION_COLOR: Readonly<Record<AppState['connection']['status'], string | undefined>> = {
	ok: 'green',
	connecting: 'cyan',
	retrying: 'yellow',
	halted: 'red',
};

function connectionColor(state: AppState): string | undefined {
	const {status, overdue, lastSuccessAt} = state.connection;
	if (state.view === 'job' && state.job && status !== 'halted') {
		if ((selectJobHealth(state)?.stale.length ?? 0) > 0) return 'yellow';
		return status === 'connecting' ? CONNECTION_COLOR.connecting : CONNECTION_COLOR.ok;
	}

	return overdue && status === 'ok' && lastSuccessAt !== null ? 'yellow' : CONNECTION_COLOR[status];
}

/**
 * The header's parts. When the whole line does not fit `columns`, the app's name goes first,
 * then the word 'updated', then the clock, so the connection's state stays readable.
 */
export function selectHeader(state: AppState, columns: number): HeaderView {
	const onJob = state.view === 'job' && state.job !== null;
	const status = onJob ? selectJobFigures(state)?.batch?.status_code : state.batch?.status_code;
	const count = state.job?.ids.length ?? 0;
	const batchId = onJob ? `${count} ${count === 1 ? 'batch' : 'batches'}` : sanitize(state.batchId, {maxColumns: 60});
	const noun = onJob ? 'job ·' : 'batch';
	const statusWords = status === undefined ? null : statusText(status);
	const badge = onJob ? '' : filterBadge(state);
	const filter = badge === '' ? '' : ` · ${badge}`;
	const forms = pollingTexts(state);
	// The order's words, before the filter's (the page line tells a filtered list too; only the
	// header tells the order): the long form when it leaves room for the filter and the shortest polling words.
	const batchAndStatus = `${noun} ${batchId}${statusWords === null ? '' : ` · ${statusWords}`}`;
	const orders = onJob ? [] : orderTexts(state).map((text) => ` · ${text}`);
	const order =
		orders.find((text) => displayWidth(`${batchAndStatus}${text}${filter} · ${forms.at(-1)!}${state.paused ? ' PAUSED' : ''}`) <= columns) ??
		orders.at(-1) ??
		'';
	const head = `${batchAndStatus}${order}${filter}`;
	// The polling words: the longest form that fits beside the batch and its status.
	const before = displayWidth(`${head} · ${state.paused ? ' PAUSED' : ''}`);
	const parts = selectConnectionParts(state, forms.find((form) => before + displayWidth(form) <= columns) ?? forms.at(-1));
	const connection = parts.map((part) => part.text).join('');
	// The server's own limit, as the budget follows it: the whole words, the rate alone, or nothing, as room allows (before the name and the clock).
	const room = columns - displayWidth(`${head} · ${connection}${state.paused ? ' PAUSED' : ''}`);
	const budgetParts = budgetForms(state.account.limits).find((form) => displayWidth(form.map((part) => part.text).join('')) <= room) ?? NO_PARTS;
	const clock = state.changedAt === null ? null : formatClock(state.changedAt);
	const rest = displayWidth(`${head} · ${connection}${budgetParts.map((part) => part.text).join('')}${state.paused ? ' PAUSED' : ''}`);
	const candidates: [string, string][] =
		clock === null
			? [
					['runflow-watch · ', ''],
					['', ''],
				]
			: [
					['runflow-watch · ', ` · updated ${clock}`],
					['', ` · updated ${clock}`],
					['', ` · ${clock}`],
					['', ''],
				];
	const [title, updated] = candidates.find(([t, u]) => displayWidth(t + u) + rest <= columns) ?? candidates.at(-1)!;
	return {
		title,
		subject: `${noun} ${batchId}`,
		status: statusWords,
		statusColor: status === undefined ? undefined : statusColor(status),
		updated,
		updatedLabel: clock !== null && updated.endsWith(clock) ? updated.slice(0, -clock.length) : updated,
		updatedClock: clock !== null && updated.endsWith(clock) ? clock : '',
		connection,
		connectionParts: parts,
		connectionColor: connectionColor(state),
		paused: state.paused,
		filter,
		order,
		budgetParts,
	};
}
