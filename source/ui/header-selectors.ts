// Line 1 of every view, derived from AppState (selectors.ts re-exports it): the app's name, the
// batch and its status, the filter, when the data last changed, and the connection's state.
// Pure; untrusted text sanitized here, widths applied here.
import {displayWidth, formatAge, formatClock} from '../lib/format.js';
import {sanitize} from '../lib/sanitize.js';
import {statusColor, statusText} from '../lib/status.js';
import type {AppState} from '../store/state.js';
import {filterBadge} from './triage-selectors.js';
import {paceText} from './pace-selectors.js';

export interface HeaderView {
	/** 'runflow-watch · ' (dropped first when the line is too long), or ''. */
	title: string;
	batch: string;
	status: string | null;
	statusColor: string | undefined;
	/** ' · updated 12:03:05', ' · 12:03:05' or '' (shortened, then dropped, when the line is too long). */
	updated: string;
	/** `updated` cut in two: the words, and the clock alone (Ink caches each distinct text it measures, forever). */
	updatedLabel: string;
	updatedClock: string;
	connection: string;
	connectionColor: string | undefined;
	paused: boolean;
	/** ' · filter: failed · 11 match' while a filter is on, else ''. */
	filter: string;
}

/** The connection words: 'live', 'connecting…', 'stale 2 min · retrying (attempt 3, next in 8 s)', 'stopped: …'. */
export function connectionText(state: AppState, now: number): string {
	const {connection} = state;
	switch (connection.status) {
		case 'ok': {
			return paceText(state);
		}

		case 'connecting': {
			return 'connecting…';
		}

		case 'retrying': {
			const age = connection.lastSuccessAt === null ? 'no data yet' : `stale ${formatAge(now - connection.lastSuccessAt)}`;
			const wait = connection.nextRetryAt === null ? '' : `, next in ${Math.max(0, Math.round((connection.nextRetryAt - now) / 1000))} s`;
			return `${age} · retrying (attempt ${connection.failures}${wait})`;
		}

		case 'halted': {
			return `stopped: ${sanitize(connection.error ?? 'unknown error', {maxColumns: 200})}`;
		}
	}
}

const CONNECTION_COLOR: Readonly<Record<AppState['connection']['status'], string | undefined>> = {
	ok: 'green',
	connecting: 'cyan',
	retrying: 'yellow',
	halted: 'red',
};

/**
 * The header's parts. When the whole line does not fit `columns`, the app's name goes first,
 * then the word 'updated', then the clock, so the connection's state stays readable.
 */
export function selectHeader(state: AppState, now: number, columns: number): HeaderView {
	const status = state.batch?.status_code;
	const batchId = sanitize(state.batchId, {maxColumns: 60});
	const statusWords = status === undefined ? null : statusText(status);
	const connection = connectionText(state, now);
	const clock = state.changedAt === null ? null : formatClock(state.changedAt);
	const badge = filterBadge(state);
	const filter = badge === '' ? '' : ` · ${badge}`;
	const rest = displayWidth(`batch ${batchId}${statusWords === null ? '' : ` · ${statusWords}`}${filter} · ${connection}${state.paused ? ' PAUSED' : ''}`);
	const candidates: [string, string][] = clock === null
		? [['runflow-watch · ', ''], ['', '']]
		: [['runflow-watch · ', ` · updated ${clock}`], ['', ` · updated ${clock}`], ['', ` · ${clock}`], ['', '']];
	const [title, updated] = candidates.find(([t, u]) => displayWidth(t + u) + rest <= columns) ?? candidates.at(-1)!;
	return {
		title,
		batch: batchId,
		status: statusWords,
		statusColor: status === undefined ? undefined : statusColor(status),
		updated,
		updatedLabel: clock !== null && updated.endsWith(clock) ? updated.slice(0, -clock.length) : updated,
		updatedClock: clock !== null && updated.endsWith(clock) ? clock : '',
		connection,
		connectionColor: CONNECTION_COLOR[state.connection.status],
		paused: state.paused,
		filter,
	};
}
