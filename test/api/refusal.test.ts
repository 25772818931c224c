// The one refusal rule (api/shaping.ts) and what it is narrowed to: a `q` refused, an order refused.
import {describe, expect, it} from 'vitest';
import {ApiError, type ApiErrorKind} from '../../source/api/errors.js';
import {isQueryRefusal, isRefusal, isSortRefusal} from '../../source/api/shaping.js';

const error = (status: number, field?: string, kind: ApiErrorKind = 'invalid_request') => new ApiError({kind, status, field, message: `(${status})`});

describe('refusals', () => {
	it('a 400 or 422 is a refusal; another 4xx, a 5xx or a plain error is not', () => {
		expect(isRefusal(error(400))).toBe(true);
		expect(isRefusal(error(422, 'q'))).toBe(true);
		expect(isRefusal(error(409))).toBe(false);
		expect(isRefusal(error(404, undefined, 'not_found'))).toBe(false);
		expect(isRefusal(error(503, undefined, 'server'))).toBe(false);
		expect(isRefusal(new Error('422'))).toBe(false);
	});

	it('a q refused: any refusal but of the cursor', () => {
		expect(isQueryRefusal(error(422, 'q'))).toBe(true);
		expect(isQueryRefusal(error(400))).toBe(true);
		expect(isQueryRefusal(error(422, 'pq'))).toBe(false);
		expect(isQueryRefusal(error(409, 'q'))).toBe(false);
	});

	it('an order refused: one naming sort…, or nothing', () => {
		expect(isSortRefusal(error(422, 'sort_by'))).toBe(true);
		expect(isSortRefusal(error(400))).toBe(true);
		expect(isSortRefusal(error(422, 'q'))).toBe(false);
		expect(isSortRefusal(error(500, 'sort_by', 'server'))).toBe(false);
	});
});
