// Formatting for the terminal: clocks, durations, counts, and text measured in terminal columns.

import stringWidth from 'string-width';
import {groupThousands} from './money.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time 'HH:MM:SS'; '--:--:--' for an invalid date. */
export function formatClock(at: Date | number): string {
	const date = at instanceof Date ? at : new Date(at);
	if (Number.isNaN(date.getTime())) {
		return '--:--:--';
	}

	return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/**
 * '—' for null/negative/NaN/infinite; '0.4s' and '9.9s' below 10 s; '42s'; '3m 05s'; '2h 03m';
 * '3d 04h'. Every unit is truncated (never rounded up), so a form never shows '60s' or '10.0s'.
 */
export function formatDuration(ms: number | null | undefined): string {
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
		return '—';
	}

	if (ms < 10 * SECOND) {
		const tenths = Math.floor(ms / 100);
		return `${Math.floor(tenths / 10)}.${tenths % 10}s`;
	}

	const seconds = Math.floor(ms / SECOND);
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m ${pad2(seconds % 60)}s`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		return `${hours}h ${pad2(minutes % 60)}m`;
	}

	return `${Math.floor(hours / 24)}d ${pad2(hours % 24)}h`;
}

/** Coarse age: 'just now' (< 2 s, or negative from clock skew), '8 s', '3 min', '2 h', '4 d'. */
export function formatAge(ms: number): string {
	if (typeof ms !== 'number' || Number.isNaN(ms)) {
		return '—';
	}

	if (ms < 2 * SECOND) {
		return 'just now';
	}

	if (ms < MINUTE) {
		return `${Math.floor(ms / SECOND)} s`;
	}

	if (ms < HOUR) {
		return `${Math.floor(ms / MINUTE)} min`;
	}

	if (ms < DAY) {
		return `${Math.floor(ms / HOUR)} h`;
	}

	return Number.isFinite(ms) ? `${Math.floor(ms / DAY)} d` : '—';
}

/** Terminal columns, as string-width (and Ink) count them. */
export function displayWidth(text: string): number {
	return stringWidth(text);
}

const segmenter = new Intl.Segmenter();

// Widths of short clusters, memoized: string-width costs microseconds per call and the same
// clusters (CJK, symbols, emoji) recur on every render. Bounded: cleared when full.
const clusterWidths = new Map<string, number>();
const CLUSTER_CACHE_SIZE = 4096;

function clusterWidth(cluster: string): number {
	let width = clusterWidths.get(cluster);
	if (width === undefined) {
		width = stringWidth(cluster);
		if (cluster.length <= 32) {
			if (clusterWidths.size >= CLUSTER_CACHE_SIZE) {
				clusterWidths.clear();
			}

			clusterWidths.set(cluster, width);
		}
	}

	return width;
}

const isPrintableAscii = (code: number): boolean => code >= 0x20 && code <= 0x7e;

/**
 * The longest prefix of `text` made of whole grapheme clusters that fits in `columns`:
 * its end index and width, and whether it is the whole text. Stops early, so it is cheap on
 * long strings. Widths are string-width's, cluster by cluster (the same sum string-width gives
 * for the whole string, except that raw ANSI sequences are not stripped: sanitize first).
 */
export function fitPrefix(text: string, columns: number): {end: number; width: number; complete: boolean} {
	let index = 0;
	let width = 0;
	const {length} = text;
	while (index < length) {
		// Fast path: a printable ASCII char followed by another (or by the end) is a whole cluster of width 1.
		// One followed by anything else may start a longer cluster (a keycap '1️⃣', a combining accent).
		const code = text.charCodeAt(index);
		if (isPrintableAscii(code) && (index + 1 === length || isPrintableAscii(text.charCodeAt(index + 1)))) {
			if (width + 1 > columns) {
				return {end: index, width, complete: false};
			}

			width++;
			index++;
			continue;
		}

		// Slow path: segment up to the next position where the fast path applies again
		// (printable ASCII followed by printable ASCII is always a cluster boundary).
		let runEnd = index + 1;
		while (runEnd < length && !(isPrintableAscii(text.charCodeAt(runEnd)) && (runEnd + 1 === length || isPrintableAscii(text.charCodeAt(runEnd + 1))))) {
			runEnd++;
		}

		for (const {segment} of segmenter.segment(text.slice(index, runEnd))) {
			const segmentWidth = clusterWidth(segment);
			if (width + segmentWidth > columns) {
				return {end: index, width, complete: false};
			}

			width += segmentWidth;
			index += segment.length;
		}
	}

	return {end: length, width, complete: true};
}

/**
 * Cut to at most `width` columns, ending with '…' when cut. Clusters are never split, and a
 * 2-column char that does not fit is dropped (the result may then be one column narrower).
 * width <= 0 (or NaN) → ''.
 */
export function truncate(text: string, width: number): string {
	const columns = Math.floor(width);
	if (!(columns > 0)) {
		return '';
	}

	if (fitPrefix(text, columns).complete) {
		return text;
	}

	return truncateWithEllipsis(text, columns);
}

/** Always cut: the longest prefix fitting `width − 1` columns, then '…'. */
export function truncateWithEllipsis(text: string, width: number): string {
	const columns = Math.floor(width);
	if (!(columns > 0)) {
		return '';
	}

	return `${text.slice(0, fitPrefix(text, columns - 1).end)}…`;
}

/** Truncate, then pad with spaces to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const columns = Math.floor(width);
	if (!(columns > 0)) {
		return '';
	}

	const cut = truncate(text, columns);
	const padding = ' '.repeat(Math.max(0, columns - fitPrefix(cut, columns).width));
	return align === 'right' ? padding + cut : cut + padding;
}

/**
 * '█' filled, '░' empty, exactly `width` columns (no partial blocks: they would not blend
 * with the '░' background). Filled cells are rounded, but the bar is full only when the
 * fraction reaches 1, so an unfinished batch never looks finished.
 */
export function progressBar(fraction: number, width: number): string {
	const columns = Number.isFinite(width) ? Math.floor(width) : 0;
	if (columns <= 0) {
		return '';
	}

	const clamped = Number.isNaN(fraction) ? 0 : Math.min(1, Math.max(0, fraction));
	const filled = clamped >= 1 ? columns : Math.min(columns - 1, Math.round(clamped * columns));
	return '█'.repeat(filled) + '░'.repeat(columns - filled);
}

/**
 * '42%' (truncated: 0.999 reads '99%'); '<1%' for a tiny non-zero fraction; '100%' only at 1
 * (above 1 is clamped); '0%' for zero, negatives and NaN.
 */
export function formatPercent(fraction: number): string {
	if (Number.isNaN(fraction) || fraction <= 0) {
		return '0%';
	}

	if (fraction >= 1) {
		return '100%';
	}

	// The epsilon keeps 0.29 (28.999999999999996 %) at 29 %.
	const percent = Math.min(99, Math.floor(fraction * 100 + 1e-9));
	return percent < 1 ? '<1%' : `${percent}%`;
}

/** 1234 → '1,234' (rounded to an integer, locale independent); '—' for NaN/∞. */
export function formatCount(n: number): string {
	if (typeof n !== 'number' || !Number.isFinite(n)) {
		return '—';
	}

	const rounded = Math.round(n);
	const digits = Math.abs(rounded).toLocaleString('en-US', {useGrouping: false, maximumFractionDigits: 0});
	return `${rounded < 0 ? '-' : ''}${groupThousands(digits)}`;
}
