// The glance line under the progress line (lib/glance.ts's figures, laid out for the width), the
// finished words once the batch is over, the row context that marks a possibly stuck item.
// Pure; memoized on the inputs' identities.
import type {BatchItem} from '../api/types.js';
import {displayWidth, formatClock, formatDuration} from '../lib/format.js';
import {formatRate, glanceOf, type Glance} from '../lib/glance.js';
import {formatMoney, formatMoneyExact} from '../lib/money.js';
import {stalledSince} from '../lib/progress.js';
import {overBudget} from '../lib/spend.js';
import type {BatchSummary} from '../lib/summary.js';
import type {AppState, PageEntry} from '../store/state.js';
import type {RowContext} from './item-columns.js';
import {memoLast} from './memo.js';
import {selectFigures} from './summary-selectors.js';
import {BALANCE_COLOR, selectBalanceWords} from './balance-selectors.js';
import type {BalanceWords} from '../lib/balance.js';

const NO_ITEMS: BatchItem[] = [];
const heldItems = memoLast((pages: Map<string, PageEntry>): BatchItem[] => [...pages.values()].flatMap((page) => page.items));

const glanceMemo = memoLast(
	(summary: BatchSummary | null, batch: AppState['batch'], items: BatchItem[], samples: AppState['samples'], serverDate: number | null): Glance | null =>
		summary ? glanceOf(summary, batch, items, samples, null, serverDate) : null,
);

/** The figures, without 'stalled' (that one needs the time of the last poll: selectStalledSince). */
export function selectGlance(state: AppState): Glance | null {
	const {summary, batch, samples} = selectFigures(state);
	// The job screen holds no items: its elapsed time runs to the server's clock (the Date of its answers).
	if (state.view === 'job') return glanceMemo(summary, batch, NO_ITEMS, samples, state.job?.serverDate ?? null);
	// The batch screen: its items' times, and the server's clock when its answers said it (a page with no item, a filter matching none).
	return glanceMemo(summary, batch, heldItems(state.list.pages), samples, state.serverDate);
}

const stalledMemo = memoLast((samples: AppState['samples'], remaining: number, now: number | null) =>
	now === null ? null : stalledSince(samples, remaining, now),
);

/** When the count of finished items last went up, if nothing has finished for a while since (by the last poll); else null. */
export function selectStalledSince(state: AppState): number | null {
	const {summary, samples} = selectFigures(state);
	if (!summary) return null;
	return stalledMemo(samples, summary.total - summary.finished, state.connection.lastSuccessAt);
}

const contextMemo = memoLast((serverNow: number | null, stuckAfter: number | null): RowContext => ({serverNow, stuckAfter}));

export function selectRowContext(state: AppState): RowContext {
	const glance = selectGlance(state);
	return contextMemo(glance?.serverNow ?? null, glance?.stuckAfter ?? null);
}

// ── the glance line ───────────────────────────────────────────────────────────

export interface GlanceCell {
	key: string;
	/** ' · ' before every cell but the first is part of the text. */
	text: string;
	color: string | undefined;
}

interface Candidate {
	key: string;
	text: string;
	/** A shorter form, used when even the cells that never give way do not fit. */
	short?: string;
	color?: string;
	/** Lower gives way first. */
	priority: number;
	/** Drawn right after the cell before, one space apart (the sparkline after the rate). */
	attached?: boolean;
}

export {formatRate} from '../lib/glance.js';

/** 'finished: 110 succeeded, 8 failed, 2 cancelled in 3m 05s, $1.4800' (short: without the cost, which the progress line shows too). */
export function finishedWords(summary: BatchSummary, status: string, glance: Glance): {text: string; short: string} {
	const word = status === 'cancelled' || status === 'canceled' ? 'cancelled' : 'finished';
	const parts = [`${summary.succeeded} succeeded`];
	if (summary.failed > 0) parts.push(`${summary.failed} failed`);
	if (summary.cancelled > 0) parts.push(`${summary.cancelled} cancelled`);

	const took = glance.elapsed === null ? '' : formatDuration(glance.elapsed);
	const cost = summary.cost === null ? '' : formatMoney(summary.cost);
	const short = `${word}: ${parts.join(', ')}${took ? ` in ${took}` : ''}`;
	return {text: `${short}${cost ? `, ${cost}` : ''}`, short};
}

/** 'over budget: spent $5.1000 > $5.0000' / 'over budget: heads for ~$7.2000 > $5.0000', or null. */
export function budgetWords(glance: Glance, maxCost: AppState['maxCost']): {text: string; short: string} | null {
	const which = overBudget(glance.spend, maxCost);
	if (which === null || maxCost === null) return null;
	const figure = which === 'spent' ? `spent ${formatMoney(glance.spend.spent)}` : `heads for ~${formatMoney(glance.spend.projected)}`;
	return {text: `over budget: ${figure} > ${formatMoneyExact(maxCost)}`, short: `over budget: ${which}`};
}

