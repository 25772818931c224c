// JSON lines that are safe to print and bounded whatever the server sends: every string cut at
// MAX_JSON_STRING characters (a marker gives its length), and what JSON leaves raw but a terminal
// would act on or hide escaped as `\uXXXX` (JSON.parse gives the text back).
/** The longest string a JSON event carries (characters): longer ones are cut, saying so and how long they were. */
export const MAX_JSON_STRING = 8192;

const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** `text` cut to MAX_JSON_STRING characters (never inside a surrogate pair), with `… (cut: 10485760 characters)`. */
export function boundString(text: string): string {
	if (text.length <= MAX_JSON_STRING) return text;
	let end = MAX_JSON_STRING;
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--;
	const characters = text.length - (text.match(PAIR)?.length ?? 0);
	return `${text.slice(0, end)}… (cut: ${characters} characters)`;
}

/** Every string of an event bounded, object keys too (a status from the API keys `counts`). */
function bounded(_key: string, value: unknown): unknown {
	if (typeof value === 'string') return boundString(value);
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => key.length > MAX_JSON_STRING)) {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [boundString(key), inner]));
	}

	return value;
}

/**
 * What JSON leaves raw but a terminal would act on or hide: DEL and C1 controls, every format
 * character (bidirectional marks and overrides, zero-width ones, the BOM U+FEFF, tag
 * characters), the line and paragraph separators, and the invisible Hangul fillers.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/gu;

/** `\uXXXX` for each UTF-16 unit of `text` (two for a character beyond the BMP, as JSON writes them). */
function escapeUnits(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
	return out;
}

/** JSON.stringify with every string bounded (MAX_JSON_STRING), and escaping what JSON leaves raw (INVISIBLE). */
export function safeJson(value: unknown): string {
	return JSON.stringify(value, bounded).replace(INVISIBLE, escapeUnits);
}
