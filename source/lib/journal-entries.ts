// Between a job's entries (lib/job-rows.ts) and its journal (journal.ts): what is written of each
// batch read, what a restart makes of it, and what changed since (the digest: its figures, and the
// causes of the items that failed since, grouped as the failures line groups them). Pure.
import type {Batch, LeanItem} from '../api/types.js';
import {groupCauses, type FailureCause} from './failures.js';
import {summarizeJob} from './job.js';
import type {JobEntry} from './job-rows.js';
import type {Journal, JournalRecord} from './journal.js';
import {formatClock} from './format.js';
import {formatMoney, parseMoney, type Money} from './money.js';
import {sanitize} from './sanitize.js';
import {isFailure} from './status.js';
import {summarizeBatch, summarizeTally} from './summary.js';

/** What the journal keeps of one batch, or null for one never read. */
export function recordOf(entry: JobEntry): JournalRecord | null {
	if (entry.refreshedAt === null && !entry.missing) return null;
	if (!entry.batch) {
		return entry.missing ? {id: entry.id, seenAt: entry.refreshedAt ?? 0, final: false, missing: true, batch: null, counts: {}, failed: []} : null;
	}

	const {id: _id, items, metadata: _metadata, target_id: _target, ...counters} = entry.batch;
	const summary = entry.summary ?? summarizeBatch(entry.batch);
	const counts: Record<string, number> = {};
	for (const {status, count} of summary.counts) counts[status] = count;
	const failed: LeanItem[] = (items ?? [])
		.filter((item) => isFailure(item.status_code))
		.map((item) => ({
			id: item.id,
			sequence_index: item.sequence_index,
			run_id: item.run_id,
			status_code: item.status_code,
			client_ref: item.client_ref ?? null,
		}));
	const from = entry.from === undefined ? {} : {from: entry.from};
	return {id: entry.id, seenAt: entry.refreshedAt ?? 0, final: entry.confirmed, missing: entry.missing, batch: counters, counts, failed, ...from};
}

export function journalOf(
	ids: readonly string[],
	batches: Readonly<Record<string, JobEntry>>,
	baseUrl: string,
	key: string,
	savedAt: number,
	serverDate: number | null = null,
): Journal {
	const records: JournalRecord[] = [];
	for (const id of ids) {
		const entry = batches[id];
		const record = entry ? recordOf(entry) : null;
		if (record) records.push(record);
	}

	return {baseUrl, key, savedAt, serverDate, records};
}

/** The entry a restart shows for a batch of the journal: its figures at once; final ones never read again (until `r`). */
export function entryOf(record: JournalRecord): JobEntry {
	if (!record.batch)
		return {id: record.id, batch: null, refreshedAt: null, finished: 0, confirmed: false, missing: record.missing, error: null, retryAt: null};
	const batch: Batch = {...record.batch, id: record.id, items: record.failed};
	const tally = new Map(Object.entries(record.counts));
	let counted = 0;
	for (const n of tally.values()) counted += n;
	const summary = summarizeTally(tally, Math.max(record.batch.items_total, counted), parseMoney(record.batch.cost), 'items');
	return {
		id: record.id,
		batch,
		summary,
		trimmed: true,
		refreshedAt: record.seenAt,
		finished: summary.finished,
		confirmed: record.final,
		missing: record.missing,
		error: null,
		retryAt: null,
		...(record.from === undefined ? {} : {from: record.from}),
	};
}

/** The figures a digest compares: items finished and failed, the cost, batches finished. */
export interface JobFigures {
	finished: number;
	failed: number;
	cost: Money | null;
	batchesFinished: number;
}

export function figuresOf(entries: readonly JobEntry[]): JobFigures {
	const summary = summarizeJob(entries, 0);
	return {finished: summary.finished, failed: summary.failed, cost: summary.cost, batchesFinished: summary.byState.finished};
}

/** Batches whose figures are still the journal's: not final there, not read since it was written. */
export function unreadSince(entries: Readonly<Record<string, JobEntry>>, ids: readonly string[], savedAt: number): number {
	let count = 0;
	for (const id of ids) {
		const entry = entries[id];
		if (!entry || entry.confirmed || entry.missing) continue;
		if (entry.refreshedAt === null || entry.refreshedAt <= savedAt) count++;
	}

	return count;
}

/** One failed item of a batch, by both ids ('b_1\nitem_7'): item ids need not be unique across batches. */
export const itemKey = (batchId: string, itemId: string): string => `${batchId}\n${itemId}`;