/** `over`: the batch (or the job) is finished (Figures.finished, lib/finished.ts). */
function candidates(
	summary: BatchSummary,
	status: string | undefined,
	over: boolean,
	glance: Glance,
	stalled: number | null,
	maxCost: AppState['maxCost'],
	balance: BalanceWords | null,
): Candidate[] {
	const list: Candidate[] = [];
	const budget = budgetWords(glance, maxCost);
	if (budget) list.push({key: 'budget', ...budget, color: 'red', priority: 10});
	if (over && status !== undefined) {
		const words = finishedWords(summary, status, glance);
		list.push({key: 'finished', ...words, color: summary.failed > 0 ? 'red' : summary.cancelled > 0 ? 'yellow' : 'green', priority: 9});
	} else {
		if (glance.elapsed !== null)
			list.push({key: 'elapsed', text: `elapsed ${formatDuration(glance.elapsed)}`, short: formatDuration(glance.elapsed), priority: 4});
		if (stalled !== null) {
			list.push({key: 'stalled', text: `stalled since ${formatClock(stalled)}`, short: 'stalled', color: 'yellow', priority: 8});
		} else if (glance.perMinute !== null) {
			list.push({key: 'rate', text: formatRate(glance.perMinute), priority: 5});
			if (glance.minutes.length >= 2) list.push({key: 'spark', text: glance.spark, priority: 0, attached: true});
		}

		if (glance.oldest) {
			const {item, running, stuck} = glance.oldest;
			list.push({
				key: 'oldest',
				text: `oldest #${item.sequence_index} ${formatDuration(running)}${stuck ? ' ! stuck?' : ''}`,
				short: `#${item.sequence_index} ${formatDuration(running)}${stuck ? '!' : ''}`,
				color: stuck ? 'yellow' : undefined,
				priority: stuck ? 7 : 3,
			});
		}
	}

	if (glance.durations)
		list.push({key: 'durations', text: `p50 ${formatDuration(glance.durations.median)} p95 ${formatDuration(glance.durations.p95)}`, priority: 1});
	const {average, projected, estimate} = glance.spend;
	if (average !== null && summary.finished > 0) list.push({key: 'average', text: `${formatMoney(average)}/item`, priority: 2});
	if (!over && projected !== null) list.push({key: 'projected', text: `total ${estimate ? '~' : ''}${formatMoney(projected)}`, priority: 6});
	// The balance against what is to come: kept when it will run out or runs are refused.
	if (balance)
		list.push({key: 'balance', text: balance.text, short: balance.short, color: BALANCE_COLOR[balance.level], priority: balance.level === 'ok' ? 5 : 9});
	return list;
}

const SEPARATOR = ' · ';
const separator = (cell: Candidate, i: number) => (i === 0 ? '' : cell.attached ? ' ' : SEPARATOR);
const widthOf = (cells: readonly Candidate[], short = false) =>
	cells.reduce((sum, cell, i) => sum + displayWidth(short ? (cell.short ?? cell.text) : cell.text) + separator(cell, i).length, 0);

/** The cells that fit `columns`, lowest priority dropped first (the sparkline, p50/p95, the average…); then shorter forms. */
export function layoutGlance(list: readonly Candidate[], columns: number): GlanceCell[] {
	let kept = [...list];
	const byPriority = [...list].sort((a, b) => a.priority - b.priority);
	const drop = (mayDrop: (cell: Candidate) => boolean, short: boolean) => {
		for (const cell of byPriority) {
			if (widthOf(kept, short) <= columns || kept.length <= 1) return;
			if (kept.includes(cell) && mayDrop(cell)) kept = kept.filter((k) => k !== cell);
		}
	};

	// The figures that never give way (stalled, the finished words) stay; then shorter forms; then anything.
	drop((cell) => cell.priority < 8, false);
	const short = widthOf(kept) > columns;
	if (short) drop(() => true, true);
	return kept.map((cell, i) => ({key: cell.key, text: `${separator(cell, i)}${short ? (cell.short ?? cell.text) : cell.text}`, color: cell.color}));
}

const glanceLineMemo = memoLast(
	(
		summary: BatchSummary | null,
		status: string | undefined,
		over: boolean,
		glance: Glance | null,
		stalled: number | null,
		maxCost: AppState['maxCost'],
		columns: number,
		balance: BalanceWords | null,
	): GlanceCell[] => (summary && glance ? layoutGlance(candidates(summary, status, over, glance, stalled, maxCost, balance), columns) : []),
);

/** The glance line's cells for the width ([] before the batch is known). */
export function selectGlanceLine(state: AppState, columns: number): GlanceCell[] {
	const {summary, batch, finished} = selectFigures(state);
	return glanceLineMemo(
		summary,
		batch?.status_code,
		finished,
		selectGlance(state),
		selectStalledSince(state),
		state.maxCost,
		columns,
		selectBalanceWords(state),
	);
}
