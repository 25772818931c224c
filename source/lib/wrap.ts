// Breaking one line of safe text (already sanitized: no controls, no line breaks) into rows of
// at most `width` terminal columns. Nothing wraps by itself in Ink: the log view and the run
// header wrap explicitly with this.

import {fitPrefix, truncateWithEllipsis} from './format.js';

/**
 * The rows of `text`, each at most `width` columns, whole grapheme clusters only, breaking
 * between words where it can (the space stays at the end of its row). At most
 * `maxRows` rows: when more would follow, the last row ends with '…'. '' → [''].
 */
export function wrapText(text: string, width: number, maxRows = Number.POSITIVE_INFINITY): string[] {
	const columns = Math.floor(width);
	if (!(columns > 0) || !(maxRows >= 1)) {
		return [];
	}

	const rows: string[] = [];
	let rest = text;
	while (rows.length < maxRows) {
		const {end, complete} = fitPrefix(rest, columns);
		if (complete) {
			rows.push(rest);
			return rows;
		}

		// Break after the last space of the row when there is one in its second half (words stay
		// whole); else at the edge. A cluster wider than the row (a 2-column char in 1 column) is
		// taken whole rather than loop.
		const space = rest.lastIndexOf(' ', end - 1);
		let cut = space >= end / 2 ? space + 1 : end;
		if (cut === 0) cut = Math.max(1, String.fromCodePoint(rest.codePointAt(0) ?? 0x20).length);
		if (rows.length + 1 === maxRows) {
			rows.push(truncateWithEllipsis(rest, columns));
			return rows;
		}

		rows.push(rest.slice(0, cut));
		rest = rest.slice(cut);
		if (rest === '') return rows;
	}

	return rows;
}
