// Watching a regular `--batches-file` for the ids a still-running submit script appends
// (batches-file.ts reads it at start): every `intervalMs` a stat; when the file grew, only the new
// bytes are read, a chunk at a time, up to the last line break (a line still being written waits).
// A file that shrank or was replaced (another inode) is read again whole; only ids not seen are
// reported. Bounded as the first read: a line longer than MAX_LINE_BYTES is said once and
// skipped to its end, ids past MAX_BATCHES are said once and left out.

import {open, stat} from 'node:fs/promises';
import {displayName, lineError, MAX_BATCHES, MAX_LINE_BYTES, NEWLINE, parseBatchLine, tooLong, tooMany} from './batches-file.js';

/** Bytes read at a time: a whole line of the longest fits. */
const READ_BYTES = 4 * MAX_LINE_BYTES;

export interface WatchOptions {
	/** Ids already in the job: never reported again. */
	known: Iterable<string>;
	/** Where reading goes on (BatchesRead.offset) and the lines before it. */
	offset: number;
	lines: number;
	/** Between two looks at the file's size, default 2 s. */
	intervalMs?: number;
	/** New ids, in file order, once per look that found some. */
	onIds(ids: string[]): void;
	/** A malformed line (skipped) or a file that cannot be read any more; watching goes on. */
	onError?(message: string): void;
}

export interface BatchesWatcher {
	/** One look at the file now (what the timer does); resolves when it is done. */
	poll(): Promise<void>;
	stop(): void;
}

export function watchBatchesFile(path: string, options: WatchOptions): BatchesWatcher {
	const known = new Set(options.known);
	let offset = options.offset;
	let lines = options.lines;
	let inode: number | undefined;
	let running: Promise<void> | undefined;
	let stopped = false;
	let failing = false;
	/** Inside a line longer than the bound: bytes are dropped up to its line break. */
	let skipping = false;
	let full = false;

	const readFrom = async (start: number, size: number): Promise<Buffer> => {
		const handle = await open(path, 'r');
		try {
			const buffer = Buffer.alloc(size);
			let done = 0;
			while (done < buffer.length) {
				const {bytesRead} = await handle.read(buffer, done, buffer.length - done, start + done);
				if (bytesRead === 0) break;
				done += bytesRead;
			}

			return buffer.subarray(0, done);
		} finally {
			await handle.close();
		}
	};

	const takeLines = (text: string, fresh: string[]): void => {
		for (const raw of text.split('\n')) {
			lines++;
			const result = parseBatchLine(raw);
			if ('error' in result) {
				options.onError?.(lineError(path, lines, `${result.error}: skipped`));
			} else if ('id' in result && !known.has(result.id)) {
				if (known.size >= MAX_BATCHES) {
					if (!full) options.onError?.(lineError(path, lines, `${tooMany}: ${result.id} and the ids after it are left out`));
					full = true;
					continue;
				}
				known.add(result.id);
				fresh.push(result.id);
			}
		}
	};

	/** Reads what is there past `offset` (at most READ_BYTES); false once nothing more can be taken now. */
	const step = async (size: number, fresh: string[]): Promise<boolean> => {
		const bytes = await readFrom(offset, Math.min(size - offset, READ_BYTES));
		if (bytes.length === 0) return false;
		let start = 0;
		if (skipping) {
			const newline = bytes.indexOf(NEWLINE);
			if (newline < 0) {
				offset += bytes.length;
				return true;
			}
			skipping = false;
			lines++;
			start = newline + 1;
		}

		const end = Math.max(start, bytes.lastIndexOf(NEWLINE) + 1);
		if (end > start) takeLines(bytes.subarray(start, end - 1).toString('utf8'), fresh);
		offset += end;
		if (bytes.length - end > MAX_LINE_BYTES) {
			options.onError?.(lineError(path, lines + 1, `${tooLong}: skipped`));
			skipping = true;
			offset += bytes.length - end;
			return true;
		}
		// A line still being written waits for its line break, unless the read was cut short.
		return end > 0 && bytes.length === READ_BYTES;
	};

	const look = async (): Promise<void> => {
		let info;
		try {
			info = await stat(path);
		} catch (error) {
			if (!failing)
				options.onError?.(`--batches-file ${displayName(path)}: cannot read it any more (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
			failing = true;
			return;
		}

		failing = false;
		const replaced = inode !== undefined && info.ino !== inode;
		inode = info.ino;
		if (replaced || info.size < offset) {
			offset = 0;
			lines = 0;
			skipping = false;
		}

		const fresh: string[] = [];
		while (offset < info.size && !stopped && (await step(info.size, fresh)));
		if (fresh.length > 0 && !stopped) options.onIds(fresh);
	};

	const poll = async (): Promise<void> => {
		running ??= look().finally(() => {
			running = undefined;
		});
		return running;
	};

	const timer = setInterval(() => {
		void poll().catch((error: unknown) => options.onError?.(`--batches-file ${displayName(path)}: ${(error as Error).message}`));
	}, options.intervalMs ?? 2000);
	timer.unref();
	return {
		poll,
		stop() {
			stopped = true;
			clearInterval(timer);
		},
	};
}
