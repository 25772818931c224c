// A terminal in memory for the bench: a TTY-like stdout that counts the bytes Ink writes,
// and a stdin that takes key presses. Ink runs in its normal (non-debug) mode against it.
import {EventEmitter} from 'node:events';

export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns: number;
	rows: number;
	bytes = 0;
	writes = 0;
	/** Writes holding a frame (a newline): Ink's redraws, not its cursor and sync sequences alone. */
	frames = 0;
	/** The last of those writes. */
	lastFrame = '';
	lastWriteAt = 0;
	private waiters: (() => void)[] = [];

	constructor(columns = 120, rows = 40) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
		this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		this.writes++;
		if (String(chunk).includes('\n')) {
			this.frames++;
			this.lastFrame = String(chunk);
		}
		this.lastWriteAt = performance.now();
		const done = typeof encoding === 'function' ? encoding : callback;
		if (typeof done === 'function') (done as () => void)();
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve();
		return true;
	};

	/** Resolves at the next write. */
	nextWrite(): Promise<void> {
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	isRaw = false;
	private pending: string | null = null;

	press(keys: string): void {
		this.pending = keys;
		this.emit('readable');
		this.emit('data', keys);
	}

	read = (): string | null => {
		const data = this.pending;
		this.pending = null;
		return data;
	};

	setRawMode(mode: boolean): this {
		this.isRaw = mode;
		return this;
	}

	setEncoding(): this {
		return this;
	}

	resume(): this {
		return this;
	}

	pause(): this {
		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}
}
