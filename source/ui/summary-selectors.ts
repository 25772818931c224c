// The summary under the header, derived from AppState: the progress line (bar, finished/total,
// ETA, cost) and the status counts, laid out for the terminal's width. Pure; memoized on the
// inputs' identities.
import type {BatchItem} from '../api/types.js';
import {isBatchFinished} from '../lib/finished.js';
import {estimateRemaining, finishRate} from '../lib/progress.js';
import {displayWidth, formatDuration, formatPercent, progressBar, truncate} from '../lib/format.js';
import {formatMoney} from '../lib/money.js';
import {statusColor, statusLabel, statusSymbol, statusText} from '../lib/status.js';
import {summarizeBatch, type BatchSummary, type StatusCount} from '../lib/summary.js';
import type {AppState, PageEntry} from '../store/state.js';
import {openBatchId} from '../store/stack.js';
import {progressWidth} from './layout.js';
import {selectJobFigures, type Figures} from './job-selectors.js';
import {memoLast} from './memo.js';

export interface CountCell {
	key: string;
	text: string;
	color: string | undefined;
}

export interface SummaryView {
	/** '████░░░░ 31/120 (26%)', or null before the batch is known. */
	progress: string | null;
	eta: string | null;
	cost: string | null;
	/** The counts, one or two lines of cells ([] before the batch is known). */
	counts: CountCell[][];
	/** Columns between two cells of a counts line. */
	gap: number;
}

const allItems = (pages: Map<string, PageEntry>): BatchItem[] => [...pages.values()].flatMap((page) => page.items);

/** The batch's summary, recomputed only when the batch (or the held pages, for the cost fallback) change. */
export const selectSummary = memoLast((batch: AppState['batch'], pages: Map<string, PageEntry>): BatchSummary | null =>
	batch ? summarizeBatch(batch, allItems(pages)) : null,
);

const batchFigures = memoLast((summary: BatchSummary | null, batch: AppState['batch'], samples: AppState['samples']): Figures => ({
	summary,
	batch,
	samples,
	finished: isBatchFinished(batch, {summary}),
}));

/** What the summary lines show: the batch on screen's figures, or on the job screen the whole job's. */
export function selectFigures(state: AppState): Figures {
	// The job screen, or the help over it.
	if (state.view === 'job' || (state.view === 'help' && state.job !== null && openBatchId(state) === null)) {
		const job = selectJobFigures(state);
		if (job) return job;
	}

	return batchFigures(selectSummary(state.batch, state.list.pages), state.batch, state.samples);
}

// ── the counts line ───────────────────────────────────────────────────────────

/** Failures and cancellations lead once the counts are shortened: they are what a reader looks for. */
const FIRST = ['failed', 'errored', 'cancelled'];
const priority = (status: string) => {
	const at = FIRST.indexOf(status);
	return at < 0 ? FIRST.length : at;
};

type Form = 'full' | 'short' | 'compact';

/** '✗ failed 8 (6%)', '✗ failed 8', '✗8'; a status we do not know keeps its word: '? paused 8'. */
function countText(count: StatusCount, form: Form): string {
	if (form === 'full') return `${statusText(count.status)} ${count.count} (${formatPercent(count.share)})`;
	if (form === 'short') return `${statusText(count.status)} ${count.count}`;
	const symbol = statusSymbol(count.status);
	return symbol === '?' ? `? ${truncate(statusLabel(count.status), 12)} ${count.count}` : `${symbol}${count.count}`;
}

const cellOf = (count: StatusCount, form: Form): CountCell => ({key: count.status, text: countText(count, form), color: statusColor(count.status)});

const lineWidth = (cells: CountCell[], gap: number) => cells.reduce((sum, cell) => sum + displayWidth(cell.text), 0) + gap * Math.max(0, cells.length - 1);

