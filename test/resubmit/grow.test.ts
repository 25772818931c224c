// One batch watched becomes a job when `R` creates batches from it (store/resubmit.ts): the job
// holds both, the job screen goes under the batch screen, the batch the job holds already (the
// same items' key gave it back) keeps its figures, and the end rules (--exit-on-complete) are the
// whole job's from then on.
import {describe, expect, it} from 'vitest';
import {systemClock} from '../../source/poller/clock.js';
import {watchRules, type WatchEnd} from '../../source/modes/rules.js';
import {createAppStore} from '../../source/store/store.js';
import {batch, T0} from '../ui/fixtures.js';

const running = batch({id: 'b-1', status_code: 'running', items_total: 10, items_succeeded: 5, items_failed: 2, items: []});
const done = batch({id: 'b-1', status_code: 'partial_succeeded', items_total: 10, items_succeeded: 8, items_failed: 2, items: []});
const created = batch({
	id: 'b-new',
	status_code: 'queued',
	items_total: 2,
	items_succeeded: 0,
	items_failed: 0,
	cost: null,
	items: [],
	metadata: {resubmitted_from: 'b-1'},
});

describe('one batch becoming a job', () => {
	it('holds both batches, puts the job screen under the batch screen, links the new one', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 10});
		store.getState().batchLoaded(running, T0);
		store.getState().resubmitCreated(created, 'b-1', 'key-1', T0 + 1);
		const {job, screens} = store.getState();
		expect(job?.ids).toEqual(['b-1', 'b-new']);
		expect(job?.selectedId).toBe('b-1');
		expect(job?.batches['b-1']?.batch?.items_succeeded).toBe(5);
		expect(job?.batches['b-new']?.from).toBe('b-1');
		expect(screens).toEqual(['job', 'list']);
		expect(store.getState().resubmit.sent).toEqual({'key-1': 'b-new'});
	});

	it('a batch given back by its key (a replay of its first answer) keeps the figures read since', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 10});
		store.getState().batchLoaded(done, T0);
		store.getState().resubmitCreated(created, 'b-1', 'key-1', T0 + 1);
		store.getState().jobBatchLoaded({...created, status_code: 'succeeded', items_succeeded: 2, cost: '0.04'}, T0 + 2);
		expect(store.getState().job?.batches['b-new']?.confirmed).toBe(true);
		store.getState().resubmitCreated(created, 'b-1', 'key-1', T0 + 3);
		const entry = store.getState().job?.batches['b-new'];
		expect(entry?.batch?.status_code).toBe('succeeded');
		expect(entry?.confirmed).toBe(true);
	});

	it('--exit-on-complete waits for the whole job once it is one', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 10});
		store.getState().batchLoaded(running, T0);
		const ends: WatchEnd[] = [];
		const dispose = watchRules(
			store,
			{exitOnComplete: true, exitStatus: false, failFast: false, timeoutMs: undefined, haltAfterData: false},
			systemClock,
			(end) => ends.push(end),
		);
		store.getState().resubmitCreated(created, 'b-1', 'key-1', T0 + 1);
		// The batch watched finished; the new one has not.
		store.getState().batchLoaded(done, T0 + 2);
		expect(ends).toEqual([]);
		store.getState().jobBatchLoaded({...created, status_code: 'succeeded', items_succeeded: 2, cost: '0.04'}, T0 + 3);
		expect(ends.map((end) => end.reason)).toEqual(['complete']);
		dispose();
	});
});
