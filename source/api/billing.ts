// The organization's balance (`GET /v1/billing/balance`), in either documented shape:
// `{balance, low_balance_threshold, low_balance_notified_at}` (decimal strings of USD) or
// `{balance_cents, currency}`. Amounts stay exact decimal strings, as an item's `cost` does:
// lib/money.ts parses them (parseMoney gives integer nano-dollars).
import {badShape} from './normalize.js';

export interface Balance {
	/** The balance in `currency`, an exact decimal string ('12.40', '-0.35'); null when the server sent none we can read. */
	balance: string | null;
	/** `low_balance_threshold`, when the server sends one. */
	lowThreshold: string | null;
	/** `low_balance_notified_at` (ISO 8601), when the server sends one. */
	lowNotifiedAt: string | null;
	/** ISO 4217, upper case; 'USD' when the answer does not say. */
	currency: string;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A decimal amount as a string, or null: '12.40' and 12.4 → '12.40' / '12.4'; anything else → null. */
function decimal(value: unknown): string | null {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = DECIMAL.exec(text);
	if (!match) return null;
	return `${match[1] === '-' ? '-' : ''}${match[2]!}${match[3] === undefined ? '' : `.${match[3]}`}`;
}

/** Cents to a decimal string, exactly: 1240 → '12.40', -35 → '-0.35', '1240.5' → '12.405'. */
export function centsToDecimal(value: unknown): string | null {
	const text = decimal(value);
	if (text === null) return null;
	const match = DECIMAL.exec(text)!;
	const whole = match[2]!.padStart(3, '0');
	const units = whole.slice(0, -2).replace(/^0+(?=\d)/, '');
	const amount = `${units}.${whole.slice(-2)}${match[3] ?? ''}`;
	return match[1] === '-' && /[1-9]/.test(amount) ? `-${amount}` : amount;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function normalizeBalance(raw: unknown): Balance {
	if (!isRecord(raw)) throw badShape('the balance');
	const currency = typeof raw['currency'] === 'string' && /^[a-z]{3}$/i.test(raw['currency'].trim()) ? raw['currency'].trim().toUpperCase() : 'USD';
	const notified = raw['low_balance_notified_at'];
	const lowNotifiedAt = typeof notified === 'string' && notified.trim() !== '' ? notified : null;
	if (Object.hasOwn(raw, 'balance')) {
		return {balance: decimal(raw['balance']), lowThreshold: decimal(raw['low_balance_threshold']), lowNotifiedAt, currency};
	}

	if (Object.hasOwn(raw, 'balance_cents')) {
		return {balance: centsToDecimal(raw['balance_cents']), lowThreshold: centsToDecimal(raw['low_balance_threshold_cents']), lowNotifiedAt, currency};
	}

	throw badShape('the balance');
}
