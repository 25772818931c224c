// The session: every command of a key comes here, by name (lib/commands.ts). It changes the store
// and starts the fetch the change needs, in one place:
// - a command that puts on screen a list or a run the screen was not showing (another page,
//   filter, or run; back to a run from the help) has it read now: the token of what is on screen
//   (store/screen.ts), taken before and after the command, says so;
// - a command whose store action asks for a read (older log lines, a reset of the run's lines,
//   resuming) has it read now;
// - f/F, `L` to another page and [/] across a page's edge are fetching tasks (poller/navigator.ts): their answers are
//   checked against the same token when they land.
// Knows nothing of React; the keymap (ui/keymap.ts) names the commands.
import {Command, type CommandContext, type Commands, type PromptAction} from '../lib/commands.js';
import {LIST_PARTS, screenToken, stillShown, type ScreenToken} from '../store/screen.js';
import type {View} from '../store/state.js';
import type {AppStore} from '../store/store.js';
import {closeBatch, jobHandlers, type JobFetcher} from './job-commands.js';
import {jumpToOldestRunning} from './oldest-running.js';
import {failureOnPage} from './page-failures.js';

/** The fetching side, as the session drives it (poller/poller.ts). */
export interface SessionFetcher {
	/** `r`: everything once now (also once polling stopped), or why not. */
	refresh(): void;
	/** Read what is on screen now (or right after the poll under way). */
	refreshNow(): void;
	/** Any key: a pace slowed down while nothing changed goes back to the asked one. */
	activity(): void;
	/** The store's `paused` changed. */
	pauseChanged(): void;
	jumpToFailure(direction: 1 | -1): Promise<void>;
	stepRunAcross(delta: -1 | 1): Promise<void>;
}

export interface SessionOptions {
	store: AppStore;
	/** What fetches; none when only the screen is tested (keys then change the store alone). */
	fetcher?: (SessionFetcher & Partial<JobFetcher>) | null;
	/** `q`, Ctrl+C: the CLI restores the terminal and exits. */
	quit(): void;
}

/** A command's effect: true when the store action asked for a read now. */
type Handler = () => boolean | void;
type Handlers = Partial<Record<Command, Handler>>;

export class Session implements Commands {
	/** Where `?` came from, so leaving the help goes back there. */
	private helpFrom: View = 'list';

	constructor(private readonly options: SessionOptions) {}

	private get store(): AppStore {
		return this.options.store;
	}

	activity(): void {
		// Any key: the digest of what changed while away (and a journal's notice) leave the screen.
		this.store.getState().journalSeen();
		this.options.fetcher?.activity();
	}

	run(command: Command, context: CommandContext): void {
		const state = this.store.getState();
		const handler = this.handlers(state.view, context)[command];
		if (!handler) return;
		const before = screenToken(state);
		const wanted = handler() === true;
		if (wanted || this.showsSomethingNew(before)) this.options.fetcher?.refreshNow();
	}

	prompt(action: PromptAction, context: CommandContext): void {
		const state = this.store.getState();
		if (action.kind === 'quit') {
			this.options.quit();
			return;
		}

		const before = screenToken(state);
		if (state.view === 'list' && state.triage.prompt !== null) {
			editPrompt(action, state.triage.prompt, {
				edit: (text) => state.editPrompt(text),
				apply: () => state.closePrompt(true),
				cancel: () => state.closePrompt(false),
			});
		} else if (state.view === 'logs' && state.logSearch.prompt !== null) {
			editPrompt(action, state.logSearch.prompt, {
				edit: (text) => state.searchEdit(text),
				apply: () => state.searchSubmit(context.logRows),
				cancel: () => state.searchCancel(),
			});
		}

		if (this.showsSomethingNew(before)) this.options.fetcher?.refreshNow();
	}

	/** The screen shows a list (batch, filter, page) or a run it did not show at `before`. */
	private showsSomethingNew(before: ScreenToken): boolean {
		const now = this.store.getState();
		if (!stillShown(now, before, LIST_PARTS)) return true;
		return screenToken(now).run !== '' && !stillShown(now, before, ['run']);
	}

	/** The job's side of the fetcher, when watching a job. */
	private jobFetcher(): JobFetcher | null {
		const {fetcher} = this.options;
		return fetcher?.batchOpened && fetcher.batchClosed && fetcher.goToItem && fetcher.refreshJob ? fetcher as JobFetcher : null;
	}

	/** f/F and [/]: a fetching task (the navigator's); once it landed on another page or run, that is read too. */
	private afterTask(task: Promise<void> | undefined): void {
		const before = screenToken(this.store.getState());
		void task?.then(() => {
			if (this.showsSomethingNew(before)) this.options.fetcher?.refreshNow();
		});
	}

