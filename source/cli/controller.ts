// The session of the TUI (the keys' commands, source/session/), wired to the poller that fetches.
// One place, for the TUI, the bench and the tests.
import type {Poller} from '../poller/poller.js';
import {Session} from '../session/session.js';
import type {AppStore} from '../store/store.js';

export function pollerSession(store: AppStore, poller: Poller, quit: () => void): Session {
	return new Session({store, fetcher: poller, quit});
}
