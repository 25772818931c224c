import {describe, expect, it} from 'vitest';
import type {BatchItem} from '../../source/api/types.js';
import {failureCause, failureMessage, formatFailureGroups, groupFailures, type FailureCause} from '../../source/lib/failures.js';
import {displayWidth} from '../../source/lib/format.js';

let sequence = 0;
function item(extra: Partial<BatchItem>): BatchItem {
	sequence++;
	return {id: `i${sequence}`, sequence_index: sequence, run_id: null, status_code: 'failed', ...extra};
}

describe('failureCause', () => {
	it('is null for items that did not fail', () => {
		expect(failureCause(item({status_code: 'succeeded'}))).toBeNull();
		expect(failureCause(item({status_code: 'running', run: {failure_code: 'OOM'}}))).toBeNull();
		expect(failureCause(item({status_code: 'partial_succeeded'}))).toBeNull();
		expect(failureCause(item({status_code: 'succeeded', error: {code: '', message: '  '}}))).toBeNull();
	});

	it('prefers the run failure code, then the error code, then the message', () => {
		expect(failureCause(item({run: {failure_code: 'OOM', failure_message: 'out of memory'}, error: {code: 'E1'}}))).toBe('OOM');
		expect(failureCause(item({error: {code: 'TIMEOUT', message: 'took too long'}}))).toBe('TIMEOUT');
		expect(failureCause(item({run: {failure_message: 'first line\nsecond line'}}))).toBe('first line');
		expect(failureCause(item({error: {message: '\n\n  Traceback:  \n  at x'}}))).toBe('Traceback:');
		expect(failureCause(item({run: {failure_code: '  '}, error: {code: 'E2'}}))).toBe('E2');
	});

	it('counts any item carrying an error, and errored ones', () => {
		expect(failureCause(item({status_code: 'cancelled', error: {code: 'ABORTED'}}))).toBe('ABORTED');
		expect(failureCause(item({status_code: 'errored'}))).toBe('unknown');
		expect(failureCause(item({status_code: 'failed'}))).toBe('unknown');
	});

	it('shortens long causes to 60 chars', () => {
		const cause = failureCause(item({error: {message: 'x'.repeat(100_000)}}))!;
		expect([...cause]).toHaveLength(60);
		expect(cause.endsWith('…')).toBe(true);
		expect(failureCause(item({error: {message: 'y'.repeat(60)}}))).toBe('y'.repeat(60));
		const emoji = failureCause(item({error: {message: '😀'.repeat(100)}}))!;
		expect([...emoji]).toHaveLength(60);
		expect(emoji).not.toMatch(/\p{Surrogate}/u);
	});
});

describe('failureMessage', () => {
	it('prefers the run message, then the error message', () => {
		expect(failureMessage(item({run: {failure_message: 'run says'}, error: {message: 'error says'}}))).toBe('run says');
		expect(failureMessage(item({run: {failure_message: ''}, error: {message: 'error says'}}))).toBe('error says');
		expect(failureMessage(item({error: {message: 'raw \u001B[31m text'}}))).toBe('raw \u001B[31m text');
		expect(failureMessage(item({}))).toBeNull();
		expect(failureMessage(item({run: null, error: null}))).toBeNull();
	});
});

describe('groupFailures', () => {
	it('groups by cause, largest first, then alphabetical', () => {
		const items = [
			item({run: {failure_code: 'TIMEOUT', failure_message: 'slow 1'}}),
			item({run: {failure_code: 'OOM'}}),
			item({run: {failure_code: 'OOM', failure_message: 'killed'}}),
			item({run: {failure_code: 'OOM', failure_message: 'killed again'}}),
			item({run: {failure_code: 'TIMEOUT', failure_message: 'slow 2'}}),
			item({run: {failure_code: 'AUTH'}}),
			item({status_code: 'succeeded'}),
			item({status_code: 'running'}),
		];
		expect(groupFailures(items)).toEqual([
			{cause: 'OOM', count: 3, sample: 'killed'},
			{cause: 'TIMEOUT', count: 2, sample: 'slow 1'},
			{cause: 'AUTH', count: 1},
		]);
	});

	it('takes any iterable and returns [] when nothing failed', () => {
		expect(groupFailures([])).toEqual([]);
		expect(groupFailures(new Set([item({status_code: 'succeeded'})]))).toEqual([]);
	});
});

describe('formatFailureGroups', () => {
	const groups: FailureCause[] = [
		{cause: 'OOM', count: 8},
		{cause: 'TIMEOUT', count: 4},
		{cause: 'AUTH', count: 2},
		{cause: 'NET', count: 1},
	];

	it('shows everything when it fits', () => {
		expect(formatFailureGroups(groups, 80)).toBe('OOM ×8  TIMEOUT ×4  AUTH ×2  NET ×1');
	});

	it('summarizes the rest when it does not', () => {
		expect(formatFailureGroups(groups, 27)).toBe('OOM ×8  TIMEOUT ×4  +2 more');
		expect(formatFailureGroups(groups, 26)).toBe('OOM ×8  +3 more');
	});

	it('always fits in maxColumns', () => {
		const many = Array.from({length: 30}, (_, index) => ({cause: `CAUSE_${index}_日本`, count: 1000 - index}));
		for (let columns = 1; columns <= 120; columns++) {
			expect(displayWidth(formatFailureGroups(many, columns))).toBeLessThanOrEqual(columns);
			expect(displayWidth(formatFailureGroups(groups, columns))).toBeLessThanOrEqual(columns);
		}
	});

	it('shortens the first cause when nothing else fits', () => {
		const long = [
			{cause: 'A_VERY_LONG_FAILURE_CODE_THAT_GOES_ON', count: 12},
			{cause: 'B', count: 1},
		];
		expect(formatFailureGroups(long, 24)).toBe('A_VERY_LON… ×12  +1 more');
		expect(formatFailureGroups(long, 18)).toBe('A_VE… ×12  +1 more');
		expect(formatFailureGroups(long, 17)).toBe('A_V… ×12  +1 more');
		expect(formatFailureGroups(long, 16)).toBe('+2 more');
		expect(formatFailureGroups(long, 5)).toBe('+2 m…');
	});

	it('sanitizes causes', () => {
		const dirty = [{cause: '\u001B]8;;http://x\u0007OOM\u001B]8;;\u0007\u202E\n', count: 3}];
		expect(formatFailureGroups(dirty, 40)).toBe('OOM  ×3');
	});

	it('shows a cause that sanitizes to nothing as unknown', () => {
		expect(formatFailureGroups([{cause: '\u001B[31m', count: 2}], 40)).toBe('unknown ×2');
	});

	it('copes with thousands of causes', () => {
		const many = Array.from({length: 5000}, (_, index) => ({cause: `E${index}`, count: 5000 - index}));
		expect(formatFailureGroups(many, 33)).toBe('E0 ×5,000  E1 ×4,999  +4,998 more');
		expect(formatFailureGroups(many, 32)).toBe('E0 ×5,000  +4,999 more');
	});

	it('is empty without groups or room', () => {
		expect(formatFailureGroups([], 40)).toBe('');
		expect(formatFailureGroups(groups, 0)).toBe('');
	});

	it('groups thousands in counts', () => {
		expect(formatFailureGroups([{cause: 'OOM', count: 12_345}], 40)).toBe('OOM ×12,345');
	});
});
