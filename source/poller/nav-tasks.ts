// The navigator's fetching (navigator.ts): one task at a time, aborted by stop(), 'finding …'
// said meanwhile and its outcome after; pages fetched through list-source and held in the store,
// dropped when the screen moved on; a message that clears itself. Plain TypeScript: client and store.
import type {RunflowClient} from '../api/client.js';
import {isApiError} from '../api/errors.js';
import type {BatchItem, Page} from '../api/types.js';
import {LIST_PARTS, screenToken, stillShown, type ScreenPart} from '../store/screen.js';
import type {AppState, PageEntry, Said} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {systemClock, type Clock} from './clock.js';
import {fetchListPage, orderRequest} from './list-source.js';

export interface NavigatorOptions {
	client: RunflowClient;
	store: AppStore;
	clock?: Clock;
	/** Without a lean list: pages walked at most by one jump. Default 40. */
	maxPages?: number;
	/** Without a lean list: the least time between two page requests of a walk. Default 250 ms. */
	paceMs?: number;
	/** How long a message ('wrapped round…') stays. Default 4 s. */
	messageMs?: number;
}

export const word = (direction: 1 | -1) => (direction === 1 ? 'next' : 'previous');

/** What every navigator task stands on: the task under way, the pages it loads, what it says. */
export class NavigatorTasks {
	/** The fetching task under way, null when none. */
	protected controller: AbortController | null = null;
	private messageTimer: unknown = null;
	protected readonly clock: Clock;

	constructor(protected readonly options: NavigatorOptions) {
		this.clock = options.clock ?? systemClock;
	}

	/** Whether a jump is fetching. */
	get busy(): boolean {
		return this.controller !== null;
	}

	stop(): void {
		this.controller?.abort();
		this.controller = null;
		if (this.messageTimer !== null) this.clock.clearTimeout(this.messageTimer);
		this.messageTimer = null;
	}

	/** One fetching task at a time: 'finding … failure' meanwhile, then `run`'s message (or what went wrong: none when stopped or when the screen moved on). */
	protected async task(
		direction: 1 | -1,
		run: (signal: AbortSignal) => Promise<Said | null>,
		seeking = `finding ${word(direction)} failure…`,
	): Promise<void> {
		const controller = new AbortController();
		this.controller = controller;
		this.options.store.getState().setSeeking(direction, seeking);
		let message: Said | null = null;
		try {
			message = await run(controller.signal);
		} catch (error) {
			const moved = controller.signal.aborted || (error instanceof Error && error.message === 'moved');
			message = moved ? null : `could not reach the ${word(direction)} failure: ${isApiError(error) ? error.message : 'unexpected error'}`;
		} finally {
			if (this.controller === controller) this.controller = null;
			this.options.store.getState().setSeeking(null, null);
		}

		this.say(message);
	}

	/** Whether the screen still shows what `start` showed, in `parts` (default: the list, its batch, filter and page). */
	protected unchangedSince(start: AppState, parts: readonly ScreenPart[] = LIST_PARTS): () => boolean {
		const {store} = this.options;
		const token = screenToken(start);
		return () => stillShown(store.getState(), token, parts);
	}

	/** Fetches the list's page at `cursor` and holds it; throws 'moved' when `unchanged` says the screen moved on. */
	protected async load(cursor: string | null, signal: AbortSignal, unchanged: () => boolean): Promise<PageEntry> {
		const {store, client} = this.options;
		const state = store.getState();
		const page: Page<BatchItem> = await fetchListPage({client, store, state, cursor, signal, readRows: false, ...orderRequest(store, state)});
		if (!unchanged()) throw new Error('moved');
		store.getState().pageLoaded(cursor, page, this.clock.now());
		return page;
	}

	/** A message for a few seconds (null clears it). */
	protected say(message: Said | null): void {
		const {store} = this.options;
		if (this.messageTimer !== null) this.clock.clearTimeout(this.messageTimer);
		this.messageTimer = null;
		store.getState().setTriageMessage(message);
		if (message === null) return;
		this.messageTimer = this.clock.setTimeout(() => {
			this.messageTimer = null;
			if (store.getState().triage.message === message) store.getState().setTriageMessage(null);
		}, this.options.messageMs ?? 4000);
	}
}
