// What a command's handler works with (the records of the screens, ui/screens/, say which handler
// each command runs; the session, session.ts, runs it): the store, what fetches, quitting, and the
// rule for a fetching task. Types only.
import type {LeanItem} from '../api/types.js';
import type {ModelRef} from '../api/writes.js';
import type {Command, CommandContext} from '../lib/commands.js';
import type {ResubmitPlan} from '../lib/resubmit.js';
import type {ResubmitScope} from '../store/resubmit-state.js';
import type {ScreenName} from '../store/stack.js';
import type {AppState} from '../store/state.js';
import type {AppActions, AppStore} from '../store/store.js';

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
	/** `R`'s reads and creates (poller/resubmit.ts); absent: `R` does nothing. */
	resubmit?: Resubmitting;
}

/** What `R` and its confirmation ask of the fetching side (poller/resubmit.ts). */
export interface Resubmitting {
	/** --read-only: every write is refused, so `R` says why and reads nothing. */
	readonly readOnly: boolean;
	/** The confirmation opened on `scope`: the failed items' inputs are read (within the request budget), progress and plan in the store. */
	read(scope: ResubmitScope): void;
	/** `y`: the plan sent to `model` (the confirmation closes; the new batches join the job as they are created). */
	send(plan: ResubmitPlan, model: ModelRef): void;
	/** The confirmation cancelled: the reads under way stop. */
	cancel(): void;
}

/** The fetching side of a job (poller/job-poller.ts with the batch poller). */
export interface JobFetcher {
	/** The batch screen opened on the batch the store says (store/stack.ts openBatchId): its poller starts there. */
	batchOpened(): void;
	/** Back on the job screen: the batch poller stops. */
	batchClosed(): void;
	/** Selects `item` of the batch on screen, fetching its page (named from the lean list). */
	goToItem(item: LeanItem, landed?: string): Promise<void>;
	/** `r` on the job screen: every batch read once now. */
	refreshJob(): void;
}

/** `x`: the items in view written to a file (poller/export.ts); what happens is said through the store. */
export interface ExportRunner {
	/** Enter in the prompt: the name typed is looked at, then the export starts (or the prompt says why not). */
	submit(): void;
	/** `x` twice during an export: it stops, nothing is written. */
	cancel(): void;
}

export interface Scope {
	readonly store: AppStore;
	/** The store's state and actions, now. */
	actions(): AppState & AppActions;
	/** What fetches; null when only the screen is tested (keys then change the store alone). */
	readonly fetcher: (SessionFetcher & Partial<JobFetcher>) | null;
	/** The job's side of the fetcher, when watching a job. */
	readonly job: JobFetcher | null;
	/** What writes the items in view to a file (`x`); null when nothing may (a test of the screen alone). */
	readonly exporter: ExportRunner | null;
	/** `q`, Ctrl+C: the CLI restores the terminal and exits. */
	quit(): void;
	/** A fetching task (f/F, `L` to another page, [/] across a page's edge): once it landed on another page or run, that is read too. */
	afterTask(task: Promise<void> | undefined): void;
}

/** What a command does: true when the store action asked for a read now. */
export type Handler = (scope: Scope, context: CommandContext) => boolean | void;

/** What a prompt does with the text typed (a paste comes whole). */
export type TypeHandler = (scope: Scope, text: string, context: CommandContext) => void;

/** A screen as the session runs it: the handler of every command it binds, and a prompt's typing. */
export interface ScreenHandlers {
	readonly commands: Readonly<Partial<Record<Command, {readonly run: Handler}>>>;
	readonly type?: TypeHandler;
}

/** Every screen's handlers (ui/screens/index.tsx: SCREENS). */
export type ScreensHandlers = {readonly [N in ScreenName]: ScreenHandlers};
