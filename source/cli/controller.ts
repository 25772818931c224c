// The session of the TUI (the keys' commands, source/session/), built from the screens' records
// (ui/screens/) and wired to what fetches: the batch poller, and for a job the job poller too.
// One place, for the TUI, the bench and the tests.
import type {JobPoller} from '../poller/job-poller.js';
import type {Poller} from '../poller/poller.js';
import {Session, type ExportRunner} from '../session/session.js';
import type {AppStore} from '../store/store.js';
import {SCREENS} from '../ui/screens/index.js';

export function pollerSession(store: AppStore, poller: Poller, quit: () => void, exporter: ExportRunner | null = null): Session {
	return new Session({store, fetcher: poller, quit, screens: SCREENS, exporter});
}

/**
 * A job's session: the job poller reads the batches; the batch poller runs only while a batch's
 * screen is open (Enter), for that batch, and stops on Esc.
 */
export function jobSession(store: AppStore, poller: Poller, jobPoller: JobPoller, quit: () => void, exporter: ExportRunner | null = null): Session {
	return new Session({
		store,
		quit,
		screens: SCREENS,
		exporter,
		fetcher: {
			refresh: () => poller.refresh(),
			refreshNow: () => poller.refreshNow(),
			activity: () => poller.activity(),
			pauseChanged: () => {
				poller.pauseChanged();
				jobPoller.poke();
			},
			jumpToFailure: async (direction) => poller.jumpToFailure(direction),
			stepRunAcross: async (delta) => poller.stepRunAcross(delta),
			batchOpened: () => {
				poller.switchBatch();
				jobPoller.poke();
			},
			batchClosed: () => {
				poller.stop();
				jobPoller.poke();
			},
			goToItem: async (item, landed) => poller.goToItem(item, landed),
			refreshJob: () => jobPoller.refreshAll(),
		},
	});
}
