// The triage actions of the store: filters (paging reset, the unfiltered place kept), the
// prompt, a refused q, landing on a jump's target.
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../source/store/store.js';
import {batch, items, page, T0} from '../ui/fixtures.js';

function store() {
	const s = createAppStore({batchId: 'b-1', pageSize: 50});
	s.getState().batchLoaded(batch(), T0);
	s.getState().pageLoaded(null, page(items(0, 50), 'c2'), T0);
	s.getState().nextPage();
	s.getState().pageLoaded('c2', page(items(50, 100), 'c3', 'p1'), T0);
	s.getState().move(3);
	return s;
}

describe('filters', () => {
	it('a filter starts its list at the first page; clearing it goes back where the list was', () => {
		const s = store();
		const before = s.getState().list;
		expect(before.cursor).toBe('c2');
		s.getState().cycleStatusFilter();
		expect(s.getState().list).toMatchObject({statusFilter: 'failed', cursor: null, trail: [], selected: 0});
		expect(s.getState().list.pages.size).toBe(0);
		// Keeps the item selected if the filtered list's first page holds it.
		expect(s.getState().list.selectedId).toBe('item-53');
		s.getState().cycleStatusFilter();
		expect(s.getState().list.statusFilter).toBe('running');
		s.getState().setTextFilter('ref');
		expect(s.getState().list.textFilter).toBe('ref');
		s.getState().setStatusFilter('all');
		expect(s.getState().list.cursor).toBeNull();
		s.getState().setTextFilter('  ');
		const after = s.getState().list;
		expect(after).toMatchObject({statusFilter: 'all', textFilter: '', cursor: 'c2', trail: [null], selected: 3, selectedId: 'item-53'});
		expect(after.pages).toBe(before.pages);
		expect(s.getState().triage.saved).toBeNull();
	});

	it('a refused q restarts the list built here from its first page', () => {
		const s = store();
		s.getState().setStatusFilter('failed');
		s.getState().pageLoaded(
			null,
			page(
				items(0, 50, () => 'failed'),
				'f2',
			),
			T0,
		);
		s.getState().nextPage();
		expect(s.getState().list.cursor).toBe('f2');
		s.getState().rejectQuery('status_code:failed OR status_code:errored');
		expect(s.getState().list).toMatchObject({cursor: null, trail: []});
		expect(s.getState().triage.rejectedQueries.has('status_code:failed OR status_code:errored')).toBe(true);
		// Another q refused leaves the list alone.
		s.getState().nextPage();
		s.getState().rejectQuery('something else');
		expect(s.getState().list.cursor).toBe('f2');
	});
});

describe('the prompt', () => {
	it('opens with the current text, takes no control or bidi characters, at most 100, and applies trimmed', () => {
		const s = store();
		s.getState().setTextFilter('inv');
		s.getState().openPrompt();
		expect(s.getState().triage.prompt).toBe('inv');
		s.getState().editPrompt('in\u001B[31mv\u202E\u0007 x ');
		expect(s.getState().triage.prompt).toBe('in[31mv x ');
		s.getState().editPrompt('y'.repeat(300));
		expect(s.getState().triage.prompt).toHaveLength(100);
		s.getState().editPrompt(' 0042 ');
		s.getState().closePrompt(true);
		expect(s.getState().triage.prompt).toBeNull();
		expect(s.getState().list.textFilter).toBe('0042');
		s.getState().openPrompt();
		s.getState().editPrompt('zzz');
		s.getState().closePrompt(false);
		expect(s.getState().list.textFilter).toBe('0042');
	});
});

describe('landOn', () => {
	it('shows a loaded page with the item selected, and refuses an item not on it', () => {
		const s = store();
		expect(s.getState().landOn(null, [], 'item-7')).toBe(true);
		expect(s.getState().list).toMatchObject({cursor: null, trail: [], selected: 7, selectedId: 'item-7'});
		expect(s.getState().landOn('c2', [null], 'item-7')).toBe(false);
		expect(s.getState().landOn('c9', [null], 'item-7')).toBe(false);
		expect(s.getState().list.cursor).toBeNull();
	});
});
