// `x`'s file name: the one offered (`runflow-<batch or job>-<what>.jsonl`, from what is in view),
// typing over it, and what the prompt may hold. Pure.
import type {JobFilter} from './job-rows.js';
import type {ListFilter} from './triage.js';

/** The longest name the prompt takes (code points). */
export const MAX_EXPORT_PATH = 1024;

/**
 * Text of any kind as a part of a file name: letters, digits, `.`, `_` and `-` kept, every run of
 * anything else one `-` (a batch id or a client_ref substring could hold `/` or `..`); no dot or
 * dash first, at most 60 characters; `x` when nothing is left.
 */
export function namePart(text: string): string {
	const part = text
		.replace(/[^\w.-]+/g, '-')
		.replace(/^[.-]+/, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return part === '' ? 'x' : part;
}

/** `runflow-<target>-<what>.jsonl`. */
export function offeredName(target: string, what: string): string {
	return `runflow-${namePart(target)}-${namePart(what)}.jsonl`;
}

/** What the batch screen shows: its status filter (`all`, `failed`, …), then the `/` text when one is on (`failed-inv`). */
export function batchWhat(filter: ListFilter): string {
	return filter.text === '' ? filter.status : `${filter.status}-${namePart(filter.text)}`;
}

const JOB_WHAT: Readonly<Record<JobFilter, string>> = {
	all: 'all',
	running: 'running',
	queued: 'queued',
	failed: 'with-failures',
	finished: 'finished',
};

/** What the job screen shows: its filter of batches. */
export function jobWhat(filter: JobFilter): string {
	return JOB_WHAT[filter];
}

/** The name offered, then typed over: a `.` first changes its extension only (`.csv`); anything else replaces it. */
export function typeOverOffered(offered: string, typed: string): string {
	if (!typed.startsWith('.')) return typed;
	const dot = offered.lastIndexOf('.');
	return (dot > 0 ? offered.slice(0, dot) : offered) + typed;
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** What the prompt may hold: no control or format characters, at most MAX_EXPORT_PATH code points. */
export function cleanPathText(text: string): string {
	return Array.from(text.replace(UNPRINTABLE, '')).slice(0, MAX_EXPORT_PATH).join('');
}
