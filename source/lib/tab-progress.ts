// Progress in the terminal's tab or taskbar: the ConEmu sequence OSC 9;4 (Windows Terminal,
// ConEmu, Ghostty, iTerm2 3.6.6+, WezTerm, mintty, VTE terminals). `ESC ] 9 ; 4 ; state ; percent BEL`,
// state 0 removes it, 1 is normal progress, 2 error, 3 indeterminate, 4 paused (warning). Pure.
//
// Sent only where the terminal is known to show it: a terminal that reads OSC 9 as a desktop
// notification (kitty, iTerm2 before 3.6.6, WezTerm releases before 2025) would raise one for
// every percent.

export type TabState = 0 | 1 | 2 | 3 | 4;

export interface TabProgress {
	state: TabState;
	/** 0..100. */
	percent: number;
}

export const CLEAR_PROGRESS: TabProgress = {state: 0, percent: 0};

/** The sequence for one progress report (unwrapped: a multiplexer's passthrough is the caller's). */
export function progressSequence({state, percent}: TabProgress): string {
	return `\u001B]9;4;${state};${Math.max(0, Math.min(100, Math.floor(percent)))}\u0007`;
}

export interface ProgressFacts {
	/** Share of items finished (0..1), or null before anything is known. */
	fraction: number | null;
	/** Items failed so far. */
	failed: number;
	/** Polling stopped (key rejected) or paused by the user. */
	stopped: boolean;
}

/** What the tab shows: indeterminate until known; the share done; in the error state once an item failed; paused while polling is stopped. */
export function tabProgress({fraction, failed, stopped}: ProgressFacts): TabProgress {
	if (fraction === null) return {state: 3, percent: 0};
	// Never 100 % until every item finished.
	const percent = fraction >= 1 ? 100 : Math.min(99, Math.floor(fraction * 100));
	if (failed > 0) return {state: 2, percent};
	return {state: stopped ? 4 : 1, percent};
}

export function sameProgress(a: TabProgress | null, b: TabProgress): boolean {
	return a !== null && a.state === b.state && a.percent === b.percent;
}

type Env = Readonly<Record<string, string | undefined>>;

/** '3.6.6' ≥ '3.6.6'; numeric parts compared in order; a missing or odd version is not at least. */
function versionAtLeast(version: string | undefined, least: readonly number[]): boolean {
	const parts = (version ?? '').split(/[.-]/).map((part) => Number.parseInt(part, 10));
	if (parts.length === 0 || parts.some((part, i) => i < least.length && !Number.isFinite(part))) return false;
	for (let i = 0; i < least.length; i++) {
		const part = parts[i] ?? 0;
		if (part !== least[i]) return part > least[i]!;
	}

	return true;
}

/** Whether the environment names a terminal known to show OSC 9;4 (inside tmux or screen, the outer one's variables when they were kept). */
export function terminalShowsProgress(env: Env): boolean {
	if (env['WT_SESSION']) return true; // Windows Terminal
	if (env['ConEmuANSI'] === 'ON' || env['ConEmuPID']) return true;
	if (env['TERM_PROGRAM'] === 'ghostty' || env['TERM'] === 'xterm-ghostty' || env['GHOSTTY_RESOURCES_DIR']) return true;
	if (env['TERM_PROGRAM'] === 'iTerm.app' && versionAtLeast(env['TERM_PROGRAM_VERSION'], [3, 6, 6])) return true;
	// iTerm2 sets these for SSH to pass on (SendEnv LC_*).
	if (env['LC_TERMINAL'] === 'iTerm2' && versionAtLeast(env['LC_TERMINAL_VERSION'], [3, 6, 6])) return true;
	// WezTerm's versions are dates ('20240203-110809-5046fc22'): OSC 9;4 since early 2025.
	if (env['TERM_PROGRAM'] === 'WezTerm' && versionAtLeast(env['TERM_PROGRAM_VERSION'], [20_250_301])) return true;
	if (env['TERM_PROGRAM'] === 'mintty' && versionAtLeast(env['TERM_PROGRAM_VERSION'], [3, 4, 2])) return true;
	// VTE (GNOME Terminal, Ptyxis…) 0.79 and later: VTE_VERSION 7900.
	if (versionAtLeast(env['VTE_VERSION'], [7900])) return true;
	return false;
}
