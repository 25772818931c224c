// A file that cannot be read or written, said in one line that names it and what to do.

export class FileError extends Error {
	constructor(
		message: string,
		readonly path: string,
	) {
		super(message);
		this.name = 'FileError';
	}
}

const REASONS: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'not permitted',
	ENOENT: 'no such file or folder',
	ENOTDIR: 'a part of the path is not a folder',
	EISDIR: 'it is a folder',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is used up',
	EROFS: 'the file system is read-only',
	EEXIST: 'it already exists',
	EMFILE: 'too many open files',
};

/** A short name for a path in a message: at most 80 characters, its end kept. */
export function shortPath(path: string): string {
	return path.length > 80 ? `…${path.slice(-79)}` : path;
}

/** An fs error as a FileError: `cannot write out.jsonl: the disk is full (ENOSPC)`. */
export function fileError(error: unknown, what: string, path: string): FileError {
	if (error instanceof FileError) return error;
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const reason = code ? `${REASONS[code] ?? 'failed'} (${code})` : 'failed';
	return new FileError(`cannot ${what} ${shortPath(path)}: ${reason}`, path);
}
