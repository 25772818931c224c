// How much of an answer is read: no more than MAX_BODY_BYTES, counted as read (after
// decompression), or announced (Content-Length). Past it the read stops at once: the attempt
// fails as a bad answer, and memory stays bounded whatever a server sends.
import {ApiError} from './errors.js';

/**
 * Far above any real answer (a 500-item projected page is about 0.3 MB, a 20,000-item batch's
 * lean item list about 3 MB), low enough that reading, parsing and holding one stays within the
 * monitor's memory.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

interface Progress {
	transferred: number;
	total?: number;
}

/** A got request (promise) as far as the limit needs it. */
interface Cancellable {
	on(event: 'downloadProgress', listener: (progress: Progress) => void): unknown;
	cancel(): void;
}

/** Stops `request` once its answer passes the limit (any attempt: got passes on each retry's progress). Returns whether it did. */
export function capBody(request: Cancellable): () => boolean {
	let stopped = false;
	request.on('downloadProgress', ({transferred, total}) => {
		if (stopped || (transferred <= MAX_BODY_BYTES && (total === undefined || total <= MAX_BODY_BYTES))) return;
		stopped = true;
		request.cancel();
	});
	return () => stopped;
}

/** A bad answer, retried as one (the poller backs off): the server was reached, and sent too much. */
export function oversizeError(): ApiError {
	return new ApiError({kind: 'bad_response', code: TOO_LARGE, message: `the server's answer passed ${MAX_BODY_BYTES / 1024 / 1024} MB`});
}

const TOO_LARGE = 'ANSWER_TOO_LARGE';

/** An answer cut at MAX_BODY_BYTES: a smaller page may pass. */
export function isOversize(error: unknown): boolean {
	return error instanceof ApiError && error.code === TOO_LARGE;
}
