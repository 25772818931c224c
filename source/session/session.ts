// The session: every command of a key comes here, by name (lib/commands.ts), and runs what the
// record of the screen on top of the stack says it runs (the records, ui/screens/, are handed in
// as `screens`). Around every command, in one place:
// - a command that puts on screen a list or a run the screen was not showing (another page,
//   filter, or run; back to a run from the help) has it read now: the token of what is on screen
//   (store/screen.ts), taken before and after the command, says so;
// - a command whose store action asks for a read (older log lines, a reset of the run's lines,
//   resuming) has it read now;
// - f/F, `L` to another page and [/] across a page's edge are fetching tasks (poller/navigator.ts): their answers are
//   checked against the same token when they land.
// Knows nothing of React.
import {Command, type CommandContext, type Commands, type PromptAction} from '../lib/commands.js';
import {LIST_PARTS, screenToken, stillShown, type ScreenToken} from '../store/screen.js';
import {topScreen} from '../store/stack.js';
import type {AppStore} from '../store/store.js';
import type {ExportRunner, JobFetcher, Scope, ScreenHandlers, ScreensHandlers, SessionFetcher} from './scope.js';

export type {ExportRunner, Handler, JobFetcher, Resubmitting, Scope, ScreenHandlers, ScreensHandlers, SessionFetcher, TypeHandler} from './scope.js';

export interface SessionOptions {
	store: AppStore;
	/** What fetches; none when only the screen is tested (keys then change the store alone). */
	fetcher?: (SessionFetcher & Partial<JobFetcher>) | null;
	/** `q`, Ctrl+C: the CLI restores the terminal and exits. */
	quit(): void;
	/** What every screen's commands run: ui/screens/index.tsx's SCREENS. */
	screens: ScreensHandlers;
	/** What writes the items in view to a file (`x`). */
	exporter?: ExportRunner | null;
}

/** A prompt's keys, as PromptAction names them, are its commands. */
const PROMPT_COMMANDS = {apply: Command.Apply, cancel: Command.Cancel, erase: Command.Erase, clear: Command.Clear, quit: Command.Quit} as const;

export class Session implements Commands {
	private readonly scope: Scope;

	constructor(private readonly options: SessionOptions) {
		const {store, fetcher = null} = options;
		this.scope = {
			store,
			actions: () => store.getState(),
			fetcher,
			job: jobFetcher(fetcher),
			exporter: options.exporter ?? null,
			quit: () => options.quit(),
			afterTask: (task) => this.afterTask(task),
		};
	}

	private get store(): AppStore {
		return this.options.store;
	}

	activity(): void {
		// Any key: the digest of what changed while away (and a journal's notice) leave the screen.
		this.store.getState().journalSeen();
		// How the last export ended, and --results' start notice, leave the footer.
		this.store.getState().filesSeen();
		// And what the last `R` came to.
		this.store.getState().resubmitSeen();
		this.options.fetcher?.activity();
	}

	run(command: Command, context: CommandContext): void {
		const handler = this.screen().commands[command]?.run;
		if (!handler) return;
		const before = screenToken(this.store.getState());
		const wanted = handler(this.scope, context) === true;
		if (wanted || this.showsSomethingNew(before)) this.options.fetcher?.refreshNow();
	}

	prompt(action: PromptAction, context: CommandContext): void {
		if (action.kind === 'ignore') return;
		if (action.kind !== 'type') {
			this.run(PROMPT_COMMANDS[action.kind], context);
			return;
		}

		const {type} = this.screen();
		if (!type) return;
		const before = screenToken(this.store.getState());
		type(this.scope, action.text, context);
		if (this.showsSomethingNew(before)) this.options.fetcher?.refreshNow();
	}

	/** The record of the screen on top: the one the keys go to. */
	private screen(): ScreenHandlers {
		return this.options.screens[topScreen(this.store.getState())];
	}

	/** The screen shows a list (batch, filter, page) or a run it did not show at `before`. */
	private showsSomethingNew(before: ScreenToken): boolean {
		const now = this.store.getState();
		if (!stillShown(now, before, LIST_PARTS)) return true;
		return screenToken(now).run !== '' && !stillShown(now, before, ['run']);
	}

	/** f/F and [/]: a fetching task (the navigator's); once it landed on another page or run, that is read too. */
	private afterTask(task: Promise<void> | undefined): void {
		const before = screenToken(this.store.getState());
		void task?.then(() => {
			if (this.showsSomethingNew(before)) this.options.fetcher?.refreshNow();
		});
	}
}

/** The job's side of the fetcher, when watching a job. */
function jobFetcher(fetcher: (SessionFetcher & Partial<JobFetcher>) | null): JobFetcher | null {
	return fetcher?.batchOpened && fetcher.batchClosed && fetcher.goToItem && fetcher.refreshJob ? (fetcher as JobFetcher) : null;
}
