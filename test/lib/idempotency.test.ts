import {describe, expect, it} from 'vitest';
import {idempotencyKeyFor} from '../../source/lib/idempotency.js';

describe('idempotencyKeyFor', () => {
	it('is rfw- and 40 hex digits, the same for the same items in any order or repeated', () => {
		const key = idempotencyKeyFor('b_1', ['bi_3', 'bi_1', 'bi_2']);
		expect(key).toMatch(/^rfw-[\da-f]{40}$/);
		expect(idempotencyKeyFor('b_1', ['bi_1', 'bi_2', 'bi_3'])).toBe(key);
		expect(idempotencyKeyFor('b_1', new Set(['bi_2', 'bi_3', 'bi_1', 'bi_2']))).toBe(key);
		expect(idempotencyKeyFor('b_1', ['bi_2', 'bi_2', 'bi_3', 'bi_1'])).toBe(key);
	});

	it('is stable across versions (a restart finds the same key)', () => {
		expect(idempotencyKeyFor('b_1', ['bi_1', 'bi_2'])).toBe('rfw-20c030de6989ac39b0a13377a8dfe4f052c20fcc');
	});

	it('differs for another source batch, another set of items, or parts that only join the same', () => {
		const key = idempotencyKeyFor('b_1', ['bi_1', 'bi_2']);
		const others = [
			idempotencyKeyFor('b_2', ['bi_1', 'bi_2']),
			idempotencyKeyFor('b_1', ['bi_1']),
			idempotencyKeyFor('b_1', ['bi_1', 'bi_2', 'bi_3']),
			idempotencyKeyFor('b_1', ['bi_1,bi_2']),
			idempotencyKeyFor('b_1bi_1', ['bi_2']),
			idempotencyKeyFor('b_1', []),
		];
		expect(new Set([key, ...others]).size).toBe(others.length + 1);
	});
});
