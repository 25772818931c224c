import {describe, expect, it} from 'vitest';
import {exactDecimal, formatMoney, formatMoneyExact, groupThousands, parseMoney, sumMoney, usdDecimal} from '../../source/lib/money.js';

describe('parseMoney', () => {
	it('reads decimal strings exactly', () => {
		expect(parseMoney('0.0123')).toBe(12_300_000n);
		expect(parseMoney('12')).toBe(12_000_000_000n);
		expect(parseMoney('-0.5')).toBe(-500_000_000n);
		expect(parseMoney('+3')).toBe(3_000_000_000n);
		expect(parseMoney('.5')).toBe(500_000_000n);
		expect(parseMoney('5.')).toBe(5_000_000_000n);
		expect(parseMoney(' 1.25 ')).toBe(1_250_000_000n);
		expect(parseMoney('0')).toBe(0n);
		expect(parseMoney('-0')).toBe(0n);
		expect(parseMoney('0.000000001')).toBe(1n);
		expect(parseMoney('123456789012.123456789')).toBe(123_456_789_012_123_456_789n);
	});

	it('accepts exponents', () => {
		expect(parseMoney('1e-3')).toBe(1_000_000n);
		expect(parseMoney('1.5E2')).toBe(150_000_000_000n);
		expect(parseMoney('2e+1')).toBe(20_000_000_000n);
		expect(parseMoney('1e-12')).toBe(0n);
		expect(parseMoney('1e-999999')).toBe(0n);
	});

	it('rounds more than 9 decimals half up (on the magnitude)', () => {
		expect(parseMoney('0.0000000015')).toBe(2n);
		expect(parseMoney('0.0000000014999')).toBe(1n);
		expect(parseMoney('0.0000000005')).toBe(1n);
		expect(parseMoney('0.0000000004')).toBe(0n);
		expect(parseMoney('-0.0000000015')).toBe(-2n);
		expect(parseMoney('1.9999999999')).toBe(2_000_000_000n);
	});

	it('reads numbers through their string form', () => {
		expect(parseMoney(0.1)).toBe(100_000_000n);
		expect(parseMoney(12)).toBe(12_000_000_000n);
		expect(parseMoney(1e-7)).toBe(100n);
		expect(parseMoney(-2.5)).toBe(-2_500_000_000n);
		expect(parseMoney(Number.NaN)).toBeNull();
		expect(parseMoney(Number.POSITIVE_INFINITY)).toBeNull();
	});

	it('returns null for missing or garbage values', () => {
		for (const value of [
			null,
			undefined,
			'',
			'   ',
			'abc',
			'1.2.3',
			'$1',
			'1,000',
			'--1',
			'.',
			'e5',
			'1e',
			'NaN',
			'Infinity',
			{},
			[],
			true,
			10n,
			'1e999999',
			'9'.repeat(500),
		]) {
			expect(parseMoney(value)).toBeNull();
		}
	});
});

describe('sumMoney', () => {
	it('sums ten thousand dimes to exactly $1,000.00', () => {
		const dimes = Array.from({length: 10_000}, () => '0.1');
		const total = sumMoney(dimes);
		expect(total).toBe(1_000_000_000_000n);
		expect(formatMoney(total)).toBe('$1,000.00');
		// Floats would drift here.
		expect(dimes.reduce((sum, value) => sum + Number(value), 0)).not.toBe(1000);
	});

	it('is exact where floats are not', () => {
		expect(sumMoney(['0.1', '0.2'])).toBe(parseMoney('0.3'));
		expect(sumMoney([0.1, 0.2])).toBe(300_000_000n);
		expect(formatMoney(sumMoney(['0.1', '0.2']))).toBe('$0.3000');
	});

	it('skips what does not parse, null when nothing does', () => {
		expect(sumMoney(['1', null, 'x', undefined, '2.5'])).toBe(3_500_000_000n);
		expect(sumMoney([null, undefined, 'nope'])).toBeNull();
		expect(sumMoney([])).toBeNull();
		expect(sumMoney(['0'])).toBe(0n);
	});

	it('takes any iterable', () => {
		function* values() {
			yield '1';
			yield '2';
		}

		expect(sumMoney(values())).toBe(3_000_000_000n);
		expect(sumMoney(new Set(['0.5']))).toBe(500_000_000n);
	});
});

