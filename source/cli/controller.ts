// The session of the TUI (the keys' commands, source/session/), built from the screens' records
// (ui/screens/) and wired to what fetches: the batch poller, for a job the job poller too, what
// writes files (`x`) and `R`'s reads and creates. One place, for the TUI, the bench and the tests.
import type {LeanItem} from '../api/types.js';
import type {JobPoller} from '../poller/job-poller.js';
import type {Poller} from '../poller/poller.js';
import {Session, type ExportRunner, type Resubmitting} from '../session/session.js';
import type {AppStore} from '../store/store.js';
import {SCREENS} from '../ui/screens/index.js';

export function pollerSession(store: AppStore, poller: Poller, quit: () => void, exporter: ExportRunner | null = null, resubmit?: Resubmitting): Session {
	return new Session({store, fetcher: {...fetcherOf(poller), ...(resubmit ? {resubmit} : {})}, quit, screens: SCREENS, exporter});
}

/** The batch poller's side of the fetcher (its methods bound). */
function fetcherOf(poller: Poller) {
	return {
		refresh: () => poller.refresh(),
		refreshNow: () => poller.refreshNow(),
		activity: () => poller.activity(),
		pauseChanged: () => poller.pauseChanged(),
		jumpToFailure: async (direction: 1 | -1) => poller.jumpToFailure(direction),
		stepRunAcross: async (delta: -1 | 1) => poller.stepRunAcross(delta),
		goToItem: async (item: LeanItem, landed?: string) => poller.goToItem(item, landed),
	};
}

/**
 * A job's session: the job poller reads the batches; the batch poller runs only while a batch's
 * screen is open (Enter), for that batch, and stops on Esc. `jobPoller` may be a getter: a single
 * batch's watch becomes a job when `R` creates batches from it (cli/job-holder.ts), its job poller
 * started then; until it is a job (the store says), the job's commands are not reached.
 */
export function jobSession(
	store: AppStore,
	poller: Poller,
	jobPoller: JobPoller | (() => JobPoller | undefined),
	quit: () => void,
	exporter: ExportRunner | null = null,
	resubmit?: Resubmitting,
): Session {
	const job = typeof jobPoller === 'function' ? jobPoller : () => jobPoller;
	return new Session({
		store,
		quit,
		screens: SCREENS,
		exporter,
		fetcher: {
			...fetcherOf(poller),
			pauseChanged: () => {
				poller.pauseChanged();
				job()?.poke();
			},
			batchOpened: () => {
				poller.switchBatch();
				job()?.poke();
			},
			batchClosed: () => {
				poller.stop();
				job()?.poke();
			},
			refreshJob: () => job()?.refreshAll(),
			...(resubmit ? {resubmit} : {}),
		},
	});
}
