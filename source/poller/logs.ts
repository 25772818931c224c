// The run view's fetching, one step per poller tick: the run (GET /v1/runs/{id}) until it is
// read finished, its node runs, and its log lines: the newest page first, then following
// forward from the API's cursor, older pages when the user scrolls above the first held line.
// Lines held are never asked for again (the cursor moves past them) or, where the API gives no
// such cursor, are skipped by id. Plain TypeScript: the client and the store, no React.
import type {RunflowClient} from '../api/client.js';
import {isApiError, toApiError} from '../api/errors.js';
import type {BatchItem, LogLine, NodeRun} from '../api/types.js';
import {isTerminal} from '../lib/status.js';
import type {LogFetch, LogsState} from '../store/run-state.js';
import {findHeldItem, type AppState} from '../store/state.js';
import {RUN_PARTS, screenToken, stillShown, type ScreenToken} from '../store/screen.js';
import type {AppStore} from '../store/store.js';
import {ASC, DESC, LogReads} from './log-reads.js';

/** Forward pages read at most per tick (a long log catches up over a few ticks). */
const LOG_PAGES_PER_TICK = 10;
/** Pages read at most for one press above the first line, when they hold only lines already held. */
const OLDER_TRIES = 3;

/** The API refused a parameter (the sort or the projection): read the plain way instead. */
const refused = (error: unknown): boolean => isApiError(error) && error.kind === 'invalid_request';

function findItem(state: AppState, itemId: string): Pick<BatchItem, 'run_id' | 'status_code'> | undefined {
	return findHeldItem(state.list.pages, itemId) ?? state.batch?.items?.find((i) => i.id === itemId);
}

export class LogFollower {
	constructor(
		private readonly client: RunflowClient,
		private readonly store: AppStore,
	) {}

	/** What the reads of this tick are for: their answers are dropped once the screen shows another run (or reset its lines). */
	private token: ScreenToken | null = null;

	/** The store's actions, for an answer still wanted; null when the screen moved on. */
	private get actions() {
		const state = this.store.getState();
		return this.token && !stillShown(state, this.token, RUN_PARTS) ? null : state;
	}

	private current(runId: string): LogsState | null {
		const {logs} = this.store.getState();
		return logs?.runId === runId ? logs : null;
	}

	/** One step for the run on screen. Rejects only when `signal` aborts; other errors go to the screen. */
	async tick(signal: AbortSignal): Promise<void> {
		const state = this.store.getState();
		let logs = state.logs;
		if (state.view !== 'logs' || !logs) return;
		const item = findItem(state, logs.itemId);
		if (logs.runId === null) {
			if (!item?.run_id) return;
			state.runStarted(logs.itemId, item.run_id);
			logs = this.store.getState().logs;
			if (!logs?.runId) return;
		}

		this.token = screenToken(this.store.getState());

		const {runId} = logs;
		const reads = new LogReads(this.client, signal);
		try {
			await this.readRun(runId, logs, signal);
			logs = this.current(runId);
			if (!logs || logs.runMissing) return;
			const final = logs.runFinal || (item !== undefined && isTerminal(item.status_code));
			if (logs.olderWanted > 0) await this.readOlder(reads, logs);
			logs = this.current(runId);
			if (logs) await this.readNewer(reads, logs, final);
		} catch (caught) {
			if (signal.aborted) throw caught;
			this.actions?.logsFailed(runId, toApiError(caught).message);
		}
	}

	private async readRun(runId: string, logs: LogsState, signal: AbortSignal): Promise<void> {
		if (logs.runFinal && logs.run) return;
		let run;
		try {
			run = await this.client.getRun(runId, {signal});
		} catch (caught) {
			if (isApiError(caught) && caught.kind === 'not_found') {
				this.actions?.runMissing(runId);
				return;
			}

			throw caught;
		}

		let nodes: NodeRun[] | undefined;
		if (run.node_runs === undefined && run.has_node_runs !== false) {
			nodes = await this.client.listNodeRuns(runId, {limit: 100}, {signal}).then(
				(page) => page.items,
				() => undefined,
			);
		}

		this.actions?.runLoaded(runId, run, nodes);
	}

