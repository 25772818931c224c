// Which screen is shown is a stack (store/stack.ts): every way down it goes back where the user
// came from. Keys are sent to a session built from the screens' records, over a store filled by
// hand (no server: nothing here crosses the wire).
import {describe, expect, it, vi} from 'vitest';
import {Command} from '../../source/lib/commands.js';
import {Session} from '../../source/session/session.js';
import {createAppStore} from '../../source/store/store.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {controller} from '../helpers/app.js';
import {batch, items, page, T0} from '../ui/fixtures.js';

const CONTEXT = {listRows: 10, logRows: 10};

function job() {
	const store = createAppStore({batchId: 'b-1', pageSize: 10, jobIds: ['b-1', 'b-2']});
	for (const id of ['b-1', 'b-2']) store.getState().jobBatchLoaded(batch({id}), T0);
	const fetcher = {...controller(), batchOpened: vi.fn(), batchClosed: vi.fn(), goToItem: vi.fn(async () => {}), refreshJob: vi.fn()};
	const session = new Session({store, fetcher, quit: fetcher.quit, screens: SCREENS});
	const run = (...commands: Command[]) => {
		for (const command of commands) session.run(command, CONTEXT);
	};

	const shown = () => ({screens: store.getState().screens, view: store.getState().view});
	return {store, fetcher, session, run, shown};
}

describe('the stack of screens', () => {
	it('the help over the job screen goes back to it; a batch, a run, a search over it, the help over that: each way down goes back one', () => {
		const t = job();
		expect(t.shown()).toEqual({screens: ['job'], view: 'job'});
		t.run(Command.Help);
		expect(t.shown()).toEqual({screens: ['job', 'help'], view: 'help'});
		t.run(Command.Back);
		expect(t.shown()).toEqual({screens: ['job'], view: 'job'});

		t.run(Command.MoveDown, Command.OpenBatch);
		expect(t.shown()).toEqual({screens: ['job', 'list'], view: 'list'});
		expect(t.fetcher.batchOpened).toHaveBeenCalledTimes(1);
		t.store.getState().pageLoaded(null, page(items(0, 5)), T0);
		t.run(Command.MoveDown, Command.MoveDown, Command.OpenLogs);
		expect(t.shown()).toEqual({screens: ['job', 'list', 'logs'], view: 'logs'});

		// The search is drawn over the run: the run is still the page shown (and read).
		t.run(Command.Search);
		expect(t.shown()).toEqual({screens: ['job', 'list', 'logs', 'search'], view: 'logs'});
		t.session.prompt({kind: 'type', text: 'q?'}, CONTEXT);
		expect(t.store.getState().logSearch.prompt).toBe('q?');
		// While the prompt is on top, the run's keys do nothing: `?` was typed, not the help.
		t.run(Command.Help);
		expect(t.shown().screens).toEqual(['job', 'list', 'logs', 'search']);
		t.session.prompt({kind: 'cancel'}, CONTEXT);
		expect(t.shown()).toEqual({screens: ['job', 'list', 'logs'], view: 'logs'});

		t.run(Command.Help);
		t.run(Command.Back);
		expect(t.shown()).toEqual({screens: ['job', 'list', 'logs'], view: 'logs'});
		t.run(Command.Back);
		expect(t.shown()).toEqual({screens: ['job', 'list'], view: 'list'});
		expect(t.store.getState().list.selected).toBe(2);
		t.run(Command.Back);
		expect(t.shown()).toEqual({screens: ['job'], view: 'job'});
		expect(t.store.getState().job?.selectedId).toBe('b-2');
		expect(t.fetcher.batchClosed).toHaveBeenCalledTimes(1);
		// Nothing lies below the job screen: Esc there is no key.
		t.run(Command.Back);
		expect(t.shown()).toEqual({screens: ['job'], view: 'job'});
	});

	it('closing the run closes the search typed over it; opening another run from the list drops nothing below', () => {
		const t = job();
		t.run(Command.OpenBatch);
		t.store.getState().pageLoaded(null, page(items(0, 5)), T0);
		t.run(Command.OpenLogs, Command.Search);
		t.store.getState().closeLogs();
		expect(t.shown()).toEqual({screens: ['job', 'list'], view: 'list'});
		expect(t.store.getState().logSearch.prompt).toBeNull();
		t.run(Command.FilterText);
		expect(t.shown()).toEqual({screens: ['job', 'list', 'filter'], view: 'list'});
		t.session.prompt({kind: 'apply'}, CONTEXT);
		expect(t.shown()).toEqual({screens: ['job', 'list'], view: 'list'});
	});
});
