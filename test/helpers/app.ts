// Rendering the app in a test, and waiting for what a test expects instead of sleeping.
//
// A terminal in memory: a stdout with columns AND rows (the app reads its size from there, as
// from a real terminal; resize() sends 'resize' like SIGWINCH does), and a stdin that buffers
// what is written until Ink reads it, as a real stream does, so a key written before Ink listens
// is read when it does instead of lost. Ink runs in debug mode: every render writes the whole
// frame, kept in `frames`.
//
//   const app = await renderApp(store, {columns: 80, rows: 24});
//   await app.press('n');                                     // read and handled when this resolves
//   await app.waitForFrame((frame) => frame.includes('page 2'));  // up to 10 s, then fails with the frame
//   await waitFor(() => store.getState().list.cursor === 'c2');    // any condition, same deadline
import {EventEmitter} from 'node:events';
import {render as inkRender, type Instance} from 'ink';
import {createElement, type ReactElement} from 'react';
import {vi} from 'vitest';
import type {AppStore} from '../../source/store/store.js';
import {Session, type SessionFetcher} from '../../source/session/session.js';
import {SCREENS} from '../../source/ui/screens/index.js';
import {App, type Commands} from '../../source/ui/App.js';

/** How long a wait lasts before it fails. Generous: the machine may be busy. */
export const WAIT_MS = 10_000;
const POLL_MS = 5;

export interface WaitOptions {
	timeout?: number;
	/** Says what was awaited, in the failure message. */
	message?: string;
}

const pause = async (ms: number) =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, ms);
	});

/** Resolves after the tasks queued so far (timers due, I/O, React's passive effects) have run. */
export const settle = async () =>
	new Promise<void>((resolve) => {
		setImmediate(resolve);
	});

/**
 * Polls `check` every few ms until it returns without throwing and with anything but `false`
 * (so both `() => a > b` and `() => expect(a).toBe(b)` work); returns that value. Fails after
 * `timeout` ms with the last error, or `message`.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, false>> {
	const timeout = options.timeout ?? WAIT_MS;
	const until = Date.now() + timeout;
	for (;;) {
		let failure: unknown;
		try {
			// eslint-disable-next-line no-await-in-loop
			const value = await check();
			if (value !== false) return value as Exclude<T, false>;
		} catch (error) {
			failure = error;
		}

		if (Date.now() > until) {
			const what = options.message ?? 'a condition';
			if (failure instanceof Error) {
				failure.message = `timed out after ${timeout} ms waiting for ${what}: ${failure.message}`;
				throw failure;
			}

			throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
		}

		// eslint-disable-next-line no-await-in-loop
		await pause(POLL_MS);
	}
}

/** A TTY-like stdout that keeps every frame Ink writes. */
export class TestStdout extends EventEmitter {
	readonly isTTY = true;
	readonly frames: string[] = [];

	constructor(
		public columns = 80,
		public rows = 24,
	) {
		super();
	}

	write = (frame: string): boolean => {
		this.frames.push(frame);
		return true;
	};

	lastFrame = (): string | undefined => this.frames.at(-1);

	/** The window changed size: as a terminal does on SIGWINCH. */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

/** A TTY-like stdin: what is written waits until read, like a real stream's buffer. */
export class TestStdin extends EventEmitter {
	readonly isTTY = true;
	private pending: string | null = null;

	write = (data: string): void => {
		this.pending = (this.pending ?? '') + data;
		this.emit('readable');
	};

	read = (): string | null => {
		const data = this.pending;
		this.pending = null;
		return data;
	};

	/** What was written and not read yet. */
	unread(): string | null {
		return this.pending;
	}

	/** Ink listens (raw mode on). */
	listening(): boolean {
		return this.listenerCount('readable') > 0;
	}

	override addListener(event: string | symbol, listener: (...args: unknown[]) => void): this {
		super.addListener(event, listener);
		// A listener added while data waits hears of it, as with a real stream.
		if (event === 'readable' && this.pending !== null) queueMicrotask(() => this.emit('readable'));
		return this;
	}

