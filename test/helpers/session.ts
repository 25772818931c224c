// Commands sent to a session wired to a real poller, without a screen: what a key would do.
//   const run = commands(store, poller);
//   run(Command.NextPage);
import {pollerSession} from '../../source/cli/controller.js';
import type {Command, CommandContext} from '../../source/lib/commands.js';
import type {Poller} from '../../source/poller/poller.js';
import type {AppStore} from '../../source/store/store.js';

export {Command} from '../../source/lib/commands.js';

/** A screen's worth of rows, as an 80×24 terminal has. */
const CONTEXT: CommandContext = {listRows: 15, logRows: 15};

export function commands(store: AppStore, poller: Poller, quit: () => void = () => {}): (command: Command, context?: CommandContext) => void {
	const session = pollerSession(store, poller, quit);
	return (command, context = CONTEXT) => session.run(command, context);
}
