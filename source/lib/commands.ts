// What a key can ask for, by name, and the one object every such request goes to (the session,
// source/session/). Each screen's record (ui/screens/) binds keys to these names and says what
// each one runs; the session runs it and starts the read the change needs. Plain types.

export enum Command {
	MoveUp = 'moveUp',
	MoveDown = 'moveDown',
	ScreenUp = 'screenUp',
	ScreenDown = 'screenDown',
	First = 'first',
	Last = 'last',
	NextPage = 'nextPage',
	PreviousPage = 'previousPage',
	OpenLogs = 'openLogs',
	OpenBatch = 'openBatch',
	NextFailure = 'nextFailure',
	PreviousFailure = 'previousFailure',
	CycleFilter = 'cycleFilter',
	CycleOrder = 'cycleOrder',
	OldestRunning = 'oldestRunning',
	FilterText = 'filterText',
	Export = 'export',
	Back = 'back',
	Follow = 'follow',
	ToggleFollow = 'toggleFollow',
	ToggleTimestamps = 'toggleTimestamps',
	ToggleWrap = 'toggleWrap',
	Search = 'search',
	NextHit = 'nextHit',
	PreviousHit = 'previousHit',
	PreviousRun = 'previousRun',
	NextRun = 'nextRun',
	TogglePause = 'togglePause',
	Refresh = 'refresh',
	Help = 'help',
	Quit = 'quit',
	/** `R`: resubmit the failed items (of the batch, or of the whole job) as new batches, after a confirmation. */
	Resubmit = 'resubmit',
	// The resubmission's confirmation: `y` sends, narrowing to one cause or to the selected item, the model.
	Send = 'send',
	CycleCause = 'cycleCause',
	ToggleOnly = 'toggleOnly',
	ChangeModel = 'changeModel',
	// A prompt's keys (the list's `/` filter, the run view's `/` search): typed text goes to the prompt itself.
	Apply = 'apply',
	Cancel = 'cancel',
	Erase = 'erase',
	Clear = 'clear',
}

/** What a key means to an open prompt (the list's `/` filter, the run view's `/` search): a command of its, or typed text. */
export type PromptAction =
	{kind: 'apply'} | {kind: 'cancel'} | {kind: 'erase'} | {kind: 'clear'} | {kind: 'quit'} | {kind: 'type'; text: string} | {kind: 'ignore'};

/** What the screen knows when a key is read: how many rows a "screen" is, in the list and in the run view. */
export interface CommandContext {
	listRows: number;
	logRows: number;
}

/** The session as the keys see it. */
export interface Commands {
	/** A command of the screen on top of the store's stack (store/stack.ts). */
	run(command: Command, context: CommandContext): void;
	/** A key of the prompt on top (the filter's or the search's): typed text, or one of its commands. */
	prompt(action: PromptAction, context: CommandContext): void;
	/** Any input at all (before its commands): polling that slowed down goes back to its pace. */
	activity(): void;
}
