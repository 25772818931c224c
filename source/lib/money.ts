// Exact money. The API sends USD as decimal strings ("0.0123"); we hold integer nano-dollars
// in a bigint so totals never drift the way floats do (0.1 + 0.2).

export type Money = bigint; // nano-dollars (1e-9 USD)

const SCALE_DIGITS = 9;

// Sign, integer digits, optional fraction, optional exponent. At least one digit is checked below.
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;

/** Longest string we try to read as an amount; anything longer is not money we can show. */
const MAX_INPUT_LENGTH = 400;

/** Amounts are rejected past 10^30 dollars (a garbage value, not a bill). */
const MAX_DIGITS_BEFORE_POINT = 30;

/**
 * A decimal amount of USD → nano-dollars. Accepts "0.0123", "12", "-0.5", "+3", ".5", "5.",
 * "1e-3", and finite numbers (read through their shortest string form). More than 9 decimals
 * are rounded half away from zero ("half up" on the magnitude). null, undefined, '' and
 * anything unparsable → null.
 */
export function parseMoney(value: unknown): Money | null {
	let text: string;
	if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			return null;
		}

		text = String(value);
	} else {
		return null;
	}

	if (text === '' || text.length > MAX_INPUT_LENGTH) {
		return null;
	}

	const match = DECIMAL.exec(text);
	if (!match) {
		return null;
	}

	const sign = match[1] === '-' ? -1n : 1n;
	const integerDigits = match[2] ?? '';
	const fractionDigits = match[3] ?? '';
	if (integerDigits === '' && fractionDigits === '') {
		return null;
	}

	const exponent = match[4] === undefined ? 0 : Number(match[4]);
	const digits = (integerDigits + fractionDigits).replace(/^0+/, '');
	if (digits === '') {
		return 0n;
	}

	// value = digits × 10^(exponent − fractionDigits.length) dollars
	//       = digits × 10^shift nano-dollars
	const shift = exponent - fractionDigits.length + SCALE_DIGITS;
	if (digits.length + shift > MAX_DIGITS_BEFORE_POINT + SCALE_DIGITS) {
		return null;
	}

	const mantissa = BigInt(digits);
	if (shift >= 0) {
		return sign * mantissa * 10n ** BigInt(shift);
	}

	if (-shift > digits.length) {
		return 0n; // below half a nano-dollar
	}

	return sign * divideRoundHalfUp(mantissa, 10n ** BigInt(-shift));
}

/** Exact sum of every parsable amount; null when none of the values parses. */
export function sumMoney(values: Iterable<unknown>): Money | null {
	let total: Money | null = null;
	for (const value of values) {
		const amount = parseMoney(value);
		if (amount !== null) {
			total = (total ?? 0n) + amount;
		}
	}

	return total;
}

/**
 * '—' for null; below $100: 4 decimals ('$0.0123'); from $100: 2 decimals with thousands
 * separators ('$1,234.57'). Rounding is half up on the magnitude; negatives read '-$0.5000'.
 * The choice of form is made on the rounded value, so $99.99996 reads '$100.00'.
 */
export function formatMoney(value: Money | null): string {
	if (value === null || typeof value !== 'bigint') {
		return '—';
	}

	const negative = value < 0n;
	const magnitude = negative ? -value : value;

	// In units of $0.0001.
	const tenThousandths = divideRoundHalfUp(magnitude, 100_000n);
	let body: string;
	if (tenThousandths < 100n * 10_000n) {
		if (tenThousandths === 0n) {
			return '$0.0000';
		}

		body = `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
	} else {
		const cents = divideRoundHalfUp(magnitude, 10_000_000n);
		body = `${groupThousands((cents / 100n).toString())}.${(cents % 100n).toString().padStart(2, '0')}`;
	}

	return `${negative ? '-' : ''}$${body}`;
}

/**
 * As formatMoney, with no nonzero decimal dropped: an amount the user typed reads as typed
 * (`--max-cost 0.000001` is `$0.000001`, never `$0.0000`; `1.23456` is `$1.23456`).
 */
export function formatMoneyExact(value: Money | null): string {
	const rounded = formatMoney(value);
	if (value === null || typeof value !== 'bigint') return rounded;
	const magnitude = value < 0n ? -value : value;
	const fraction = (magnitude % 1_000_000_000n).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
	if (fraction.length <= (rounded.split('.')[1]?.length ?? 0)) return rounded;
	return `${value < 0n ? '-' : ''}$${groupThousands((magnitude / 1_000_000_000n).toString())}.${fraction}`;
}

/** Non-negative numerator, positive divisor; rounds a half up. */
function divideRoundHalfUp(numerator: bigint, divisor: bigint): bigint {
	if (numerator < 0n) {
		return -divideRoundHalfUp(-numerator, divisor);
	}

	const quotient = numerator / divisor;
	const remainder = numerator % divisor;
	return remainder * 2n >= divisor ? quotient + 1n : quotient;
}

/** '1234567' → '1,234,567' (digits only). */
export function groupThousands(digits: string): string {
	let out = '';
	for (let end = digits.length; end > 0; end -= 3) {
		const start = Math.max(0, end - 3);
		out = out === '' ? digits.slice(start, end) : `${digits.slice(start, end)},${out}`;
	}

	return out === '' ? '0' : out;
}

/**
 * Nano-dollars as an exact decimal string of USD (no `$`, no separators), for machine-readable
 * output: at least 4 decimals, more when the amount has them, never rounded.
 * 9244291000n → '9.244291', 1500000000n → '1.5000', -5n → '-0.000000005'.
 */
export function exactDecimal(value: Money): string {
	const negative = value < 0n;
	const magnitude = negative ? -value : value;
	const whole = magnitude / 1_000_000_000n;
	const fraction = (magnitude % 1_000_000_000n).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '').padEnd(4, '0');
	return `${negative ? '-' : ''}${whole}.${fraction}`;
}
