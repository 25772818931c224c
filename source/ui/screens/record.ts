// What a screen's record is (ui/screens/index.tsx holds one per screen): its keys (a controller),
// the rows a "screen" of it is, its component, and for a prompt where it is drawn. Types only, so
// that components may name their props without importing the table of screens.
import type {ComponentType, ReactNode} from 'react';
import type {CommandContext} from '../../lib/commands.js';
import type {TypeHandler} from '../../session/scope.js';
import type {SCREEN_KINDS, ScreenName} from '../../store/stack.js';
import type {AppState} from '../../store/state.js';
import type {Keys} from '../keymap.js';
import type {Size} from '../layout.js';

/** How many rows a "screen" is when a key is read (the rest of CommandContext is 1). */
export type Rows = (state: AppState, size: Size) => Partial<CommandContext>;

export interface PageProps {
	size: Size;
	/** The prompt open over this page when it goes in the page's own place for one (slot 'page'), else null. */
	prompt: ReactNode;
}

/** A page: drawn between the header and the footer (its footer: its keys). */
export interface Page extends Keys {
	readonly rows?: Rows;
	readonly component: ComponentType<PageProps>;
	readonly slot?: never;
}

/**
 * A prompt over a page: it takes every key (typed text goes to `type`; without one, every key is
 * one of its commands, or `anyKey`), drawn in the footer's place or in the page's.
 */
export interface Prompt extends Keys {
	readonly type?: TypeHandler;
	readonly slot: 'footer' | 'page';
	/** In the page's place, its own keys in the footer (the page's would not work under it). */
	readonly footer?: 'own';
	readonly rows?: Rows;
	readonly component: ComponentType<{size: Size}>;
}

export type ScreenRecord = Page | Prompt;

export type RecordOf<N extends ScreenName> = (typeof SCREEN_KINDS)[N] extends 'prompt' ? Prompt : Page;