describe('formatMoney', () => {
	it('shows a dash for null', () => {
		expect(formatMoney(null)).toBe('—');
	});

	it('uses 4 decimals below $100', () => {
		expect(formatMoney(parseMoney('0.0123'))).toBe('$0.0123');
		expect(formatMoney(0n)).toBe('$0.0000');
		expect(formatMoney(parseMoney('12'))).toBe('$12.0000');
		expect(formatMoney(parseMoney('99.9999'))).toBe('$99.9999');
	});

	it('rounds half up to 4 decimals', () => {
		expect(formatMoney(parseMoney('0.00005'))).toBe('$0.0001');
		expect(formatMoney(parseMoney('0.000049999'))).toBe('$0.0000');
		expect(formatMoney(parseMoney('1.23456'))).toBe('$1.2346');
	});

	it('uses 2 decimals and separators from $100', () => {
		expect(formatMoney(parseMoney('100'))).toBe('$100.00');
		expect(formatMoney(parseMoney('1234.567'))).toBe('$1,234.57');
		expect(formatMoney(parseMoney('1234.565'))).toBe('$1,234.57');
		expect(formatMoney(parseMoney('1234567.891'))).toBe('$1,234,567.89');
		expect(formatMoney(parseMoney('99.99996'))).toBe('$100.00');
	});

	it('shows negatives with a leading minus, and no negative zero', () => {
		expect(formatMoney(parseMoney('-0.5'))).toBe('-$0.5000');
		expect(formatMoney(parseMoney('-1234.5'))).toBe('-$1,234.50');
		expect(formatMoney(-1n)).toBe('$0.0000');
	});
});

describe('formatMoneyExact', () => {
	it('keeps every nonzero decimal, at least those formatMoney shows', () => {
		expect(formatMoneyExact(parseMoney('0.000001'))).toBe('$0.000001');
		expect(formatMoneyExact(parseMoney('1.23456'))).toBe('$1.23456');
		expect(formatMoneyExact(parseMoney('5'))).toBe('$5.0000');
		expect(formatMoneyExact(parseMoney('0.01'))).toBe('$0.0100');
		expect(formatMoneyExact(parseMoney('1234.5'))).toBe('$1,234.50');
		expect(formatMoneyExact(parseMoney('1234.567'))).toBe('$1,234.567');
		expect(formatMoneyExact(parseMoney('-0.000000001'))).toBe('-$0.000000001');
		expect(formatMoneyExact(null)).toBe('—');
	});
});

describe('groupThousands', () => {
	it('groups digits by three', () => {
		expect(groupThousands('0')).toBe('0');
		expect(groupThousands('999')).toBe('999');
		expect(groupThousands('1000')).toBe('1,000');
		expect(groupThousands('1234567')).toBe('1,234,567');
		expect(groupThousands('')).toBe('0');
	});
});

describe('exactDecimal', () => {
	it('writes the amount exactly, with at least 4 decimals', () => {
		expect(exactDecimal(parseMoney('9.244291')!)).toBe('9.244291');
		expect(exactDecimal(parseMoney('1.44047')!)).toBe('1.44047');
		expect(exactDecimal(parseMoney('1.5')!)).toBe('1.5000');
		expect(exactDecimal(0n)).toBe('0.0000');
		expect(exactDecimal(1n)).toBe('0.000000001');
		expect(exactDecimal(parseMoney('1234567.891')!)).toBe('1234567.8910');
		expect(exactDecimal(parseMoney('-0.000123456')!)).toBe('-0.000123456');
	});

	it('sums exactly where formatMoney rounds', () => {
		const total = sumMoney(['1.44047', '1.600001', '2.1', '0.000002', '3.10427', '1.0']);
		expect(exactDecimal(total!)).toBe('9.244743');
		expect(formatMoney(total)).toBe('$9.2447');
	});
});

describe('usdDecimal: amounts for programs to read', () => {
	it('rounded for reading, exact, or as the user gave it; no $ and no separators; null stays null', () => {
		const amount = parseMoney('1234.56789')!;
		expect(usdDecimal(amount, 'rounded')).toBe('1234.57');
		expect(usdDecimal(amount, 'exact')).toBe('1234.56789');
		expect(usdDecimal(amount, 'as-given')).toBe('1234.56789');
		expect(usdDecimal(parseMoney('1.44047')!, 'rounded')).toBe('1.4405');
		expect(usdDecimal(parseMoney('0.000001')!, 'as-given')).toBe('0.000001');
		expect(usdDecimal(parseMoney('0.000001')!, 'rounded')).toBe('0.0000');
		expect(usdDecimal(parseMoney('1234.5')!, 'as-given')).toBe('1234.50');
		expect(usdDecimal(parseMoney('1234.5')!, 'exact')).toBe('1234.5000');
		expect(usdDecimal(parseMoney('-0.5')!, 'rounded')).toBe('-0.5000');
		expect(usdDecimal(null, 'exact')).toBeNull();
	});
});
