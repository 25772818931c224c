// An export to a NEW file, whole or not at all: the records go to a temporary file in the same
// folder, which takes the file's name only once every record is written and flushed to disk. A
// crash or a cancel leaves no half-written export under the name the user chose.
import {randomBytes} from 'node:crypto';
import {link, open, rename, stat, unlink, type FileHandle} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {ExportItem} from '../api/export.js';
import {fileError, FileError, shortPath} from './errors.js';
import {CSV_HEADER, formatOf, formatRecord, type ResultFormat} from './records.js';

export interface ExportOptions {
	/** Replace a file of that name (default: refuse, and say so). */
	overwrite?: boolean;
}

async function exists(path: string): Promise<boolean> {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}

export class ExportFile {
	/** Records written so far. */
	written = 0;
	private queue: Promise<unknown> = Promise.resolve();
	private closed = false;

	private constructor(
		readonly path: string,
		readonly format: ResultFormat,
		/** The temporary file the records go to until commit(). */
		readonly tempPath: string,
		private readonly handle: FileHandle,
		private readonly overwrite: boolean,
	) {}

	/** Starts an export to `path` (format by its extension). Refuses a name that is taken unless `overwrite`. */
	static async create(path: string, options: ExportOptions = {}): Promise<ExportFile> {
		const overwrite = options.overwrite === true;
		if (!overwrite && (await exists(path))) throw new FileError(`${shortPath(path)} already exists: choose another name`, path);
		const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
		let handle: FileHandle;
		try {
			handle = await open(tempPath, 'wx');
		} catch (error) {
			throw fileError(error, 'write', path);
		}

		const file = new ExportFile(path, formatOf(path), tempPath, handle, overwrite);
		if (file.format === 'csv') await file.enqueue(CSV_HEADER);
		return file;
	}

	/** Writes one item's record (calls are written in order). */
	async write(item: ExportItem): Promise<void> {
		await this.enqueue(formatRecord(item, this.format));
		this.written++;
	}

	private async enqueue(text: string): Promise<void> {
		const bytes = Buffer.from(text, 'utf8');
		const write = this.queue.then(async () => {
			let done = 0;
			while (done < bytes.length) {
				// eslint-disable-next-line no-await-in-loop
				const {bytesWritten} = await this.handle.write(bytes, done, bytes.length - done);
				done += bytesWritten;
			}
		});
		this.queue = write.catch(() => undefined);
		try {
			await write;
		} catch (error) {
			throw fileError(error, 'write', this.path);
		}
	}

	/** Flushes the records to disk and gives the file its name. */
	async commit(): Promise<void> {
		await this.queue;
		try {
			await this.handle.sync();
			await this.handle.close();
			this.closed = true;
			if (this.overwrite) {
				await rename(this.tempPath, this.path);
			} else {
				// link() refuses a name taken meanwhile, where rename() would replace it.
				try {
					await link(this.tempPath, this.path);
					await unlink(this.tempPath);
				} catch (error) {
					const code = (error as NodeJS.ErrnoException).code;
					if (code === 'EEXIST') throw new FileError(`${shortPath(this.path)} already exists: choose another name`, this.path);
					// A file system without hard links: rename, after looking once more.
					if (await exists(this.path)) throw new FileError(`${shortPath(this.path)} already exists: choose another name`, this.path);
					await rename(this.tempPath, this.path);
				}
			}
		} catch (error) {
			await this.abort();
			throw fileError(error, 'write', this.path);
		}
	}

	/** Drops the export: the temporary file goes, nothing takes the name. */
	async abort(): Promise<void> {
		await this.queue;
		if (!this.closed) {
			this.closed = true;
			await this.handle.close().catch(() => undefined);
		}

		await unlink(this.tempPath).catch(() => undefined);
	}
}
