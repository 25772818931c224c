import {describe, expect, it} from 'vitest';
import {ETA_WINDOW_MS, estimateEta, pushSample, type ProgressSample} from '../../source/lib/eta.js';

const minute = 60_000;

describe('estimateEta', () => {
	it('is unknown without enough samples', () => {
		expect(estimateEta([], 10)).toBeNull();
		expect(estimateEta([{at: 0, finished: 1}], 10)).toBeNull();
	});

	it('is unknown without progress or elapsed time', () => {
		expect(
			estimateEta(
				[
					{at: 0, finished: 3},
					{at: minute, finished: 3},
				],
				10,
			),
		).toBeNull();
		expect(
			estimateEta(
				[
					{at: 5, finished: 1},
					{at: 5, finished: 3},
				],
				10,
			),
		).toBeNull();
	});

	it('is 0 once finished reaches total', () => {
		expect(estimateEta([{at: 0, finished: 10}], 10)).toBe(0);
		expect(
			estimateEta(
				[
					{at: 0, finished: 2},
					{at: minute, finished: 12},
				],
				10,
			),
		).toBe(0);
		expect(estimateEta([{at: 0, finished: 0}], 0)).toBe(0);
	});

	it('extrapolates the recent rate', () => {
		// 10 items per minute, 50 left → 5 minutes.
		const samples: ProgressSample[] = [
			{at: 0, finished: 0},
			{at: minute, finished: 10},
			{at: 2 * minute, finished: 20},
		];
		expect(estimateEta(samples, 70)).toBe(5 * minute);
	});

	it('uses only the last five minutes', () => {
		const samples: ProgressSample[] = [
			{at: 0, finished: 0},
			{at: 10 * minute, finished: 90}, // fast at first …
			{at: 15 * minute, finished: 95}, // … slow lately: 1 per minute
		];
		expect(ETA_WINDOW_MS).toBe(5 * minute);
		expect(estimateEta(samples, 100)).toBe(5 * minute);
	});

	it('slows down its estimate while stalled', () => {
		const moving: ProgressSample[] = [
			{at: 0, finished: 0},
			{at: minute, finished: 10},
		];
		const stalled = [...moving, {at: 2 * minute, finished: 10}];
		expect(estimateEta(stalled, 20)!).toBeGreaterThan(estimateEta(moving, 20)!);
	});

	it('starts afresh after a reset in finished', () => {
		const samples: ProgressSample[] = [
			{at: 0, finished: 50},
			{at: minute, finished: 0},
			{at: 2 * minute, finished: 10},
		];
		expect(estimateEta(samples, 20)).toBe(minute);
	});

	it('accepts unsorted samples and ignores broken ones', () => {
		const samples: ProgressSample[] = [
			{at: minute, finished: 10},
			{at: Number.NaN, finished: 3},
			{at: 0, finished: 0},
		];
		expect(estimateEta(samples, 20)).toBe(minute);
		expect(estimateEta(samples, Number.NaN)).toBeNull();
	});
});

describe('pushSample', () => {
	it('appends without mutating', () => {
		const before: ProgressSample[] = [{at: 0, finished: 0}];
		const after = pushSample(before, {at: 1, finished: 1});
		expect(after).toEqual([
			{at: 0, finished: 0},
			{at: 1, finished: 1},
		]);
		expect(before).toHaveLength(1);
	});

	it('caps at max by dropping the oldest (default 300)', () => {
		let samples: ProgressSample[] = [];
		for (let index = 0; index < 400; index++) {
			samples = pushSample(samples, {at: index, finished: index});
		}

		expect(samples).toHaveLength(300);
		expect(samples[0]).toEqual({at: 100, finished: 100});
		expect(samples.at(-1)).toEqual({at: 399, finished: 399});
		expect(pushSample(samples, {at: 400, finished: 400}, 3).map((sample) => sample.at)).toEqual([398, 399, 400]);
		expect(pushSample(samples, {at: 400, finished: 400}, 0)).toEqual([]);
	});
});
