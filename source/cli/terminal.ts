// The terminal's state while the TUI runs: the alternate screen, and putting everything
// back on every way out (quit, Ctrl+C, SIGTERM, SIGHUP, an uncaught error, stdin gone).
export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?25h\u001B[?1049l';

import {ExitCode} from '../modes/exit-codes.js';
import {SIGNAL_ENDS, type WatchEnd} from '../modes/watch-end.js';

type Exit = (end: WatchEnd) => void;

export interface TerminalGuard {
	/** Put the terminal back (idempotent). */
	restore(): void;
	/** Stop listening for signals. */
	dispose(): void;
}

export interface GuardOptions {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	/** Unmounts Ink (which turns raw mode off and shows the cursor). */
	unmount(): void;
	/** Called once, after the terminal is restored, when a signal or error ends the program. */
	onExit: Exit;
}

/** Enters the alternate screen and restores it on every way out. */
export function guardTerminal(options: GuardOptions): TerminalGuard {
	const {stdout, stdin} = options;
	let restored = false;
	const write = (text: string) => {
		try {
			if (stdout.writable) stdout.write(text);
		} catch {
			// The terminal is gone: nothing to restore.
		}
	};
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			options.unmount();
		} catch {
			// Unmounting a broken tree must not stop the restore.
		}
		try {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		} catch {
			// Already closed.
		}
		write(LEAVE_ALT_SCREEN);
	};
	const end = (result: WatchEnd) => {
		restore();
		options.onExit(result);
	};
	// Each signal its own reason, code and stderr line (modes/watch-end.ts).
	const onSignal = SIGNAL_ENDS.map(({signal, end: result}) => [signal, () => end(result)] as const);
	const onError = (error: unknown) => {
		const text = error instanceof Error ? error.message : String(error);
		end({reason: 'error', code: ExitCode.internal, message: `internal error: ${text.split('\n')[0]} (please report it)`});
	};
	// The terminal went away (SSH dropped without SIGHUP, pty closed): exit rather than spin.
	const onGone = () => end({reason: 'hangup', code: ExitCode.hangup});
	const onStdoutError = (error: NodeJS.ErrnoException) => {
		if (error.code === 'EIO' || error.code === 'EPIPE' || error.code === 'ENOTTY') onGone();
	};
	// A resize: the terminal re-wraps the old frame's lines, and Ink, counting the lines it drew,
	// would erase too few (garbage above a frame shorter than the screen). The alternate screen is
	// wiped first (this listener runs before Ink's, added later by render()).
	const onResize = () => write('\u001B[2J\u001B[H');
	// Every listener, added here and removed by dispose.
	const listeners: [NodeJS.EventEmitter, string, Parameters<NodeJS.EventEmitter['on']>[1]][] = [
		...onSignal.map(([signal, listener]): [NodeJS.EventEmitter, string, () => void] => [process, signal, listener]),
		[process, 'uncaughtException', onError],
		[process, 'unhandledRejection', onError],
		[stdin, 'end', onGone],
		[stdin, 'close', onGone],
		[stdout, 'error', onStdoutError],
		[stdout, 'resize', onResize],
	];
	for (const [emitter, event, listener] of listeners) emitter.on(event, listener);
	const dispose = () => {
		for (const [emitter, event, listener] of listeners) emitter.off(event, listener);
	};
	write(ENTER_ALT_SCREEN);
	return {restore, dispose};
}
