// What the screen's keys ask of the rest of the program (refresh, f/F, [/] across pages), wired
// to the poller. One place, for the TUI, the bench and the tests.
import type {Poller} from '../poller/poller.js';
import type {Controller} from '../ui/App.js';

export function pollerController(poller: Poller, quit: () => void): Controller {
	return {
		refresh: () => poller.refresh(),
		quit,
		jumpToFailure: (direction) => poller.jumpToFailure(direction),
		stepRunAcross: (delta) => poller.stepRunAcross(delta),
		activity: () => poller.activity(),
	};
}
