// The API's timestamps: ISO 8601 text read as epoch ms (UTC unless it names a zone), and the span
// between two of them.

const MINUTE = 60 * 1000;

// Date, optional time (T or space), optional fraction of any length, optional zone (Z, ±HH:MM, ±HHMM, ±HH).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO 8601 timestamp → epoch ms, or null. 'Z', '+00:00', '+0000' all work; more than 3
 * fraction digits are accepted (truncated to ms); a timestamp without a zone is read as UTC
 * (the API speaks UTC), unlike Date.parse which would read it as local time.
 */
export function parseTimestamp(value: unknown): number | null {
	if (typeof value !== 'string') {
		return null;
	}

	const text = value.trim();
	const match = ISO.exec(text);
	if (!match) {
		return null;
	}

	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
	const ms = Number(`${fraction}000`.slice(0, 3));
	const months = Number(month) - 1;
	const utc = Date.UTC(Number(year), months, Number(day), Number(hour), Number(minute), Number(second), ms);
	// Reject what Date.UTC would silently roll over (Feb 30, 25:00, …).
	const check = new Date(utc);
	if (
		check.getUTCMonth() !== months ||
		check.getUTCDate() !== Number(day) ||
		check.getUTCHours() !== Number(hour) ||
		check.getUTCMinutes() !== Number(minute)
	) {
		return null;
	}

	let offsetMinutes = 0;
	if (zone.toUpperCase() !== 'Z') {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
	}

	const result = utc - offsetMinutes * MINUTE;
	return Number.isFinite(result) ? result : null;
}

/**
 * ms from start to end; an unfinished span (no end) runs to `now`. A missing or invalid start,
 * or an end that is present but invalid → null. Never negative (clock skew clamps to 0).
 */
export function durationBetween(start?: string | null, end?: string | null, now: number = Date.now()): number | null {
	const from = parseTimestamp(start);
	if (from === null) {
		return null;
	}

	let to: number | null;
	if (end === null || end === undefined || end === '') {
		to = Number.isFinite(now) ? now : null;
	} else {
		to = parseTimestamp(end);
	}

	if (to === null) {
		return null;
	}

	return Math.max(0, to - from);
}
