// `--batches-file FILE` (`-` = standard input): the batch ids of a job, one a line, either a bare
// id or a JSON object with an `id` (what the create-batch call answers, as submit scripts print
// it; other fields ignored). Blank lines and `#` comments are skipped, duplicates merged (first
// order kept). A malformed line is a usage error naming it: `--batches-file jobs.txt line 7: …`.
// When FILE is a regular file, `watchBatchesFile` reports the ids a still-running submit script
// appends, reading only the new bytes; a line without its newline yet waits for it.

import {readFileSync, statSync} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {usageError} from '../modes/exit-codes.js';

/** What a batch id may hold (the same rule for arguments and files). */
export const BATCH_ID = /^[\w.:-]{1,200}$/;
export const BATCH_ID_RULE = 'letters, digits, - _ . : only';

const NEWLINE = 0x0A;

/** Text of the user's to quote in a one-line message: short, control characters escaped. */
export function quote(text: string, limit = 40): string {
	const cut = text.length > limit ? `${text.slice(0, limit)}…` : text;
	return JSON.stringify(cut);
}

export type LineResult = {id: string} | {skip: true} | {error: string};

/** One line of a batches file (without its line break). */
export function parseBatchLine(raw: string): LineResult {
	const line = raw.replace(/^\uFEFF/, '').trim();
	if (line === '' || line.startsWith('#')) return {skip: true};
	let id: unknown = line;
	if (line.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch {
			return {error: `not valid JSON: ${quote(line)} (one batch id, or a JSON object with an "id", per line)`};
		}

		id = (parsed as {id?: unknown}).id;
		if (typeof id !== 'string') return {error: `the JSON object has no "id" string (${typeof id === 'undefined' ? 'no id' : `id is ${JSON.stringify(id)?.slice(0, 20)}`})`};
		id = id.trim();
	}

	const text = id as string;
	if (!BATCH_ID.test(text)) return {error: `${quote(text)} is not a batch id (${BATCH_ID_RULE})`};
	return {id: text};
}

/** The name of the file in messages: as the user gave it, shortened. */
function displayName(path: string): string {
	const safe = path.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '?');
	return safe.length > 60 ? `…${safe.slice(-59)}` : safe;
}

export function lineError(path: string, line: number, message: string): string {
	return `--batches-file ${displayName(path)} line ${line}: ${message}`;
}

export interface BatchesRead {
	/** Distinct ids in the order of their first line. */
	ids: string[];
	/** Bytes read up to and including the last line break: a watcher goes on from there. */
	offset: number;
	/** Lines ended by a line break before `offset`. */
	lines: number;
}

/**
 * The ids of a whole file's bytes. `complete` (standard input read to its end): the last line
 * counts without its newline, strictly. Otherwise (a regular file a script may still be
 * writing) an unfinished last line counts when it reads as an id, and is left to the watcher
 * when it does not (half a JSON line). Throws a usage error at the first malformed line.
 */
export function parseBatches(bytes: Buffer, path: string, complete: boolean): BatchesRead {
	const seen = new Set<string>();
	const ids: string[] = [];
	const end = bytes.lastIndexOf(NEWLINE) + 1;
	const lines = end === 0 ? [] : bytes.subarray(0, end - 1).toString('utf8').split('\n');
	const take = (raw: string, number: number, strict: boolean): void => {
		const result = parseBatchLine(raw);
		if ('error' in result) {
			if (strict) throw usageError(lineError(path, number, result.error));
			return;
		}

		if ('id' in result && !seen.has(result.id)) {
			seen.add(result.id);
			ids.push(result.id);
		}
	};

	lines.forEach((raw, index) => take(raw, index + 1, true));
	if (end < bytes.length) take(bytes.subarray(end).toString('utf8'), lines.length + 1, complete);
	return {ids, offset: end, lines: lines.length};
}

export interface BatchesSource extends BatchesRead {
	/** As given on the command line ('-' for standard input). */
	path: string;
	/** A regular file: worth watching for lines appended later. */
	regular: boolean;
}

/** Reads `--batches-file` now (synchronously: flags are parsed before anything starts). */
export function readBatchesFile(path: string): BatchesSource {
	let bytes: Buffer;
	let regular = false;
	try {
		if (path === '-') {
			bytes = readFileSync(0);
		} else {
			regular = statSync(path).isFile();
			bytes = readFileSync(path);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : (code === 'EISDIR' ? 'a directory, not a file' : (code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')));
		throw usageError(`--batches-file ${displayName(path)}: cannot read it (${why})`);
	}

	return {path, regular, ...parseBatches(bytes, path, !regular)};
}

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

/**
 * Watches a regular file for appended lines: every `intervalMs` a stat; when it grew, only the
 * new bytes are read, up to the last line break (a line still being written waits). A file that
 * shrank or was replaced (another inode) is read again whole; only ids not seen are reported.
 */
export function watchBatchesFile(path: string, options: WatchOptions): BatchesWatcher {
	const known = new Set(options.known);
	let offset = options.offset;
	let lines = options.lines;
	let inode: number | undefined;
	let running: Promise<void> | undefined;
	let stopped = false;
	let failing = false;

	const readFrom = async (start: number, size: number): Promise<Buffer> => {
		const handle = await open(path, 'r');
		try {
			const buffer = Buffer.alloc(size - start);
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

	const look = async (): Promise<void> => {
		let info;
		try {
			info = await stat(path);
		} catch (error) {
			if (!failing) options.onError?.(`--batches-file ${displayName(path)}: cannot read it any more (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
			failing = true;
			return;
		}

		failing = false;
		const replaced = inode !== undefined && info.ino !== inode;
		inode = info.ino;
		if (replaced || info.size < offset) {
			offset = 0;
			lines = 0;
		}

		if (info.size === offset) return;
		const bytes = await readFrom(offset, info.size);
		const end = bytes.lastIndexOf(NEWLINE) + 1;
		if (end === 0) return;
		const fresh: string[] = [];
		for (const raw of bytes.subarray(0, end - 1).toString('utf8').split('\n')) {
			lines++;
			const result = parseBatchLine(raw);
			if ('error' in result) {
				options.onError?.(lineError(path, lines, `${result.error}: skipped`));
			} else if ('id' in result && !known.has(result.id)) {
				known.add(result.id);
				fresh.push(result.id);
			}
		}

		offset += end;
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
