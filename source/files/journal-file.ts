// A job's journal on disk (lib/journal.ts is its format): under the user's cache directory
// (`$XDG_CACHE_HOME/runflow-watch/`, else `~/.cache/runflow-watch/`, made 0700), one file per job
// named after its key, mode 0600. Every write is whole: the text goes to a temporary file of
// its own (pid and random name), flushed, then renamed over the journal, so a crash, a full disk
// or two monitors writing the same job at once never leave a torn file (the last rename wins). A
// file that cannot be used (truncated, corrupt, foreign, newer) is set aside as `….bad`, said in
// one line, never a crash.
import {randomBytes} from 'node:crypto';
import {chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import {open, rename, unlink} from 'node:fs/promises';
import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';
import {decodeJournal, type Journal} from '../lib/journal.js';
import {fileError, shortPath} from './errors.js';

/** A journal larger than this is not read (a job of 2,000 batches writes about 1 MB). */
const MAX_BYTES = 64 * 1024 * 1024;

/** Where journals live: `$XDG_CACHE_HOME/runflow-watch` when that is an absolute path, else `~/.cache/runflow-watch`. */
export function journalDir(env: Readonly<Record<string, string | undefined>>): string {
	const xdg = env['XDG_CACHE_HOME'];
	const base = xdg && isAbsolute(xdg) ? xdg : join(env['HOME'] || homedir(), '.cache');
	return join(base, 'runflow-watch');
}

export type JournalOpening =
	| {journal: Journal | null; notice: null}
	/** The file could not be used: set aside (or not readable), and why, in one line. */
	| {journal: null; notice: string};

/** The path as said in a message: the home directory as `~`. */
function said(path: string, env: Readonly<Record<string, string | undefined>>): string {
	const home = env['HOME'] || homedir();
	return shortPath(home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);
}

export class JournalFile {
	private queue: Promise<void> = Promise.resolve();
	/** A write failed: said once, then no more writes. */
	private failed = false;

	constructor(
		readonly path: string,
		private readonly env: Readonly<Record<string, string | undefined>> = process.env,
	) {}

	static forJob(env: Readonly<Record<string, string | undefined>>, key: string): JournalFile {
		return new JournalFile(join(journalDir(env), `job-${key}.json`), env);
	}

	/** Reads the journal of this job: null when there is none; a notice when it was set aside. */
	read(expected: {baseUrl: string; ids: readonly string[]}): JournalOpening {
		let text: string;
		try {
			if (statSync(this.path).size > MAX_BYTES) return this.setAside('is too large');
			text = readFileSync(this.path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {journal: null, notice: null};
			return {
				journal: null,
				notice: `the journal could not be read (${fileError(error, 'read', said(this.path, this.env)).message}): starting without it`,
			};
		}

		const reading = decodeJournal(text, expected);
		if (reading.ok) return {journal: reading.journal, notice: null};
		const words = {truncated: 'is truncated', corrupt: 'is corrupt', foreign: 'belongs to another job', newer: 'is of a newer version'}[reading.problem];
		return this.setAside(`${words} (${reading.detail})`);
	}

	private setAside(why: string): JournalOpening {
		const bad = `${this.path}.bad`;
		try {
			renameSync(this.path, bad);
		} catch {
			try {
				unlinkSync(this.path);
			} catch {
				// Neither: it is read again next time, and set aside then.
			}

			return {journal: null, notice: `the journal ${said(this.path, this.env)} ${why}: starting without it`};
		}

		return {journal: null, notice: `the journal ${said(this.path, this.env)} ${why}: set aside as ${said(bad, this.env)}, starting without it`};
	}

	private ensureDir(): void {
		const dir = join(this.path, '..');
		mkdirSync(dir, {recursive: true, mode: 0o700});
		try {
			chmodSync(dir, 0o700);
		} catch {
			// Not ours to change: the file itself is 0600.
		}
	}

	private tempPath(): string {
		return `${this.path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
	}

	/** Writes `text` whole (writes run one after another). Resolves to a one-line notice when it cannot, the first time. */
	async write(text: string): Promise<string | null> {
		const run = this.queue.then(async () => this.writeNow(text));
		this.queue = run.then(
			() => undefined,
			() => undefined,
		);
		return run;
	}

	private async writeNow(text: string): Promise<string | null> {
		if (this.failed) return null;
		const temp = this.tempPath();
		try {
			this.ensureDir();
			const handle = await open(temp, 'wx', 0o600);
			try {
				await handle.writeFile(text, 'utf8');
				await handle.sync();
			} finally {
				await handle.close();
			}

			await rename(temp, this.path);
			return null;
		} catch (error) {
			await unlink(temp).catch(() => undefined);
			return this.fail(error);
		}
	}

	/** The same, at once (the process is exiting: no promise will run). */
	writeSync(text: string): string | null {
		if (this.failed) return null;
		const temp = this.tempPath();
		try {
			this.ensureDir();
			const fd = openSync(temp, 'wx', 0o600);
			try {
				writeSync(fd, text, null, 'utf8');
				fsyncSync(fd);
			} finally {
				closeSync(fd);
			}

			renameSync(temp, this.path);
			return null;
		} catch (error) {
			try {
				unlinkSync(temp);
			} catch {
				// Never made.
			}

			return this.fail(error);
		}
	}

	private fail(error: unknown): string {
		this.failed = true;
		return `${fileError(error, 'write the journal', said(this.path, this.env)).message}: going on without it`;
	}
}
