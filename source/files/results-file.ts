// --results FILE: items appended as they finish, each once, whole lines only. Opened with
// O_APPEND; each record is one write of a complete line. On a restart with the same file, what
// is in it is read first (the ids of the items written, by batch), a torn last line (a run
// stopped mid-write) is cut off and said, and those items are skipped.
import {createReadStream} from 'node:fs';
import {open, stat, truncate, type FileHandle} from 'node:fs/promises';
import type {ExportItem} from '../api/export.js';
import {CsvRecordReader} from './csv.js';
import {fileError, FileError, shortPath} from './errors.js';
import {CSV_HEADER, formatOf, formatRecord, RESULT_COLUMNS, type ResultFormat} from './records.js';

export interface ExistingResults {
	/** batch id → the ids of its items in the file. */
	ids: Map<string, Set<string>>;
	/** Records read. */
	records: number;
	/** Bytes of whole records (and the CSV header): where appending goes on. */
	complete: number;
	/** Bytes after them: a torn last record, 0 when none. */
	torn: number;
	/** The CSV header is there. */
	header: boolean;
}

const LF = 0x0a;

function note(ids: Map<string, Set<string>>, batchId: string, id: string): void {
	let set = ids.get(batchId);
	if (!set) {
		set = new Set();
		ids.set(batchId, set);
	}

	set.add(id);
}

function notOurs(path: string, line: number, what: string): FileError {
	return new FileError(`${shortPath(path)} line ${line} is not a results line (${what}): name another file for --results`, path);
}

/** Reads what a results file holds; a missing file holds nothing. Throws FileError for a file that is not ours. */
export async function readExistingResults(path: string, format: ResultFormat = formatOf(path)): Promise<ExistingResults> {
	const found: ExistingResults = {ids: new Map(), records: 0, complete: 0, torn: 0, header: false};
	let size: number;
	try {
		const info = await stat(path);
		if (!info.isFile()) throw new FileError(`--results ${shortPath(path)} is not a regular file`, path);
		size = info.size;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return found;
		throw fileError(error, 'read', path);
	}

	if (size === 0) return found;
	let line = 0;
	const stream = createReadStream(path, {end: Math.max(0, size - 1)});
	if (format === 'csv') {
		const reader = new CsvRecordReader((fields) => {
			line++;
			if (line === 1) {
				if (fields.join(',') !== RESULT_COLUMNS.join(',')) throw notOurs(path, 1, `the header is not ${RESULT_COLUMNS.slice(0, 3).join(',')},…`);
				found.header = true;
				return;
			}

			if (fields.length !== RESULT_COLUMNS.length || fields[1] === '') throw notOurs(path, line, `${fields.length} fields`);
			note(found.ids, fields[0]!, fields[1]!);
			found.records++;
		});
		try {
			for await (const chunk of stream) reader.feed(chunk as Buffer);
		} catch (error) {
			throw fileError(error, 'read', path);
		}

		found.complete = reader.complete;
	} else {
		let pending: Buffer[] = [];
		let offset = 0;
		const take = (bytes: Buffer) => {
			line++;
			const text = bytes.toString('utf8');
			if (text.trim() === '') return;
			let record: unknown;
			try {
				record = JSON.parse(text);
			} catch {
				throw notOurs(path, line, 'not JSON');
			}

			const {batch_id: batchId, id} = (record ?? {}) as {batch_id?: unknown; id?: unknown};
			if (typeof id !== 'string' || typeof batchId !== 'string') throw notOurs(path, line, 'no "batch_id" and "id"');
			note(found.ids, batchId, id);
			found.records++;
		};

		try {
			for await (const data of stream) {
				const chunk = data as Buffer;
				let start = 0;
				for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
					pending.push(chunk.subarray(start, at));
					take(Buffer.concat(pending));
					pending = [];
					start = at + 1;
					found.complete = offset + start;
				}

				if (start < chunk.length) pending.push(chunk.subarray(start));
				offset += chunk.length;
			}
		} catch (error) {
			throw fileError(error, 'read', path);
		}
	}

	found.torn = size - found.complete;
	return found;
}

export interface ResultsFileOptions {
	/** Told what was found and done at opening (items skipped, a torn line cut off). */
	onNotice?: (message: string) => void;
}

export class ResultsFile {
	/** Records added by this run. */
	written = 0;
	private queue: Promise<unknown> = Promise.resolve();

	private constructor(
		readonly path: string,
		readonly format: ResultFormat,
		private readonly handle: FileHandle,
		private readonly ids: Map<string, Set<string>>,
		/** Records that were in the file when it was opened. */
		readonly existing: number,
	) {}

	/** Opens FILE for appending (created when missing), after reading what it holds. */
	static async open(path: string, options: ResultsFileOptions = {}): Promise<ResultsFile> {
		const format = formatOf(path);
		const found = await readExistingResults(path, format);
		const name = shortPath(path);
		if (found.torn > 0) {
			try {
				await truncate(path, found.complete);
			} catch (error) {
				throw fileError(error, 'repair', path);
			}

			options.onNotice?.(
				`--results ${name}: its last line was cut short (a run stopped while writing it): removed it (${found.torn} bytes); that item is read again`,
			);
		}

		let handle: FileHandle;
		try {
			// O_APPEND: every write goes to the end, whole.
			handle = await open(path, 'a');
		} catch (error) {
			throw fileError(error, 'open', path);
		}

		const file = new ResultsFile(path, format, handle, found.ids, found.records);
		if (format === 'csv' && !found.header) await file.writeWhole(CSV_HEADER);
		if (found.records > 0) {
			const items = `${found.records} item${found.records === 1 ? '' : 's'}`;
			const they = found.records === 1 ? 'it is' : 'they are';
			options.onNotice?.(`--results ${name} holds ${items} already: ${they} not written again`);
		}
		return file;
	}

	/** Whether the item is in the file. */
	has(batchId: string, id: string): boolean {
		return this.ids.get(batchId)?.has(id) === true;
	}

	/** Items of the batch in the file. */
	count(batchId: string): number {
		return this.ids.get(batchId)?.size ?? 0;
	}

	/** Items in the file, all batches. */
	get total(): number {
		let n = 0;
		for (const set of this.ids.values()) n += set.size;
		return n;
	}

	/** Appends the item unless it is in the file already (false then). Calls are written in order. */
	async append(item: ExportItem): Promise<boolean> {
		if (this.has(item.batch_id, item.id)) return false;
		let set = this.ids.get(item.batch_id);
		if (!set) {
			set = new Set();
			this.ids.set(item.batch_id, set);
		}

		set.add(item.id);
		const text = formatRecord(item, this.format);
		const write = this.queue.then(async () => this.writeWhole(text));
		this.queue = write.catch(() => undefined);
		try {
			await write;
		} catch (error) {
			set.delete(item.id);
			throw error;
		}

		this.written++;
		return true;
	}

	/** One record in one write (looping only if the system wrote part of it). */
	private async writeWhole(text: string): Promise<void> {
		const bytes = Buffer.from(text, 'utf8');
		try {
			let done = 0;
			while (done < bytes.length) {
				// eslint-disable-next-line no-await-in-loop
				const {bytesWritten} = await this.handle.write(bytes, done, bytes.length - done);
				done += bytesWritten;
			}
		} catch (error) {
			throw fileError(error, 'write to', this.path);
		}
	}

	async close(): Promise<void> {
		await this.queue;
		await this.handle.close().catch(() => undefined);
	}
}
