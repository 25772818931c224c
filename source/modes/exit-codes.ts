// The documented exit codes (readme.md keeps the same table).
export const ExitCode = {
	/** All items succeeded, or the user quit without --exit-status. */
	ok: 0,
	/** The batch finished with failed or cancelled items (with --exit-status, and in plain/json modes). */
	failed: 1,
	/** Bad flags, arguments or environment. */
	usage: 2,
	/** The API key was rejected (401/403). */
	auth: 3,
	/** The batch does not exist (404). */
	notFound: 4,
	/** --timeout passed before the batch finished. */
	timeout: 5,
	/** Gave up after network or server errors went on too long. */
	network: 6,
	/** resubmit: not every new batch was created (a create refused, or its answer lost); stderr says which were. */
	resubmitIncomplete: 7,
	/** --results: not every finished item could be written to the file (stderr says why); the same command again goes on. */
	resultsIncomplete: 8,
	/** Internal error: a bug. */
	internal: 70,
	/** The terminal went away (SIGHUP). */
	hangup: 129,
	/** Interrupted (Ctrl+C / SIGINT). */
	interrupted: 130,
	/** The output pipe was closed by its reader (`| head`), as SIGPIPE would end a program. */
	outputClosed: 141,
	/** Terminated (SIGTERM). */
	terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the program with a one-line message and a documented code. */
export class ExitError extends Error {
	constructor(
		message: string,
		readonly code: number,
	) {
		super(message);
		this.name = 'ExitError';
	}
}

export function usageError(message: string): ExitError {
	return new ExitError(message, ExitCode.usage);
}
