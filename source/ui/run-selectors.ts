// The run view's header, derived from the state: the run's title, its facts (started, duration,
// cost, nodes done), why it failed (the whole message, wrapped) and its node runs. Until the run
// is read, the item (and the run it embeds) stands in. Capped to a third of the screen, so the
// logs keep their room. Pure functions; every API string is sanitized here.
import type {BatchItem, EmbeddedRun, NodeRun} from '../api/types.js';
import {fit, formatClock, formatDuration, truncate} from '../lib/format.js';
import {durationBetween, parseTimestamp} from '../lib/timestamps.js';
import {formatMoney, parseMoney} from '../lib/money.js';
import {sanitize, sanitizeLines} from '../lib/sanitize.js';
import {isNodeFailure, nodeStateSymbol, statusColor, statusLabel, statusText} from '../lib/status.js';
import {wrapText} from '../lib/wrap.js';
import type {LogsState} from '../store/run-state.js';
import {memoLast} from './memo.js';

export interface HeaderRow {
	key: string;
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
}

/** Lines of the failure message shown at most (before the cap to a third of the screen). */
const MAX_MESSAGE_LINES = 40;

/** The header's share of the screen: at most a third of the frame's rows, at least 2. */
export function headerCap(rows: number): number {
	return Math.max(2, Math.floor((rows - 1) / 3));
}

function facts(run: EmbeddedRun | null | undefined, item: BatchItem | undefined, now: number): string {
	const started = run?.started_at ?? item?.started_at;
	const completed = run?.completed_at ?? item?.completed_at;
	const parts: string[] = [];
	const at = parseTimestamp(started);
	if (at !== null) parts.push(`started ${formatClock(at)}`);
	const duration = run?.duration_ms ?? durationBetween(started, completed, now);
	if (duration !== null && duration !== undefined) parts.push(`duration ${formatDuration(duration)}`);
	const cost = parseMoney(run?.cost ?? item?.cost);
	if (cost !== null) parts.push(`cost ${formatMoney(cost)}`);
	if (typeof run?.nodes_total === 'number') parts.push(`nodes ${run.nodes_completed ?? 0}/${run.nodes_total} done`);
	return parts.join(' · ');
}

function failureRows(run: EmbeddedRun | null | undefined, item: BatchItem | undefined, columns: number): HeaderRow[] {
	const code = run?.failure_code ?? item?.error?.code ?? null;
	const stage = run?.failure_stage_code ?? null;
	const message = run?.failure_message ?? item?.error?.message ?? null;
	if (code === null && stage === null && message === null) return [];
	const what = [
		code === null ? 'failure' : `failure ${sanitize(code, {maxColumns: 80})}`,
		stage === null ? null : `stage ${sanitize(stage, {maxColumns: 80})}`,
	]
		.filter((part) => part !== null)
		.join(' · ');
	const rows: HeaderRow[] = [{key: 'failure', text: truncate(`✗ ${what}`, columns), color: 'red', bold: true}];
	if (message !== null) {
		const width = Math.max(1, columns - 2);
		const lines = sanitizeLines(message, {maxColumns: width * MAX_MESSAGE_LINES, maxLines: MAX_MESSAGE_LINES});
		const wrapped = lines.flatMap((line) => wrapText(line, width, MAX_MESSAGE_LINES));
		for (const [i, text] of wrapped.slice(0, MAX_MESSAGE_LINES).entries()) rows.push({key: `message-${i}`, text: `  ${text}`, color: 'red'});
	}

	return rows;
}

function nodeRow(node: NodeRun, index: number, columns: number): HeaderRow {
	const state = node.state_code;
	const symbol = nodeStateSymbol(state);
	const retries = node.retry_count ? `retries ${node.retry_count}` : '';
	const error = node.error_message ? sanitize(node.error_message, {maxColumns: columns}) : '';
	const text = [
		`  ${symbol} ${fit(sanitize(node.node_id ?? node.id, {maxColumns: 40}), 16)}`,
		fit(statusLabel(state), 10),
		fit(formatDuration(node.duration_ms), 7, 'right'),
		retries,
		error,
	]
		.filter((part) => part !== '')
		.join(' ');
	return {key: `node-${index}`, text: truncate(text, columns), color: isNodeFailure(state) ? 'red' : undefined};
}

/** Every row of the header, before the cap. */
export function runHeaderRows(logs: LogsState, item: BatchItem | undefined, columns: number, now: number): HeaderRow[] {
	const run = logs.run ?? item?.run;
	const status = run?.status_code ?? item?.status_code;
	// The item may have left the pages held (it no longer matches the filter): its client_ref as opened.
	const clientRef = item?.client_ref ?? logs.clientRef;
	const ref = clientRef ? ` ${sanitize(clientRef, {maxColumns: 60})}` : '';
	const name = logs.runId === null ? 'no run' : `run ${sanitize(logs.runId, {maxColumns: 60})}`;
	const state = status === undefined ? '' : ` · ${statusText(status)}`;
	const rows: HeaderRow[] = [{key: 'title', text: truncate(`${name} · item #${logs.sequenceIndex}${ref}${state}`, columns), bold: true, color: undefined}];
	if (status !== undefined) rows[0]!.color = statusColor(status) === 'red' ? 'red' : undefined;
	const line = facts(run, item, now);
	if (line !== '') rows.push({key: 'facts', text: truncate(line, columns), dim: true});
	rows.push(...failureRows(run, item, columns));
	const nodes = logs.nodeRuns ?? run?.node_runs ?? [];
	rows.push(...nodes.map((node, i) => nodeRow(node, i, columns)));
	return rows;
}

/** At most `max` rows: the last one says how many more there were. */
export function capRows(rows: HeaderRow[], max: number): HeaderRow[] {
	if (rows.length <= max) return rows;
	const kept = rows.slice(0, Math.max(0, max - 1));
	return [...kept, {key: 'more', text: `… (${rows.length - kept.length} more lines)`, dim: true}];
}

export const selectRunHeader = memoLast((logs: LogsState, item: BatchItem | undefined, columns: number, rows: number, now: number): HeaderRow[] =>
	capRows(runHeaderRows(logs, item, columns, now), headerCap(rows)),
);
