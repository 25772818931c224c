// Quiet writes: one poll, one frame. Ink redraws the whole screen for every React commit
// (120×40 cells: milliseconds of CPU and megabytes of garbage each), and a poll writes the
// store twice: the batch and the page it read, then, after the open run's logs and the
// failures' causes, that it succeeded and at what pace. The poller writes its reads quietly:
// the store's listeners hear of them with the next write that is not quiet (the same poll's
// end, or a key pressed meanwhile), or at `flushQuiet`. Listeners are then told once, with
// the state from before the quiet writes as `previous`, so none misses a change.
import type {StoreApi} from 'zustand/vanilla';

interface Quiet {
	run(write: () => void): void;
	flush(): void;
}

const quiets = new WeakMap<object, Quiet>();

/** Gives `store` quiet writes (quietly, flushQuiet). Returns the same store. */
export function withQuietWrites<T>(store: StoreApi<T>): StoreApi<T> {
	type Listener = (state: T, previous: T) => void;
	const listeners = new Set<Listener>();
	let quiet = 0;
	/** The state before the first quiet write nobody has been told of yet. */
	let since: {state: T} | null = null;
	const tell = (state: T, previous: T) => {
		for (const listener of listeners) listener(state, previous);
	};

	store.subscribe((state, previous) => {
		if (quiet > 0) {
			since ??= {state: previous};
			return;
		}
		const from = since === null ? previous : since.state;
		since = null;
		tell(state, from);
	});
	store.subscribe = (listener: Listener) => {
		listeners.add(listener);
		return () => {
			listeners.delete(listener);
		};
	};
	quiets.set(store, {
		run(write) {
			quiet++;
			try {
				write();
			} finally {
				quiet--;
			}
		},
		flush() {
			if (since === null) return;
			const from = since.state;
			since = null;
			tell(store.getState(), from);
		},
	});
	return store;
}

/** Runs `write` without telling the store's listeners; they hear of it with the next write, or at flushQuiet. */
export function quietly<T>(store: StoreApi<T>, write: () => void): void {
	const quiet = quiets.get(store);
	if (quiet) quiet.run(write);
	else write();
}

/** Tells the listeners of the quiet writes nobody has heard of yet. */
export function flushQuiet<T>(store: StoreApi<T>): void {
	quiets.get(store)?.flush();
}
