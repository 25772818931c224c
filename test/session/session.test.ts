// The session: a command changes the store and asks for exactly the reads the change needs; the
// one token of what is on screen says which answers still belong there; the trail rule is one.
import {describe, expect, it} from 'vitest';
import {Command} from '../../source/lib/commands.js';
import {Session} from '../../source/session/session.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {stepPlace} from '../../source/store/list-state.js';
import {LIST_PARTS, RUN_PARTS, screenToken, stillShown} from '../../source/store/screen.js';
import {controller} from '../helpers/app.js';
import {filledStore, item, items, logLine, page} from '../ui/fixtures.js';

const CONTEXT = {listRows: 10, logRows: 10};

function session(store = filledStore()) {
	const fetcher = controller();
	const commands = new Session({store, fetcher, quit: fetcher.quit, screens: SCREENS});
	const run = (...names: Command[]) => {
		for (const name of names) commands.run(name, CONTEXT);
	};

	return {store, fetcher, commands, run};
}

describe('a command asks for the reads it needs, and no others', () => {
	it('moving within the page reads nothing; another page, a run opened, a filter read at once', () => {
		const s = session();
		s.run(Command.MoveDown, Command.MoveDown, Command.ScreenDown, Command.First, Command.Last, Command.MoveUp);
		expect(s.fetcher.refreshNow).not.toHaveBeenCalled();
		s.run(Command.NextPage);
		expect(s.store.getState().list.cursor).toBe('c2');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(1);
		s.run(Command.PreviousPage);
		expect(s.store.getState().list.cursor).toBe(null);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(2);
		// Already on the first page: nothing moves, nothing is read.
		s.run(Command.PreviousPage);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(2);
		s.run(Command.OpenLogs);
		expect(s.store.getState().view).toBe('logs');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(3);
		// Esc back to the list: the list is held and polled; nothing to read now.
		s.run(Command.Back);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(3);
		s.run(Command.CycleFilter);
		expect(s.store.getState().list.statusFilter).toBe('failed');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(4);
	});

	it('the filter prompt reads nothing while typing, and the list once on Enter', () => {
		const s = session();
		s.run(Command.FilterText);
		s.commands.prompt({kind: 'type', text: 'ref-4'}, CONTEXT);
		s.commands.prompt({kind: 'erase'}, CONTEXT);
		expect(s.store.getState().triage.prompt).toBe('ref-');
		expect(s.fetcher.refreshNow).not.toHaveBeenCalled();
		s.commands.prompt({kind: 'apply'}, CONTEXT);
		expect(s.store.getState().list.textFilter).toBe('ref-');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(1);
	});

	it('back to a run from the help reads it (the run view is not read while hidden); back to the list does not', () => {
		const s = session();
		s.run(Command.Help, Command.Back);
		expect(s.fetcher.refreshNow).not.toHaveBeenCalled();
		s.run(Command.OpenLogs, Command.Help);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(1);
		s.run(Command.Back);
		expect(s.store.getState().view).toBe('logs');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(2);
	});

	it('stepping to the next run reads it; at the page edge the navigator crosses, then the run it landed on is read', async () => {
		const store = filledStore(items(0, 3));
		const s = session(store);
		s.run(Command.OpenLogs, Command.NextRun);
		expect(store.getState().logs?.itemId).toBe('item-1');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(2);
		s.run(Command.NextRun, Command.NextRun);
		expect(s.fetcher.stepRunAcross).toHaveBeenCalledWith(1);
		// What the navigator does when the next page is read: it lands on its first item's run.
		store.getState().pageLoaded('c2', page([item(3)]), 0);
		store.getState().landOn('c2', [null], 'item-3');
		store.getState().openLogs();
		await Promise.resolve();
		await Promise.resolve();
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(4);
	});

	it('scrolling above the first line held asks for older lines now; scrolling within them does not', () => {
		const s = session();
		s.run(Command.OpenLogs);
		const {logs} = s.store.getState();
		s.store.getState().logsLoaded(
			logs!.runId!,
			Array.from({length: 30}, (_, n) => logLine(n)),
			{fetch: {phase: 'follow', older: 'older-cursor', olderSource: 'cursor'}},
		);
		const before = s.fetcher.refreshNow.mock.calls.length;
		s.run(Command.MoveUp, Command.MoveUp, Command.First);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(before);
		s.run(Command.MoveUp);
		expect(s.store.getState().logs?.olderWanted).toBe(1);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(before + 1);
	});

	it('pause tells the fetcher; r refreshes; q quits', () => {
		const s = session();
		s.run(Command.TogglePause);
		expect(s.store.getState().paused).toBe(true);
		expect(s.fetcher.pauseChanged).toHaveBeenCalledTimes(1);
		s.run(Command.Refresh, Command.Quit);
		expect(s.fetcher.refresh).toHaveBeenCalledTimes(1);
		expect(s.fetcher.quit).toHaveBeenCalledTimes(1);
	});
});