	private loaded(runId: string, lines: LogLine[], fetch: Partial<LogFetch>): void {
		this.actions?.logsLoaded(runId, lines, {fetch});
	}

	private async readNewer(reads: LogReads, logs: LogsState, final: boolean): Promise<void> {
		const runId = logs.runId!;
		let {phase} = logs.fetch;
		if (phase === 'done' || logs.droppedNewer > 0) return;
		if (phase === 'tail') {
			try {
				const page = await reads.newest(runId);
				phase = final ? 'done' : 'locate';
				const older = page.next;
				this.loaded(runId, page.items.slice().reverse(), {phase, older, olderSource: older ? 'cursor' : 'start'});
			} catch (caught) {
				if (!refused(caught)) throw caught;
				phase = 'simple';
				this.loaded(runId, [], {phase, forward: null, forwardSkip: 0, olderSource: 'unavailable'});
			}
		}

		if (phase === 'locate') {
			const newest = this.current(runId)?.lines.at(-1);
			let found = null;
			try {
				found = newest ? await reads.locateAfter(runId, newest.id, ASC) : {cursor: null, skip: 0};
			} catch (caught) {
				if (!refused(caught)) throw caught;
			}

			// Not found (or refused): read from the start, skipping what is held.
			phase = found ? 'follow' : 'simple';
			this.loaded(runId, [], {phase, forward: found?.cursor ?? null, forwardSkip: found?.skip ?? 0});
		}

		if (phase === 'follow' || phase === 'simple') await this.follow(reads, runId, final);
	}

	/** Reads forward from the cursor until the end (or the per-tick limit). */
	private async follow(reads: LogReads, runId: string, final: boolean): Promise<void> {
		const logs = this.current(runId);
		if (!logs) return;
		const simple = logs.fetch.phase === 'simple';
		let {forward, forwardSkip} = logs.fetch;
		for (let i = 0; i < LOG_PAGES_PER_TICK; i++) {
			const page = await reads.forward(runId, forward, simple);
			const count = page.items.length;
			if (page.next && count > 0 && page.next !== forward) {
				forward = page.next;
				forwardSkip = 0;
				this.loaded(runId, page.items, {forward, forwardSkip});
				continue;
			}

			// The end, for now. New lines in a page without a `next`: a cursor past them, so the
			// next tick reads only what comes after (not needed once the run is finished).
			if (count > forwardSkip && !simple && !final) {
				({cursor: forward, skip: forwardSkip} = await reads.cut(runId, forward, count, page.items.at(-1)?.id, ASC));
			} else {
				forwardSkip = count;
			}

			this.loaded(runId, page.items, {forward, forwardSkip, ...(final ? {phase: 'done' as const} : {})});
			return;
		}
	}

	/** Older lines, prepended; the cursor found first by a walk when the held lines moved. */
	private async readOlder(reads: LogReads, logs: LogsState): Promise<void> {
		const runId = logs.runId!;
		const {olderSource} = logs.fetch;
		let cursor = logs.fetch.older;
		if (olderSource === 'locate') {
			const first = logs.lines[0];
			const found = first ? await reads.locateAfter(runId, first.id, DESC) : null;
			if (!found) {
				this.actions?.logsOlderLoaded(runId, [], {fetch: {olderSource: first ? 'unavailable' : 'start'}});
				return;
			}

			cursor = found.cursor;
		} else if (olderSource !== 'cursor') {
			this.actions?.logsOlderLoaded(runId, []);
			return;
		}

		const held = new Set(logs.lines.map((line) => line.id));
		for (let tries = 0; tries < OLDER_TRIES; tries++) {
			const page = await reads.older(runId, cursor);
			cursor = page.next;
			const lines = page.items.slice().reverse();
			const added = lines.some((line) => !held.has(line.id));
			if (added || !cursor || tries === OLDER_TRIES - 1) {
				this.actions?.logsOlderLoaded(runId, lines, {fetch: {older: cursor, olderSource: cursor ? 'cursor' : 'start'}});
				return;
			}
		}
	}
}
