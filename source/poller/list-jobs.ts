// What the navigator's jobs share (navigator.ts): one job at a time, aborted by stop(); pages
// fetched through list-source and held in the store; a message that clears itself; pacing.
// Plain TypeScript: client and store, no React.
import type {RunflowClient} from '../api/client.js';
import {isApiError} from '../api/errors.js';
import type {BatchItem, Page} from '../api/types.js';
import {LIST_PARTS, screenToken, stillShown, type ScreenPart} from '../store/screen.js';
import type {AppState, PageEntry, Said} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {fetchListPage, orderRequest} from './list-source.js';
import {systemClock, type Clock} from './clock.js';

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

export class ListJobs {
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

	/** Whether the screen still shows what `start` showed, in `parts` (default: the list, its batch, filter and page). */
	protected unchangedSince(start: AppState, parts: readonly ScreenPart[] = LIST_PARTS): () => boolean {
		const {store} = this.options;
		const token = screenToken(start);
		return () => stillShown(store.getState(), token, parts);
	}

	/** The message for a jump that threw: none when stopped or when the screen moved on. */
	protected failed(error: unknown, controller: AbortController, direction: 1 | -1): string | null {
		if (controller.signal.aborted || (error instanceof Error && error.message === 'moved')) return null;
		return `could not reach the ${word(direction)} failure: ${isApiError(error) ? error.message : 'unexpected error'}`;
	}

	protected done(controller: AbortController): void {
		if (this.controller === controller) this.controller = null;
		this.options.store.getState().setSeeking(null, null);
	}

	/** Waits `ms` (on the navigator's clock); throws when stopped meanwhile. */
	protected async pause(ms: number, signal: AbortSignal): Promise<void> {
		if (ms > 0 && !signal.aborted) {
			await new Promise<void>((resolve) => {
				const onAbort = () => {
					this.clock.clearTimeout(timer);
					resolve();
				};

				const timer = this.clock.setTimeout(() => {
					signal.removeEventListener('abort', onAbort);
					resolve();
				}, ms);
				signal.addEventListener('abort', onAbort, {once: true});
			});
		}

		if (signal.aborted) throw new Error('moved');
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
