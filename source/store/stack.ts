// Which screen is shown: a stack of screens, the one on top taking the keys. A page (the job, a
// batch's items, a run, the help) is drawn in place of the one below it; a prompt is drawn over
// the page below it, which stays on screen (and is still read). Esc, leaving the help, closing a
// batch or a run take the stack back down: where they go is what lies below, not a rule of each.
// Every screen named here has one record (ui/screens/index.tsx): the compiler asks for it.
// Pure functions on plain data.

/** Every screen, and whether it is a page or a prompt over a page. */
export const SCREEN_KINDS = {
	job: 'page',
	list: 'page',
	logs: 'page',
	help: 'page',
	filter: 'prompt',
	search: 'prompt',
	export: 'prompt',
	resubmit: 'prompt',
	model: 'prompt',
} as const satisfies Readonly<Record<string, 'page' | 'prompt'>>;

export type ScreenName = keyof typeof SCREEN_KINDS;

/** 'job': the batches of a job; 'list': one batch's items; 'logs': a run; 'help'. */
export type View = {[N in ScreenName]: (typeof SCREEN_KINDS)[N] extends 'page' ? N : never}[ScreenName];

/** The list's `/` filter, the run view's `/` search, `x`'s file name, `R`'s confirmation and the model it asks for. */
export type PromptName = Exclude<ScreenName, View>;

export type Screens = readonly ScreenName[];

export function isView(name: ScreenName): name is View {
	return SCREEN_KINDS[name] === 'page';
}

/** The page shown: the topmost page of the stack (a prompt on top is drawn over it). */
export function viewOf(screens: Screens): View {
	for (let index = screens.length - 1; index >= 0; index--) {
		const name = screens[index]!;
		if (isView(name)) return name;
	}

	return 'list';
}

/** The screen on top: the one the keys go to. */
export function topScreen(state: {readonly screens: Screens}): ScreenName {
	return state.screens.at(-1) ?? 'list';
}

/** `name` on top (the stack as it is when it is already). */
export function pushed(screens: Screens, name: ScreenName): Screens {
	return screens.at(-1) === name ? screens : [...screens, name];
}

/** The stack below `name` (`name` and whatever lies above it gone; the stack as it is without `name`). */
export function popped(screens: Screens, name: ScreenName): Screens {
	const index = screens.lastIndexOf(name);
	return index < 0 ? screens : screens.slice(0, index);
}

/** `name` on top, whatever lay above it gone. */
export function onTop(screens: Screens, name: ScreenName): Screens {
	const index = screens.lastIndexOf(name);
	return index < 0 ? [...screens, name] : index === screens.length - 1 ? screens : screens.slice(0, index + 1);
}

/** `name` in the stack (pushed when it is not; what lies above it stays). */
export function holding(screens: Screens, name: ScreenName): Screens {
	return screens.includes(name) ? screens : [...screens, name];
}

/** The batch open on a job's batch screen (under whatever lies above it), or null: the job screen, or not a job. */
export function openBatchId(state: {readonly job: object | null; readonly screens: Screens; readonly batchId: string}): string | null {
	return state.job !== null && state.screens.includes('list') ? state.batchId : null;
}
