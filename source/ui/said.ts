// What the store holds to be said (store/said.ts), in words: a text as it is, an outcome with the
// keys the batch screen binds (ui/screens/list.ts) where it names one. The store, the poller and
// the session report what happened; the keys are named here, from the bindings.
import {Command} from '../lib/commands.js';
import type {PageRefusal, Said} from '../store/state.js';
import {keysFor} from './keymap.js';
import {resubmitSaidText} from './resubmit-said.js';
import {LIST} from './screens/list.js';

const word = (direction: 1 | -1): string => (direction === 1 ? 'first' : 'last');

/** Why f/F stay on the page under an order, and how to reach the others. */
function elsewhere(): string {
	const jumps = keysFor(LIST, Command.NextFailure, Command.PreviousFailure);
	const filter = keysFor(LIST, Command.CycleFilter);
	const order = keysFor(LIST, Command.CycleOrder);
	return `under an order ${jumps} stay on the page: ${filter} (failed) lists them all, ${order} back to by sequence goes across pages`;
}

export function saidText(said: Said): string {
	if (typeof said === 'string') return said;
	switch (said.kind) {
		case 'refresh-held': {
			return `the server asked to wait (Retry-After): ${keysFor(LIST, Command.Refresh)} sends nothing until the time the header shows`;
		}

		case 'walk-gave-up': {
			const keys = keysFor(LIST, said.direction === 1 ? Command.NextFailure : Command.PreviousFailure);
			return `no failure in ${said.pages} pages: ${keys} again goes on from here`;
		}

		case 'page-failure': {
			if (said.found === 'wrapped') return `wrapped round to the ${word(said.direction)} failure of this page (${elsewhere()})`;
			return `no ${said.found === 'no-other' ? 'other ' : ''}failed item on this page (${elsewhere()})`;
		}

		default: {
			return resubmitSaidText(said);
		}
	}
}

/** 'page 2 could not be read (back on page 1; n tries again): …', or '… read again (its rows as last read): …'. */
export function refusalText(refusal: PageRefusal): string {
	const {page, back, reason} = refusal;
	if (!back) return `page ${page} could not be read again (its rows as last read): ${reason}`;
	const again = keysFor(LIST, back.again === 1 ? Command.NextPage : Command.PreviousPage);
	return `page ${page} could not be read (back on page ${back.page}; ${again} tries again): ${reason}`;
}