/** Fills lines of `columns` in order; null when the cells need more than `maxLines`. */
function fillLines(cells: CountCell[], columns: number, gap: number, maxLines: number): CountCell[][] | null {
	const lines: CountCell[][] = [[]];
	for (const cell of cells) {
		const line = lines.at(-1)!;
		if (line.length === 0 || lineWidth([...line, cell], gap) <= columns) {
			line.push(cell);
		} else {
			if (lines.length === maxLines) return null;
			lines.push([cell]);
		}
	}

	return lines.every((line) => lineWidth(line, gap) <= columns) ? lines : null;
}

/**
 * Every non-zero count with its number, within `columns`: the full form on one line when it fits;
 * else, failed, errored and cancelled first: without the shares, then the words go (the last
 * cells' first), then the symbols-only line takes a second line. Should even that not fit (many
 * statuses we do not know), the last ones are summed up in one '+N more (count)' cell.
 */
export function layoutCounts(counts: readonly StatusCount[], columns: number): {lines: CountCell[][]; gap: number} {
	if (counts.length === 0) return {lines: [], gap: 2};
	const full = counts.map((count) => cellOf(count, 'full'));
	if (lineWidth(full, 2) <= columns) return {lines: [full], gap: 2};
	const ordered = [...counts].sort((a, b) => priority(a.status) - priority(b.status));
	for (let worded = ordered.length; worded > 0; worded--) {
		const cells = ordered.map((count, i) => cellOf(count, i < worded ? 'short' : 'compact'));
		if (lineWidth(cells, 2) <= columns) return {lines: [cells], gap: 2};
	}

	const compact = ordered.map((count) => cellOf(count, 'compact'));
	for (let kept = compact.length; kept > 0; kept--) {
		const rest = ordered.slice(kept);
		const cells =
			rest.length === 0
				? compact
				: [
						...compact.slice(0, kept),
						{
							key: '+more',
							text: `+${rest.length} more (${rest.reduce((sum, count) => sum + count.count, 0)})`,
							color: undefined,
						},
					];
		const lines = fillLines(cells, columns, 1, 2);
		if (lines) return {lines, gap: 1};
	}

	return {lines: [compact.slice(0, 1)], gap: 1};
}

// ── the progress line ─────────────────────────────────────────────────────────

/**
 * Bar, finished/total (share), ETA and cost within `columns`: the bar shrinks first (and goes
 * below 4 cells), then the share goes; the ETA and cost stay.
 */
function layoutProgress(summary: BatchSummary, eta: string | null, cost: string, columns: number): string {
	const share = ` (${formatPercent(summary.fraction)})`;
	const tail = displayWidth(`${eta === null ? '' : ` · ${eta}`} · ${cost}`);
	const counted = `${summary.finished}/${summary.total}`;
	const room = columns - tail - displayWidth(counted + share) - 1;
	const bar = Math.min(progressWidth(columns), room);
	if (bar >= 4) return `${progressBar(summary.fraction, bar)} ${counted}${share}`;
	return columns - tail - displayWidth(counted + share) >= 0 ? counted + share : counted;
}

const summaryView = memoLast((summary: BatchSummary | null, samples: AppState['samples'], columns: number): SummaryView => {
	if (!summary) return {progress: null, eta: null, cost: null, counts: [], gap: 2};
	// An estimate ('~'), once the recent rate means something (lib/progress.ts).
	const remaining = summary.finished < summary.total ? estimateRemaining(finishRate(samples), summary.total - summary.finished) : null;
	const eta = remaining === null ? null : `ETA ~${formatDuration(remaining)}`;
	const cost = `cost ${formatMoney(summary.cost)}`;
	const counts = layoutCounts(summary.counts, columns);
	return {progress: layoutProgress(summary, eta, cost, columns), eta, cost, counts: counts.lines, gap: counts.gap};
});

export function selectSummaryView(state: AppState, columns: number): SummaryView {
	const figures = selectFigures(state);
	return summaryView(figures.summary, figures.samples, columns);
}

/** How many lines the counts take (1 or 2): the table gives up a row for a second one. */
export function selectCountLines(state: AppState, columns: number): number {
	return Math.max(1, selectSummaryView(state, columns).counts.length);
}