/** The failed lean items held (a finished batch keeps only those), as itemKey: what the journal held as failed. */
export function failedKeys(entries: readonly JobEntry[]): Set<string> {
	const keys = new Set<string>();
	for (const entry of entries) {
		for (const item of entry.batch?.items ?? []) if (isFailure(item.status_code)) keys.add(itemKey(entry.id, item.id));
	}

	return keys;
}

/** A failed item held now that the journal did not hold as failed: its cause is the digest's. */
export interface FailedSince {
	batchId: string;
	item: LeanItem;
	key: string;
}

/** The failed lean items held now that `before` (failedKeys of the journal's entries) did not hold, in the job's order. */
export function failedSince(entries: readonly JobEntry[], before: ReadonlySet<string>): FailedSince[] {
	const since: FailedSince[] = [];
	for (const entry of entries) {
		for (const item of entry.batch?.items ?? []) {
			const key = itemKey(entry.id, item.id);
			if (isFailure(item.status_code) && !before.has(key)) since.push({batchId: entry.id, item, key});
		}
	}

	return since;
}

/** The causes of the items failed since, as far as they were read. */
export interface DigestCauses {
	/** Largest first (groupCauses), their counts adding up to `read`. */
	groups: FailureCause[];
	/** Failed items whose cause was read. */
	read: number;
	/** More may be read (the TUI's reads go on while the digest is on screen). */
	pending: boolean;
}

export const NO_CAUSES: DigestCauses = {groups: [], read: 0, pending: false};

/** The causes read (`causes`: by itemKey, null for a read that failed) of the items failed since. */
export function digestCausesOf(since: readonly FailedSince[], causes: Readonly<Record<string, string | null>>, pending: boolean): DigestCauses {
	const read: string[] = [];
	for (const {key} of since) {
		const cause = causes[key];
		if (typeof cause === 'string') read.push(cause);
	}

	return {groups: groupCauses(read), read: read.length, pending};
}

/** What changed since the journal: the current figures less the journal's (never below 0). */
export interface Digest {
	/** When the journal was written (ms epoch). */
	since: number;
	finished: number;
	failed: number;
	cost: Money;
	batchesFinished: number;
	/** Every batch the journal did not hold as final has been read again since: the figures are whole. */
	whole: boolean;
	/** Why the items failed since failed, as far as read. */
	causes: DigestCauses;
}

export function digestOf(base: JobFigures, now: JobFigures, since: number, whole: boolean, causes: DigestCauses = NO_CAUSES): Digest {
	const cost = (now.cost ?? 0n) - (base.cost ?? 0n);
	return {
		since,
		finished: Math.max(0, now.finished - base.finished),
		failed: Math.max(0, now.failed - base.failed),
		cost: cost > 0n ? cost : 0n,
		batchesFinished: Math.max(0, now.batchesFinished - base.batchesFinished),
		whole,
		causes,
	};
}

/** Causes shown in the digest: the largest groups, then how many groups more; each at most CAUSE_COLUMNS wide. */
const SHOWN_CAUSES = 3;
const CAUSE_COLUMNS = 30;

/**
 * '12 failed (OOM ×8, TIMEOUT ×3, +1 more)'; fewer read than failed: '35 failed (of 20 read: OOM
 * ×15, TIMEOUT ×5)'; none read: '(reading causes)' while reads may come, else '(causes not read)'.
 */
export function failedText(failed: number, {groups, read, pending}: DigestCauses): string {
	if (read === 0) return `${failed} failed (${pending ? 'reading causes' : 'causes not read'})`;
	const shown = groups.slice(0, SHOWN_CAUSES).map(({cause, count}) => `${sanitize(cause, {maxColumns: CAUSE_COLUMNS}) || 'unknown'} ×${count}`);
	if (groups.length > SHOWN_CAUSES) shown.push(`+${groups.length - SHOWN_CAUSES} more`);
	return `${failed} failed (${read < failed ? `of ${read} read: ` : ''}${shown.join(', ')})`;
}

/** 'since 02:14:05: 340 finished, 12 failed (OOM ×8, TIMEOUT ×3, +1 more), $4.1200, 3 batches finished' (nothing new: 'since 02:14:05: nothing finished'). */
export function digestText(digest: Digest): string {
	const parts: string[] = [];
	if (digest.finished > 0) parts.push(`${digest.finished} finished`);
	if (digest.failed > 0) parts.push(failedText(digest.failed, digest.causes));
	if (digest.cost > 0n) parts.push(formatMoney(digest.cost));
	if (digest.batchesFinished > 0) parts.push(`${digest.batchesFinished} ${digest.batchesFinished === 1 ? 'batch' : 'batches'} finished`);
	return `since ${formatClock(digest.since)}: ${parts.length === 0 ? 'nothing finished' : parts.join(', ')}`;
}
