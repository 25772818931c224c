// The reads the log follower makes, on the API's cursors only (no cursor is ever built here).
// - the newest page: sort_by timestamp:desc; its `next` leads to older lines;
// - following: sort_by timestamp:asc from a cursor, which stays valid while the run appends;
// - `locateAfter`: a cursor just past a given line, found by walking ids only (fields=id), then
//   cutting the page that holds it (limit = its position + 1: the cut page's `next` is the
//   cursor past it). When the API ignores the cut (a cursor URL fixing its own limit), the
//   answer is the page's cursor and how many of its lines to skip.
import type {RunflowClient} from '../api/client.js';
import type {LogLine, Page} from '../api/types.js';

/** The newest page, shown first, and each older page. */
export const LOG_PAGE_SIZE = 200;
/** Following: as many as the API gives at once (1..500), so catching up takes few requests. */
export const FORWARD_PAGE_SIZE = 500;
export const ID_PAGE_SIZE = 500;
/** Id pages walked at most to find a line (250,000 lines). */
const MAX_WALK_PAGES = 500;
export const ASC = 'timestamp:asc';
export const DESC = 'timestamp:desc';
/** Every field of a log line, asked for explicitly: a cursor from an id walk may carry fields=id. */
export const FULL_FIELDS = 'id,run_id,level_code,message,timestamp,meta';

export interface Position {
	/** Read from here… */
	cursor: string | null;
	/** …skipping this many lines (already held). */
	skip: number;
}

export class LogReads {
	constructor(
		private readonly client: RunflowClient,
		private readonly signal: AbortSignal,
	) {}

	async newest(runId: string): Promise<Page<LogLine>> {
		return this.client.listRunLogs(runId, {limit: LOG_PAGE_SIZE, sort_by: DESC}, {signal: this.signal});
	}

	async forward(runId: string, cursor: string | null, simple: boolean): Promise<Page<LogLine>> {
		const params = simple ? {limit: FORWARD_PAGE_SIZE, pq: cursor} : {limit: FORWARD_PAGE_SIZE, pq: cursor, sort_by: ASC, fields: FULL_FIELDS};
		return this.client.listRunLogs(runId, params, {signal: this.signal});
	}

	async older(runId: string, cursor: string | null): Promise<Page<LogLine>> {
		return this.client.listRunLogs(runId, {limit: LOG_PAGE_SIZE, pq: cursor, sort_by: DESC, fields: FULL_FIELDS}, {signal: this.signal});
	}

	/**
	 * A cursor past the first `count` lines of the page at `cursor` (ids only): the cursor and 0,
	 * or, when the API gives none, `cursor` and `count` (those lines are read again and skipped).
	 */
	async cut(runId: string, cursor: string | null, count: number, lastId: string | undefined, sort: string): Promise<Position> {
		if (count <= 0) return {cursor, skip: 0};
		const page = await this.ids(runId, cursor, count, sort);
		const ok = page.next !== null && page.items.length === count && page.items.at(-1)?.id === lastId;
		return ok ? {cursor: page.next, skip: 0} : {cursor, skip: count};
	}

	/** The position just past line `id` in `sort` order, or null when the walk does not find it. */
	async locateAfter(runId: string, id: string, sort: string): Promise<Position | null> {
		let cursor: string | null = null;
		for (let walked = 0; walked < MAX_WALK_PAGES; walked++) {
			const page = await this.ids(runId, cursor, ID_PAGE_SIZE, sort);
			const at = page.items.findIndex((line) => line.id === id);
			if (at >= 0) {
				if (at === page.items.length - 1 && page.next) return {cursor: page.next, skip: 0};
				return this.cut(runId, cursor, at + 1, id, sort);
			}

			if (!page.next || page.items.length === 0 || page.next === cursor) return null;
			cursor = page.next;
		}

		return null;
	}

	private async ids(runId: string, cursor: string | null, limit: number, sort: string): Promise<Page<LogLine>> {
		return this.client.listRunLogs(runId, {limit, pq: cursor, sort_by: sort, fields: 'id'}, {signal: this.signal});
	}
}