	private handlers(view: View, {listRows, logRows}: CommandContext): Handlers {
		const actions = () => this.store.getState();
		const {fetcher} = this.options;
		const job = this.jobFetcher();
		const common: Handlers = {
			[Command.Quit]: () => this.options.quit(),
			[Command.Refresh]: () => (view === 'job' && job ? job.refreshJob() : fetcher?.refresh()),
			[Command.TogglePause]: () => {
				actions().togglePause();
				fetcher?.pauseChanged();
			},
			[Command.Help]: () => {
				this.helpFrom = view;
				actions().setView('help');
			},
		};
		switch (view) {
			case 'job': {
				return {...common, ...jobHandlers(this.store, job, listRows)};
			}

			case 'list': {
				return {
					...common,
					[Command.Back]: () => closeBatch(this.store, job),
					[Command.MoveUp]: () => actions().move(-1),
					[Command.MoveDown]: () => actions().move(1),
					[Command.ScreenUp]: () => actions().move(-listRows),
					[Command.ScreenDown]: () => actions().move(listRows),
					[Command.First]: () => actions().moveTo('first'),
					[Command.Last]: () => actions().moveTo('last'),
					[Command.NextPage]: () => {
						actions().nextPage();
					},
					[Command.PreviousPage]: () => {
						actions().previousPage();
					},
					[Command.OpenLogs]: () => {
						actions().openLogs();
					},
					// f/F go across pages in sequence order; under another order, within the page on screen (page-failures.ts).
					[Command.NextFailure]: () => (actions().list.order === 'sequence' ? this.afterTask(fetcher?.jumpToFailure(1)) : failureOnPage(this.store, 1)),
					[Command.PreviousFailure]: () => (actions().list.order === 'sequence' ? this.afterTask(fetcher?.jumpToFailure(-1)) : failureOnPage(this.store, -1)),
					[Command.CycleFilter]: () => actions().cycleStatusFilter(),
					[Command.CycleOrder]: () => actions().cycleOrder(),
					[Command.FilterText]: () => actions().openPrompt(),
					[Command.OldestRunning]: () => this.afterTask(jumpToOldestRunning(this.store, fetcher?.goToItem?.bind(fetcher))),
				};
			}

			case 'logs': {
				// Within the page the store steps; at its edge the navigator crosses to the next page.
				const stepRun = (delta: -1 | 1) => {
					if (actions().stepRun(delta) === 'beyond') this.afterTask(fetcher?.stepRunAcross(delta));
				};

				return {
					...common,
					[Command.MoveUp]: () => actions().scrollLogs(-1, logRows),
					[Command.MoveDown]: () => actions().scrollLogs(1, logRows),
					[Command.ScreenUp]: () => actions().scrollLogs(-logRows, logRows),
					[Command.ScreenDown]: () => actions().scrollLogs(logRows, logRows),
					[Command.First]: () => actions().scrollLogs(Number.NEGATIVE_INFINITY, logRows),
					[Command.Follow]: () => actions().followLogs(),
					[Command.ToggleFollow]: () => actions().toggleFollow(logRows),
					[Command.ToggleTimestamps]: () => actions().toggleTimestamps(),
					[Command.ToggleWrap]: () => actions().toggleWrap(),
					[Command.Search]: () => actions().searchOpen(),
					[Command.NextHit]: () => actions().nextHit(1, logRows),
					[Command.PreviousHit]: () => actions().nextHit(-1, logRows),
					[Command.PreviousRun]: () => stepRun(-1),
					[Command.NextRun]: () => stepRun(1),
					[Command.Back]: () => actions().closeLogs(),
				};
			}

			case 'help': {
				return {
					[Command.Quit]: () => this.options.quit(),
					[Command.Back]: () => actions().setView(this.helpFrom === 'logs' && actions().logs ? 'logs' : this.helpFrom === 'job' ? 'job' : 'list'),
				};
			}
		}
	}
}

interface PromptEdits {
	edit(text: string): void;
	apply(): void;
	cancel(): void;
}

/** What a key does to an open prompt's text (the filter's and the search's alike). */
function editPrompt(action: PromptAction, typed: string, edits: PromptEdits): void {
	switch (action.kind) {
		case 'apply': {
			edits.apply();
			break;
		}

		case 'cancel': {
			edits.cancel();
			break;
		}

		case 'erase': {
			edits.edit(Array.from(typed).slice(0, -1).join(''));
			break;
		}

		case 'clear': {
			edits.edit('');
			break;
		}

		case 'type': {
			edits.edit(typed + action.text);
			break;
		}

		case 'quit':
		case 'ignore': {
			break;
		}
	}
}
