// `--batches-file FILE` (`-` = standard input): the batch ids of a job, one a line, either a bare
// id or a JSON object with an `id` (what the create-batch call answers, as submit scripts print
// it; other fields ignored). Blank lines and `#` comments are skipped, duplicates merged (first
// order kept). A malformed line is a usage error naming it: `--batches-file jobs.txt line 7: …`.
// When FILE is a regular file, `watchBatchesFile` (batches-watch.ts) reports the ids a still-running submit script
// appends, reading only the new bytes; a line without its newline yet waits for it.
// Whatever the source (a pipe, a device such as /dev/zero, a file growing without end), memory
// stays bounded: it is read in chunks, at most one line is held, a line longer than
// MAX_LINE_BYTES, more than MAX_LINES lines or more than MAX_BATCHES ids stop the read at start
// (a usage error naming the line) and are skipped, said once, by the watcher.

import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {usageError} from '../modes/exit-codes.js';

/** The longest line read (a create-batch answer, whole, is a few KB). */
export const MAX_LINE_BYTES = 1024 * 1024;
/** The most batches a job holds (memory: about 13 KB a batch, see the readme's figures). */
export const MAX_BATCHES = 5000;
/** The most lines read at start (comments, blanks and repeats included). */
export const MAX_LINES = 100_000;
/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;

/** What a batch id may hold (the same rule for arguments and files). */
export const BATCH_ID = /^[\w.:-]{1,200}$/;
export const BATCH_ID_RULE = 'letters, digits, - _ . : only';

export const NEWLINE = 0x0a;

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
		if (typeof id !== 'string')
			return {error: `the JSON object has no "id" string (${typeof id === 'undefined' ? 'no id' : `id is ${JSON.stringify(id)?.slice(0, 20)}`})`};
		id = id.trim();
	}

	const text = id as string;
	if (!BATCH_ID.test(text)) return {error: `${quote(text)} is not a batch id (${BATCH_ID_RULE})`};
	return {id: text};
}

/** The name of the file in messages: as the user gave it, shortened. */
export function displayName(path: string): string {
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

export const tooLong = `longer than ${MAX_LINE_BYTES / 1024 / 1024} MB without a line break (one batch id, or a JSON object with an "id", per line)`;
const maxBatches = MAX_BATCHES.toLocaleString('en-US');
export const tooMany = `more than ${maxBatches} batches: a job holds at most ${maxBatches} (watch them in parts)`;

/**
 * The ids of a source's bytes as they come, chunk by chunk, holding at most one unfinished line.
 * `end(complete)`: `complete` (standard input or a device read to its end): the last line counts
 * without its newline, strictly. Otherwise (a regular file a script may still be writing) an
 * unfinished last line counts when it reads as an id, and is left to the watcher when it does not
 * (half a JSON line). Throws a usage error at the first malformed line and past every bound.
 */
export class BatchesParser {
	private readonly seen = new Set<string>();
	readonly ids: string[] = [];
	private tail: Buffer[] = [];
	private tailBytes = 0;
	offset = 0;
	lines = 0;

	constructor(private readonly path: string) {}

	push(chunk: Buffer): void {
		let start = 0;
		for (let newline = chunk.indexOf(NEWLINE); newline >= 0; newline = chunk.indexOf(NEWLINE, start)) {
			this.hold(chunk.subarray(start, newline));
			const line = Buffer.concat(this.tail).toString('utf8');
			this.tail = [];
			this.tailBytes = 0;
			this.lines++;
			this.offset += newline + 1 - start;
			if (this.lines > MAX_LINES) throw usageError(lineError(this.path, this.lines, `more than ${MAX_LINES.toLocaleString('en-US')} lines`));
			this.take(line, this.lines, true);
			start = newline + 1;
		}
		this.hold(chunk.subarray(start));
	}

	end(complete: boolean): BatchesRead {
		if (this.tailBytes > 0) this.take(Buffer.concat(this.tail).toString('utf8'), this.lines + 1, complete);
		return {ids: this.ids, offset: this.offset, lines: this.lines};
	}

	private hold(part: Buffer): void {
		if (part.length === 0) return;
		this.tailBytes += part.length;
		if (this.tailBytes > MAX_LINE_BYTES) throw usageError(lineError(this.path, this.lines + 1, tooLong));
		this.tail.push(Buffer.from(part));
	}

	private take(raw: string, number: number, strict: boolean): void {
		const result = parseBatchLine(raw);
		if ('error' in result) {
			if (strict) throw usageError(lineError(this.path, number, result.error));
			return;
		}
		if (!('id' in result) || this.seen.has(result.id)) return;
		if (this.ids.length >= MAX_BATCHES) throw usageError(lineError(this.path, number, tooMany));
		this.seen.add(result.id);
		this.ids.push(result.id);
	}
}

/** The ids of a whole file's bytes (BatchesParser over one chunk). */
export function parseBatches(bytes: Buffer, path: string, complete: boolean): BatchesRead {
	const parser = new BatchesParser(path);
	parser.push(bytes);
	return parser.end(complete);
}

export interface BatchesSource extends BatchesRead {
	/** As given on the command line ('-' for standard input). */
	path: string;
	/** A regular file: worth watching for lines appended later. */
	regular: boolean;
}

/** Reads from `fd` until its end, a chunk at a time; a non-blocking descriptor with nothing yet is waited for. */
function readAll(fd: number, parser: BatchesParser): void {
	const buffer = Buffer.alloc(CHUNK_BYTES);
	for (;;) {
		let bytesRead: number;
		try {
			bytesRead = readSync(fd, buffer, 0, buffer.length, null);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
			continue;
		}
		if (bytesRead === 0) return;
		parser.push(buffer.subarray(0, bytesRead));
	}
}

/** Reads `--batches-file` now (synchronously: flags are parsed before anything starts). */
export function readBatchesFile(path: string): BatchesSource {
	const parser = new BatchesParser(path);
	let regular = false;
	let fd: number | undefined;
	try {
		fd = path === '-' ? 0 : openSync(path, 'r');
		// Standard input is read once, even redirected from a file: there is no path to watch.
		regular = path !== '-' && fstatSync(fd).isFile();
		readAll(fd, parser);
	} catch (error) {
		if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') throw error;
		const code = error.code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code === 'EACCES' ? 'permission denied' : code;
		throw usageError(`--batches-file ${displayName(path)}: cannot read it (${why})`);
	} finally {
		if (fd !== undefined && fd !== 0) closeSync(fd);
	}

	return {path, regular, ...parser.end(!regular)};
}
