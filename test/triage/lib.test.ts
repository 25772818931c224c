// Failure triage, the pure parts: the filter and its q, matching, pages built from the lean
// list, the next failure, the slim copy of a failed item, and the failure summary line.
import {describe, expect, it} from 'vitest';
import type {Batch, BatchItem, LeanItem} from '../../source/api/types.js';
import {displayWidth} from '../../source/lib/format.js';
import {
	completeLeanItems,
	countMatches,
	filterQuery,
	localOffset,
	localPage,
	matchesFilter,
	MAX_KEPT_MESSAGE,
	nextStatusFilter,
	pickFailure,
	slimFailure,
	type StatusFilter,
} from '../../source/lib/triage.js';
import {failureLineText, summarizeFailures} from '../../source/ui/triage-selectors.js';

const lean = (i: number, status: string, ref: string | null = `ref-${i}`): LeanItem => ({
	id: `i${i}`,
	sequence_index: i,
	run_id: `r${i}`,
	status_code: status,
	client_ref: ref,
});

function batchOf(items: LeanItem[], total = items.length): Batch {
	return {id: 'b', status_code: 'running', items_total: total, items_succeeded: 0, items_failed: 0, items_cancelled: 0, cost: null, items};
}

describe('the status filter', () => {
	it('cycles all → failed → running → queued → succeeded → all', () => {
		const seen: StatusFilter[] = ['all'];
		for (let i = 0; i < 5; i++) seen.push(nextStatusFilter(seen.at(-1)!));
		expect(seen).toEqual(['all', 'failed', 'running', 'queued', 'succeeded', 'all']);
	});

	it('writes q with every status code of the category, and the client_ref substring quoted', () => {
		expect(filterQuery({status: 'all', text: ''})).toBeUndefined();
		expect(filterQuery({status: 'failed', text: ''})).toBe('status_code:failed OR status_code:errored');
		expect(filterQuery({status: 'running', text: ''})).toBe('status_code:running OR status_code:dispatching');
		expect(filterQuery({status: 'queued', text: ''})).toBe('status_code:queued');
		expect(filterQuery({status: 'succeeded', text: ''})).toBe('status_code:succeeded OR status_code:partial_succeeded');
		expect(filterQuery({status: 'all', text: 'inv'})).toBe("client_ref.CONTAINS:'inv'");
		expect(filterQuery({status: 'failed', text: "it's"})).toBe("(status_code:failed OR status_code:errored) AND client_ref.CONTAINS:'it''s'");
		expect(filterQuery({status: 'queued', text: 'x'})).toBe("status_code:queued AND client_ref.CONTAINS:'x'");
	});

	it('matches as the q says: categories, both cancel spellings aside, substring case-sensitive', () => {
		const f = (status: StatusFilter, text = '') => ({status, text});
		expect(matchesFilter(lean(1, 'errored'), f('failed'))).toBe(true);
		expect(matchesFilter(lean(1, 'partial_succeeded'), f('succeeded'))).toBe(true);
		expect(matchesFilter(lean(1, 'dispatching'), f('running'))).toBe(true);
		expect(matchesFilter(lean(1, 'cancelled'), f('failed'))).toBe(false);
		expect(matchesFilter(lean(1, 'mystery'), f('running'))).toBe(false);
		expect(matchesFilter(lean(1, 'mystery'), f('all'))).toBe(true);
		expect(matchesFilter(lean(1, 'failed', 'Invoice-1.pdf'), f('failed', 'voice'))).toBe(true);
		expect(matchesFilter(lean(1, 'failed', 'Invoice-1.pdf'), f('failed', 'invoice'))).toBe(false);
		expect(matchesFilter(lean(1, 'failed', null), f('all', 'x'))).toBe(false);
	});

	it('counts the matches over the whole batch from a complete lean list only', () => {
		const items = [lean(0, 'failed'), lean(1, 'errored', 'abc'), lean(2, 'running'), lean(3, 'succeeded', 'abd')];
		expect(countMatches(batchOf(items), {status: 'failed', text: ''})).toBe(2);
		expect(countMatches(batchOf(items), {status: 'all', text: 'ab'})).toBe(2);
		expect(countMatches(batchOf(items), {status: 'failed', text: 'ab'})).toBe(1);
		expect(countMatches(batchOf(items, 10), {status: 'failed', text: ''})).toBeNull();
		expect(countMatches({...batchOf(items), items: undefined}, {status: 'failed', text: ''})).toBeNull();
		expect(countMatches(null, {status: 'failed', text: ''})).toBeNull();
	});

	it('orders the lean list by sequence and keeps one row per id', () => {
		const rows = completeLeanItems(batchOf([lean(2, 'queued'), lean(0, 'queued'), lean(1, 'queued'), lean(0, 'failed')], 3));
		expect(rows?.map((r) => `${r.sequence_index}:${r.status_code}`)).toEqual(['0:failed', '1:queued', '2:queued']);
	});
});

