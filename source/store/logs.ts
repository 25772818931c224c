// The run view's actions, a slice merged into the store (store.ts): opening a run, stepping to
// the previous/next item's run (across a page's edge, poller/navigator.ts fetches the page), the
// lines read by the poller (bounded, never twice), scrolling, following and the view's toggles
// (the search is search.ts). Knows nothing of HTTP or React.
import type {BatchItem, LogLine, NodeRun, Run} from '../api/types.js';
import {appendLines, prependLines} from '../lib/log-buffer.js';
import {isTerminal} from '../lib/status.js';
import {sameJson} from './compare.js';
import {initialFetch, MAX_LOG_LINES, MAX_RUNS_KEPT, newLogs, type LogFetch, type LogsState} from './run-state.js';
import {stepPlace} from './list-state.js';
import {currentPage, type AppState} from './state.js';
import {holding, onTop, popped} from './stack.js';

/** What a read of lines changes besides the lines (answers for a run left or reset are dropped by the reader: store/screen.ts). */
export interface LogUpdate {
	fetch?: Partial<LogFetch>;
}

export interface LogsActions {
	/** Shows the selected item's run. False when there is no item. */
	openLogs(): boolean;
	/** Back to the list, the item whose run was shown selected. */
	closeLogs(): void;
	/**
	 * The previous (−1) or next (1) item's run on the page, selecting it: 'moved'. At the page's
	 * edge, 'beyond' when a page lies that way (the poller's navigator crosses to it), 'end' at
	 * the list's end; 'lost' when the item shown is not on the page on screen.
	 */
	stepRun(delta: -1 | 1): StepRun;
	/** A word on the run view's status line (cleared by the next key). */
	setRunNotice(notice: string | null): void;
	/** The item's run id became known (the item left the queue). */
	runStarted(itemId: string, runId: string): void;
	runLoaded(runId: string, run: Run, nodeRuns?: NodeRun[]): void;
	runMissing(runId: string): void;
	/** Newer lines (oldest first), and the cursors to go on with. */
	logsLoaded(runId: string, lines: LogLine[], update?: LogUpdate | null): void;
	/** Older lines (oldest first), read because the user scrolled above the first held line. */
	logsOlderLoaded(runId: string, lines: LogLine[], update?: LogUpdate | null): void;
	logsFailed(runId: string, message: string): void;
	/** True when it asks for older lines (scrolled above the first line held): they are to be read now. */
	scrollLogs(delta: number, visibleRows: number): boolean;
	/** G/End: the end, following; reloads the end when newer lines were dropped (then true: to be read now). */
	followLogs(): boolean;
	/** s: follow on/off; true as followLogs. */
	toggleFollow(visibleRows: number): boolean;
	toggleTimestamps(): void;
	toggleWrap(): void;
}

export type StepRun = 'moved' | 'beyond' | 'end' | 'lost';

export type Set = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;
export type Get = () => AppState;

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

function pageItems(state: AppState): BatchItem[] {
	return currentPage(state)?.items ?? [];
}

/** Whether lines older than the first held one can be read. */
export function canLoadOlder(logs: LogsState): boolean {
	const {olderSource, phase} = logs.fetch;
	return logs.runId !== null && logs.loaded && phase !== 'simple' && (olderSource === 'cursor' || olderSource === 'locate');
}

