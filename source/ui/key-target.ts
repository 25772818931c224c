// Where a key goes, worked out from the store as the key is read (not from the last render): in
// a chunk of keys, one may open the run view or a prompt, and the next must act there.
import type {CommandContext} from '../lib/commands.js';
import {topScreen} from '../store/stack.js';
import type {AppStore} from '../store/store.js';
import type {Keys} from './keymap.js';
import type {Size} from './layout.js';
import {SCREENS} from './screens/index.js';

/** Where a key goes, as things stand when it is read. */
export interface KeyTarget {
	/** The record of the screen on top: its keys; a prompt's (`type`) takes a run of typed characters as one text (a paste). */
	screen: Keys;
	/** How many rows a "screen" is there (its record's rows). */
	context: CommandContext;
}

export function keyTarget(store: AppStore, size: Size): KeyTarget {
	const state = store.getState();
	const screen = SCREENS[topScreen(state)];
	return {screen, context: {listRows: 1, logRows: 1, ...screen.rows?.(state, size)}};
}