describe('pages built from the lean list', () => {
	const rows = Array.from({length: 12}, (_, i) => lean(i, 'failed'));

	it('pages with cursors of their own, and fills rows with what is known of them', () => {
		const known = new Map<string, BatchItem>([
			['i5', {id: 'i5', sequence_index: 5, run_id: null, status_code: 'failed', cost: '0.5', run: {failure_code: 'OOM'}}],
		]);
		const first = localPage(rows, null, 5, (id) => known.get(id));
		expect(first.items.map((i) => i.sequence_index)).toEqual([0, 1, 2, 3, 4]);
		expect(first.previous).toBeNull();
		const second = localPage(rows, first.next, 5, (id) => known.get(id));
		expect(second.items.map((i) => i.sequence_index)).toEqual([5, 6, 7, 8, 9]);
		expect(second.items[0]).toMatchObject({cost: '0.5', run: {failure_code: 'OOM'}, run_id: 'r5', client_ref: 'ref-5'});
		const third = localPage(rows, second.next, 5, () => undefined);
		expect(third.items.map((i) => i.sequence_index)).toEqual([10, 11]);
		expect(third.next).toBeNull();
		expect(localPage(rows, third.previous, 5, () => undefined).items[0]?.sequence_index).toBe(5);
		expect(localOffset('local:10')).toBe(10);
		expect(localOffset('c2')).toBeNaN();
		// A cursor of another kind starts over; one past the end shows the last page.
		expect(localPage(rows, 'c2', 5, () => undefined).items[0]?.sequence_index).toBe(0);
		expect(localPage(rows, 'local:40', 5, () => undefined).items.map((i) => i.sequence_index)).toEqual([7, 8, 9, 10, 11]);
		expect(localPage([], null, 5, () => undefined)).toMatchObject({items: [], next: null, previous: null});
	});
});

describe('pickFailure', () => {
	const rows = [lean(0, 'succeeded'), lean(3, 'failed'), lean(4, 'running'), lean(7, 'errored'), lean(9, 'failed')];

	it('takes the next failure after the selection, wrapping at the end', () => {
		expect(pickFailure(rows, 0, 1)).toMatchObject({target: {sequence_index: 3}, wrapped: false, rank: 1, of: 3});
		expect(pickFailure(rows, 3, 1)).toMatchObject({target: {sequence_index: 7}, wrapped: false});
		expect(pickFailure(rows, 9, 1)).toMatchObject({target: {sequence_index: 3}, wrapped: true});
		expect(pickFailure(rows, null, 1)).toMatchObject({target: {sequence_index: 3}, wrapped: false});
	});

	it('takes the previous failure before it, wrapping at the start', () => {
		expect(pickFailure(rows, 8, -1)).toMatchObject({target: {sequence_index: 7}, wrapped: false, rank: 2});
		expect(pickFailure(rows, 3, -1)).toMatchObject({target: {sequence_index: 9}, wrapped: true, rank: 3});
		expect(pickFailure(rows, null, -1)).toMatchObject({target: {sequence_index: 9}, wrapped: false});
	});

	it('is null when nothing failed; the only failure is its own next', () => {
		expect(pickFailure([lean(0, 'succeeded')], 0, 1)).toBeNull();
		expect(pickFailure([lean(2, 'failed')], 2, 1)).toMatchObject({target: {sequence_index: 2}, wrapped: true});
	});
});

describe('slimFailure', () => {
	it('keeps what the cause and the row need, drops input, output, logs and node runs, and clips messages', () => {
		const big = 'x'.repeat(100_000);
		const item: BatchItem = {
			id: 'i1',
			sequence_index: 1,
			run_id: 'r1',
			status_code: 'failed',
			client_ref: 'a',
			cost: '0.1',
			input: {huge: big},
			output: {huge: big},
			error: {code: 'E', message: big},
			run: {
				failure_code: 'OOM',
				failure_message: big,
				duration_ms: 5,
				logs: [{id: 'l', run_id: 'r1', level_code: 'info', message: big, timestamp: ''}],
				node_runs: [],
			},
		};
		const slim = slimFailure(item);
		expect(slim).not.toHaveProperty('input');
		expect(slim).not.toHaveProperty('output');
		expect(slim.run).not.toHaveProperty('logs');
		expect(slim.run).not.toHaveProperty('node_runs');
		expect(slim.run?.failure_message?.length).toBe(MAX_KEPT_MESSAGE + 1);
		expect(slim.error?.message?.length).toBe(MAX_KEPT_MESSAGE + 1);
		expect(slim).toMatchObject({
			id: 'i1',
			sequence_index: 1,
			run_id: 'r1',
			client_ref: 'a',
			cost: '0.1',
			run: {failure_code: 'OOM', duration_ms: 5},
			error: {code: 'E'},
		});
		expect(JSON.stringify(slim).length).toBeLessThan(5000);
	});

	it('never cuts a surrogate pair in two', () => {
		const message = `${'a'.repeat(MAX_KEPT_MESSAGE - 1)}😀tail`;
		const slim = slimFailure({id: 'i', sequence_index: 0, run_id: null, status_code: 'failed', error: {message}});
		expect(slim.error?.message).toBe(`${'a'.repeat(MAX_KEPT_MESSAGE - 1)}…`);
	});
});