export function createLogsSlice(set: Set, get: Get): LogsActions {
	/** Applies `change` to the run's state, on screen or kept. */
	const updateRun = (runId: string, change: (logs: LogsState) => LogsState): void => {
		const {logs, runCache} = get();
		const apply = (entry: LogsState): LogsState => (entry.runId === runId ? change(entry) : entry);
		if (logs?.runId === runId) {
			const next = apply(logs);
			if (next !== logs) set({logs: next});
			return;
		}

		const index = runCache.findIndex((entry) => entry.runId === runId);
		const entry = runCache[index];
		if (!entry) return;
		const next = apply(entry);
		if (next !== entry) set({runCache: runCache.map((e, i) => (i === index ? next : e))});
	};

	/** Changes the run on screen; any change clears the notice. */
	const patch = (change: Partial<LogsState>): void => {
		const {logs} = get();
		if (logs) set({logs: {...logs, notice: null, ...change}});
	};

	const show = (item: BatchItem): void => {
		const {logs, runCache, logSearch, screens} = get();
		if (logs?.itemId === item.id) {
			const started = logs.runId === null && item.run_id !== null;
			// The same run: a search being typed over it stays open.
			set({screens: holding(screens, 'logs'), logs: started ? {...logs, runId: item.run_id, fetch: initialFetch(logs.fetch.generation + 1)} : logs});
			return;
		}

		const cached = runCache.find((entry) => entry.itemId === item.id);
		const cache = runCache.filter((entry) => entry.itemId !== item.id);
		if (logs) cache.push({...logs, notice: null});
		while (cache.length > MAX_RUNS_KEPT - 1) cache.shift();
		let next = cached ?? newLogs(item);
		if (next.runId === null && item.run_id !== null) next = {...next, runId: item.run_id, fetch: initialFetch(next.fetch.generation + 1)};
		set({screens: onTop(screens, 'logs'), logs: next, runCache: cache, logSearch: {...logSearch, hitId: null, prompt: null}});
	};

	const followLogs = (): boolean => {
		const {logs} = get();
		if (!logs) return false;
		if (logs.droppedNewer > 0) {
			patch({
				lines: [],
				dropped: 0,
				droppedNewer: 0,
				loaded: false,
				scroll: null,
				olderWanted: 0,
				fetch: initialFetch(logs.fetch.generation + 1),
			});
			return true;
		}

		if (logs.scroll !== null || logs.notice !== null) patch({scroll: null});
		return false;
	};

	return {
		openLogs() {
			const state = get();
			const item = pageItems(state)[state.list.selected];
			if (!item) return false;
			show(item);
			return true;
		},

		closeLogs() {
			const state = get();
			const index = state.logs ? pageItems(state).findIndex((i) => i.id === state.logs?.itemId) : -1;
			const list = index >= 0 ? {...state.list, selected: index, selectedId: state.logs?.itemId ?? null} : state.list;
			set({screens: popped(state.screens, 'logs'), list, logSearch: {...state.logSearch, prompt: null}});
		},

		stepRun(delta) {
			const state = get();
			if (!state.logs) return 'lost';
			const items = pageItems(state);
			const index = items.findIndex((i) => i.id === state.logs?.itemId);
			const target = index === -1 ? undefined : items[index + delta];
			if (index === -1) {
				patch({notice: 'this item is not on the page on screen'});
				return 'lost';
			}

			if (!target) {
				const page = currentPage(state);
				const beyond = stepPlace(state.list, page, delta) !== null;
				if (beyond) patch({notice: delta > 0 ? 'next page…' : 'previous page…'});
				else patch({notice: delta > 0 ? 'last item of the list' : 'first item of the list'});
				return beyond ? 'beyond' : 'end';
			}

			set({list: {...state.list, selected: index + delta, selectedId: target.id}});
			show(target);
			return 'moved';
		},

		setRunNotice(notice) {
			const {logs} = get();
			if (logs && logs.notice !== notice) set({logs: {...logs, notice}});
		},

		runStarted(itemId, runId) {
			const {logs, runCache} = get();
			const start = (entry: LogsState): LogsState =>
				entry.itemId === itemId && entry.runId === null ? {...entry, runId, runMissing: false, fetch: initialFetch(entry.fetch.generation + 1)} : entry;
			const next = logs ? start(logs) : null;
			const cache = runCache.map(start);
			if (next !== logs || cache.some((entry, i) => entry !== runCache[i])) set({logs: next, runCache: cache});
		},

		runLoaded(runId, run, nodeRuns) {
			const {logs: _dropped, ...lean} = run;
			updateRun(runId, (logs) => {
				const nodes = nodeRuns ?? run.node_runs ?? logs.nodeRuns;
				const runFinal = isTerminal(run.status_code ?? '');
				if (logs.run && sameJson(logs.run, lean) && sameJson(logs.nodeRuns, nodes) && !logs.runMissing && logs.runFinal === runFinal) return logs;
				return {...logs, run: lean as Run, nodeRuns: nodes, runMissing: false, runFinal};
			});
		},

		runMissing(runId) {
			updateRun(runId, (logs) => (logs.runMissing ? logs : {...logs, runMissing: true}));
		},

		logsLoaded(runId, lines, given) {
			const update = given ?? {};
			updateRun(runId, (logs) => {
				// Newer lines were dropped for older ones: appending now would leave a gap.
				const change = logs.droppedNewer > 0 ? {lines: logs.lines, added: 0, dropped: 0} : appendLines(logs.lines, lines, MAX_LOG_LINES);
				const fetch = update.fetch ? {...logs.fetch, ...update.fetch} : logs.fetch;
				if (change.added === 0 && logs.loaded && logs.error === null && sameJson(fetch, logs.fetch)) return logs;
				return {
					...logs,
					lines: change.lines,
					dropped: logs.dropped + change.dropped,
					scroll: logs.scroll === null ? null : Math.max(0, logs.scroll - change.dropped),
					// The page older than the held lines (or the log's start) is no longer next to them: find it again when asked.
					fetch:
						change.dropped > 0 && (fetch.olderSource === 'cursor' || fetch.olderSource === 'start')
							? {...fetch, older: null, olderSource: 'locate'}
							: fetch,
					loaded: true,
					error: null,
				};
			});
		},

		logsOlderLoaded(runId, lines, given) {
			const update = given ?? {};
			updateRun(runId, (logs) => {
				const change = prependLines(logs.lines, lines, MAX_LOG_LINES);
				const fetch = update.fetch ? {...logs.fetch, ...update.fetch} : logs.fetch;
				const wanted = logs.olderWanted;
				const top = logs.scroll ?? 0;
				return {
					...logs,
					lines: change.lines,
					droppedNewer: logs.droppedNewer + change.dropped,
					scroll: change.added > 0 ? Math.max(0, top + change.added - wanted) : logs.scroll,
					fetch,
					olderWanted: 0,
					error: null,
				};
			});
		},

		logsFailed(runId, message) {
			updateRun(runId, (logs) => (logs.error === message && logs.olderWanted === 0 ? logs : {...logs, error: message, olderWanted: 0}));
		},

		scrollLogs(delta, visibleRows) {
			const {logs} = get();
			if (!logs) return false;
			const maxTop = Math.max(0, logs.lines.length - visibleRows);
			// A search may have put the top line lower than the last screenful (the view fills upward).
			const top = Math.min(logs.scroll ?? maxTop, maxTop);
			const target = top + delta;
			if (target < 0 && top === 0 && canLoadOlder(logs)) {
				if (logs.olderWanted !== 0) return false;
				patch({scroll: 0, olderWanted: -target});
				return true;
			}

			const next = clamp(target, 0, maxTop);
			const scroll = next >= maxTop ? null : next;
			if (scroll !== logs.scroll || logs.notice !== null) patch({scroll});
			return false;
		},

		followLogs,

		toggleFollow(visibleRows) {
			const {logs} = get();
			if (!logs) return false;
			if (logs.scroll !== null) return followLogs();
			patch({scroll: Math.max(0, logs.lines.length - visibleRows)});
			return false;
		},

		toggleTimestamps() {
			set((s) => ({logPrefs: {...s.logPrefs, timestamps: !s.logPrefs.timestamps}}));
		},

		toggleWrap() {
			set((s) => ({logPrefs: {...s.logPrefs, wrap: !s.logPrefs.wrap}}));
		},
	};
}