describe('o: the order', () => {
	it('reads the first page of the new order at once, drops the pages of the old one and its answers; the selected item stays selected if there', () => {
		const s = session();
		s.run(Command.NextPage);
		s.store.getState().pageLoaded('c2', page(items(50, 100), null, null), 1);
		s.run(Command.PreviousPage, Command.MoveDown, Command.MoveDown);
		expect(s.store.getState().list.pages.size).toBe(2);
		s.fetcher.refreshNow.mockClear();
		const before = screenToken(s.store.getState());
		s.run(Command.CycleOrder);
		const {list} = s.store.getState();
		expect(list.order).toBe('finished');
		expect([list.cursor, list.trail, list.pages.size, list.selectedId]).toEqual([null, [], 0, 'item-2']);
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(1);
		// An answer asked under the old order is dropped.
		expect(stillShown(s.store.getState(), before, LIST_PARTS)).toBe(false);
		// The first page in the new order, sorted here (the fixtures' server did not sort it): item-2 still selected.
		s.store.getState().refuseOrder();
		const rows = items(0, 5).map((row, i) => ({...row, completed_at: `2026-04-01T12:00:0${i}Z`}));
		s.store.getState().pageLoaded(null, page(rows), 2);
		const held = s.store
			.getState()
			.list.pages.get('')!
			.items.map((row) => row.id);
		expect(held).toEqual(['item-4', 'item-3', 'item-2', 'item-1', 'item-0']);
		expect(s.store.getState().list.selected).toBe(2);
		s.run(Command.CycleOrder, Command.CycleOrder, Command.CycleOrder);
		expect(s.store.getState().list.order).toBe('sequence');
		expect(s.fetcher.refreshNow).toHaveBeenCalledTimes(4);
	});
});

describe('one token of what is on screen', () => {
	it('a page answer belongs to its batch, filter and page; a run answer to its run and the generation of its lines', () => {
		const s = session();
		const start = screenToken(s.store.getState());
		s.run(Command.OpenLogs);
		const open = screenToken(s.store.getState());
		expect(stillShown(s.store.getState(), start, LIST_PARTS)).toBe(true);
		expect(stillShown(s.store.getState(), start, RUN_PARTS)).toBe(false);
		// A reset of the run's lines (G after newer lines were dropped) is another generation.
		s.store.setState({logs: {...s.store.getState().logs!, droppedNewer: 5}});
		s.run(Command.Follow);
		expect(stillShown(s.store.getState(), open, RUN_PARTS)).toBe(false);
		s.run(Command.Back, Command.NextPage);
		expect(stillShown(s.store.getState(), start, LIST_PARTS)).toBe(false);
	});
});

describe('the trail: one rule for n/p, the failure walk and [/]', () => {
	it("next pushes, previous pops, and with no trail previous takes the server's cursor", () => {
		expect(stepPlace({cursor: null, trail: []}, {next: 'c2', previous: null}, 1)).toEqual({cursor: 'c2', trail: [null]});
		expect(stepPlace({cursor: 'c2', trail: [null]}, {next: 'c3', previous: 'p1'}, -1)).toEqual({cursor: null, trail: []});
		expect(stepPlace({cursor: 'c9', trail: []}, {next: null, previous: 'c8'}, -1)).toEqual({cursor: 'c8', trail: []});
		expect(stepPlace({cursor: 'c9', trail: []}, {next: null, previous: 'c8'}, 1)).toBeNull();
		expect(stepPlace({cursor: null, trail: []}, {next: 'c2', previous: null}, -1)).toBeNull();
		expect(stepPlace({cursor: null, trail: []}, undefined, 1)).toBeNull();
	});
});