describe('the failure summary', () => {
	const failed = (i: number, code: string | null, message?: string): BatchItem => ({
		id: `i${i}`,
		sequence_index: i,
		run_id: `r${i}`,
		status_code: 'failed',
		run: {failure_code: code, failure_message: message ?? null},
	});
	const pages = (items: BatchItem[]) => new Map([['', {items, next: null, previous: null}]]);

	it('groups the causes fetched and the failures on held pages, each item once, the largest first', () => {
		const causes = new Map([
			['i1', failed(1, 'OOM')],
			['i2', failed(2, 'OOM')],
			['i3', failed(3, 'TIMEOUT')],
			['i4', failed(4, null, 'disk full\nat /var')],
		]);
		// i1 is on a page too (counted once); i5 only on a page; i6 failed per the lean list but unknown.
		const held = pages([failed(1, 'OOM'), failed(5, 'OOM'), {...failed(7, null), status_code: 'succeeded'}]);
		const leanItems = [1, 2, 3, 4, 5, 6].map((i) => lean(i, 'failed')).concat(lean(7, 'succeeded'));
		const summary = summarizeFailures(batchOf(leanItems), held, causes);
		expect(summary.groups.map((g) => [g.cause, g.count])).toEqual([
			['OOM', 3],
			['TIMEOUT', 1],
			['disk full', 1],
		]);
		expect(summary.pending).toBe(1);
		expect(failureLineText(summary, 80)).toBe('failures: OOM ×3  TIMEOUT ×1  disk full ×1 · 1 loading…');
	});

	it('leaves out what the lean list no longer calls failed, and works without a lean list', () => {
		const causes = new Map([
			['i1', failed(1, 'OOM')],
			['i2', failed(2, 'GONE')],
		]);
		expect(summarizeFailures(batchOf([lean(1, 'failed'), lean(2, 'succeeded')]), new Map(), causes).groups.map((g) => g.cause)).toEqual(['OOM']);
		expect(summarizeFailures({...batchOf([]), items: undefined}, new Map(), causes).groups).toHaveLength(2);
	});

	it('fits the width, says "+N more", and is null when nothing failed', () => {
		const summary = {groups: Array.from({length: 30}, (_, i) => ({cause: `CAUSE_${i}`, count: 30 - i})), pending: 12};
		for (const columns of [20, 40, 60, 80, 120]) {
			const text = failureLineText(summary, columns)!;
			expect(displayWidth(text)).toBeLessThanOrEqual(columns);
			expect(text.startsWith('failures:')).toBe(true);
		}

		expect(failureLineText(summary, 80)).toMatch(/^failures: CAUSE_0 ×30 {2}.* {2}\+\d+ more · 12 loading…$/);
		expect(failureLineText({groups: [], pending: 3}, 80)).toBe('failures: 3 loading…');
		expect(failureLineText({groups: [], pending: 0}, 80)).toBeNull();
	});

	it('sanitizes causes from the server', () => {
		const text = failureLineText({groups: [{cause: '\u001B[2J\u202eOOM', count: 2}], pending: 0}, 80)!;
		expect(text).not.toMatch(/[\u001B\u202E]/);
		expect(text).toContain('OOM ×2');
	});
});

describe('matching the text shown', () => {
	it('matches the sanitized client_ref, and says when the server (raw text) would pick otherwise', async () => {
		const {isLeanRow, leanAsItem, serverMatchHolds} = await import('../../source/lib/triage.js');
		const link = lean(1, 'succeeded', '\u001B]8;;https://evil.example/\u001B\\click\u001B]8;;\u001B\\');
		const rewound = lean(2, 'succeeded', 'img-0016 \rOVERWRITTEN');
		const text = (t: string) => ({status: 'all' as const, text: t});
		expect(matchesFilter(link, text('evil'))).toBe(false);
		expect(matchesFilter(link, text('click'))).toBe(true);
		expect(matchesFilter(rewound, text('img-0016  OV'))).toBe(true);
		expect(serverMatchHolds([link, rewound], text('evil'))).toBe(false);
		expect(serverMatchHolds([link, rewound, lean(3, 'queued')], text('ref-'))).toBe(true);
		// A row is completed only by what was read in its status; else it is marked not loaded.
		const known: BatchItem = {id: 'i1', sequence_index: 1, run_id: 'r1', status_code: 'running', cost: null};
		expect(isLeanRow(leanAsItem(link, known))).toBe(true);
		const done = leanAsItem(link, {...known, status_code: 'succeeded', cost: '0.0100'});
		expect(isLeanRow(done)).toBe(false);
		expect(done.cost).toBe('0.0100');
	});
});