	override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
		return this.addListener(event, listener);
	}

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

const NO_COLOUR = /\u001B\[[\d;]*m/g; // eslint-disable-line no-control-regex

/** Removes SGR (colour/style) sequences only: anything else, OSC or a screen clear, stays visible to the test. */
export const stripSgr = (text: string): string => text.replace(NO_COLOUR, '');

export interface RenderOptions {
	columns?: number;
	rows?: number;
}

type FramePredicate = (frame: string) => boolean;

export interface Rendered {
	stdout: TestStdout;
	stdin: TestStdin;
	/** Every frame written, colour codes included. */
	frames: string[];
	/** The last frame without colour codes (tests read text and columns). */
	frame(): string;
	/** The last frame exactly as Ink wrote it. */
	raw(): string;
	/**
	 * Writes each key on its own, once Ink listens, and resolves when Ink has read and handled it
	 * (what it changed synchronously is on screen). A function last: then waits for a frame it accepts.
	 */
	press(...keys: Array<string | FramePredicate>): Promise<string>;
	/** Waits for a frame (colour codes removed) that `predicate` accepts; fails with the last frame. */
	waitForFrame(predicate: FramePredicate, options?: WaitOptions): Promise<string>;
	/** Waits for a frame after the ones written so far (one drawn since), optionally one `predicate` accepts. */
	nextFrame(predicate?: FramePredicate, options?: WaitOptions): Promise<string>;
	rerender(element: ReactElement): void;
	unmount(): void;
}

const instances: Instance[] = [];

/** Unmounts everything rendered through this module (call in afterEach). */
export function cleanup(): void {
	for (const instance of instances.splice(0)) {
		instance.unmount();
		instance.cleanup();
	}
}

/** Renders any element on a terminal in memory of the given size (80×24 by default). */
export function render(element: ReactElement, options: RenderOptions = {}): Rendered {
	const stdout = new TestStdout(options.columns ?? 80, options.rows ?? 24);
	const stderr = new TestStdout(options.columns ?? 80, options.rows ?? 24);
	const stdin = new TestStdin();
	const instance = inkRender(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	instances.push(instance);

	const frame = () => stripSgr(stdout.lastFrame() ?? '');
	const waitForFrame = async (predicate: FramePredicate, options: WaitOptions = {}): Promise<string> => {
		try {
			return await waitFor(() => predicate(frame()) && frame(), options);
		} catch {
			throw new Error(`timed out after ${options.timeout ?? WAIT_MS} ms waiting for ${options.message ?? 'a frame'}; the last frame:\n${frame()}`);
		}
	};

	const pressOne = async (key: string) => {
		await waitFor(() => stdin.listening(), {message: 'Ink to read keys (raw mode)'});
		stdin.write(key);
		await waitFor(() => stdin.unread() === null, {message: `Ink to read ${JSON.stringify(key)}`});
		// A lone Esc is told from the start of a sequence on Ink's next turn; effects run then too.
		await settle();
	};

	return {
		stdout,
		stdin,
		frames: stdout.frames,
		frame,
		raw: () => stdout.lastFrame() ?? '',
		async press(...keys) {
			for (const key of keys) {
				// eslint-disable-next-line no-await-in-loop
				if (typeof key === 'function') await waitForFrame(key);
				else await pressOne(key); // eslint-disable-line no-await-in-loop
			}

			return frame();
		},
		waitForFrame,
		async nextFrame(predicate = () => true, options = {}) {
			const seen = stdout.frames.length;
			await waitFor(() => stdout.frames.length > seen && predicate(frame()), {message: 'the next frame', ...options}).catch(() => {
				throw new Error(`timed out waiting for ${options.message ?? 'the next frame'}; the last frame:\n${frame()}`);
			});
			return frame();
		},
		rerender: instance.rerender,
		unmount: instance.unmount,
	};
}

/** A fetching side that records what the session asked of it (the screen tested alone), and quit. */
export function controller() {
	return {
		refresh: vi.fn<SessionFetcher['refresh']>(),
		refreshNow: vi.fn<SessionFetcher['refreshNow']>(),
		activity: vi.fn<SessionFetcher['activity']>(),
		pauseChanged: vi.fn<SessionFetcher['pauseChanged']>(),
		jumpToFailure: vi.fn<SessionFetcher['jumpToFailure']>(async () => {}),
		stepRunAcross: vi.fn<SessionFetcher['stepRunAcross']>(async () => {}),
		quit: vi.fn<() => void>(),
	} satisfies SessionFetcher & {quit(): void};
}

export type FakeController = ReturnType<typeof controller>;

export interface AppOptions extends RenderOptions {
	/** stdin is a TTY in raw mode (default true); false: keys are never read. */
	interactive?: boolean;
	/** A fixed clock, or one the test moves. */
	now?: number | (() => number);
	/** The session's fetching side and quit, recorded (default: a new controller()). */
	controller?: FakeController;
	/** A whole session instead (one wired to a real poller: cli/controller.ts's pollerSession). */
	commands?: Commands;
}

/** The default clock of a rendered app: T0 of test/ui/fixtures plus a second. */
export const DEFAULT_NOW = Date.UTC(2026, 3, 1, 12, 0, 1);

/**
 * Renders <App> on a terminal in memory of columns × rows (80×24 by default) and resolves once
 * its first frame is on screen and, when interactive, Ink reads keys.
 */
export async function renderApp(store: AppStore, options: AppOptions = {}) {
	const ctl = options.controller ?? controller();
	const commands = options.commands ?? new Session({store, fetcher: ctl, quit: ctl.quit, screens: SCREENS});
	const {now = DEFAULT_NOW} = options;
	const interactive = options.interactive ?? true;
	const element = () =>
		createElement(App, {
			store,
			commands,
			interactive,
			now: typeof now === 'function' ? now : () => now,
		});
	const app = render(element(), options);
	await app.waitForFrame((frame) => frame.length > 0, {message: 'the first frame'});
	if (interactive) await waitFor(() => app.stdin.listening(), {message: 'Ink to read keys (raw mode)'});
	/** Renders the whole app again (as a parent's render would) and waits for that frame. */
	const redraw = async () => {
		const seen = app.frames.length;
		app.rerender(element());
		await waitFor(() => app.frames.length > seen, {message: 'the frame drawn again'});
		return app.frame();
	};

	return {...app, controller: ctl, redraw};
}
