// --notify: the terminal bell and a desktop notification, sent through the terminal itself
// (OSC 9, read by iTerm2, WezTerm, kitty, Windows Terminal…, and OSC 777, read by VTE terminals
// and foot), so that it reaches the user's own machine through SSH like any other output. Once
// on the first failed item and once when the batch is finished: never more than one per event.
// Inside tmux each sequence is wrapped for its passthrough (tmux needs `set -g
// allow-passthrough on`), inside GNU screen in screen's own DCS. Only ever written to a terminal.
import {isBatchFinished} from '../lib/finished.js';
import {summarizeBatch, type BatchSummary} from '../lib/summary.js';
import {sanitize} from '../lib/sanitize.js';
import type {Batch} from '../api/types.js';
import {summarizeJob} from '../lib/job.js';
import type {JobState} from '../store/job-state.js';
import type {AppStore} from '../store/store.js';

const BEL = '\u0007';
const ESC = '\u001B';

/** A text safe inside an OSC string: sanitized, one line, no ';' (OSC 777 separates its fields with it). */
function oscText(text: string): string {
	return sanitize(text, {maxColumns: 200}).replaceAll(';', ',');
}

/** Wraps an escape sequence so that a multiplexer passes it on to the terminal outside. */
export function passThrough(sequence: string, env: NodeJS.ProcessEnv): string {
	if (env['TMUX']) return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ESC}\\`;
	if (env['STY']) return `${ESC}P${sequence}${ESC}\\`;
	return sequence;
}

/** What is written for one notification: the bell, then OSC 9 and OSC 777, each passed through a multiplexer. */
export function notification(title: string, body: string, env: NodeJS.ProcessEnv = process.env): string {
	const osc9 = `${ESC}]9;${oscText(`${title}: ${body}`)}${BEL}`;
	const osc777 = `${ESC}]777;notify;${oscText(title)};${oscText(body)}${BEL}`;
	return BEL + passThrough(osc9, env) + passThrough(osc777, env);
}

export type NotifyEvent = 'failure' | 'finished';

/** The events a batch shows: a failed (or errored) item, and being finished (lib/finished.ts). */
export function batchEvents(batch: Batch, summary: BatchSummary = summarizeBatch(batch)): Set<NotifyEvent> {
	const events = new Set<NotifyEvent>();
	if (summary.failed > 0) events.add('failure');
	if (isBatchFinished(batch, {summary})) events.add('finished');
	return events;
}

function words(event: NotifyEvent, batch: Batch, summary: BatchSummary): string {
	if (event === 'failure') return `batch ${batch.id}: an item failed (${summary.failed} so far)`;
	return `batch ${batch.id} finished: ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.cancelled} cancelled`;
}

/** Watches the store and writes one notification per event, the first time it is seen. Returns the unsubscribe. */
export function notifyOnEvents(store: AppStore, write: (text: string) => void, env: NodeJS.ProcessEnv = process.env): () => void {
	const sent = new Set<NotifyEvent>();
	const send = (event: NotifyEvent, text: string) => {
		if (sent.has(event)) return;
		sent.add(event);
		write(notification('runflow-watch', text, env));
	};

	// A job: the first failed item of any batch, and every batch finished.
	const checkJob = (job: JobState) => {
		const summary = summarizeJob(job.ids.map((id) => job.batches[id]!).filter(Boolean), 0);
		const name = `job of ${job.ids.length} batches`;
		if (summary.failed > 0) send('failure', `${name}: an item failed (${summary.failed} so far)`);
		if (summary.done) send('finished', `${name} finished: ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.cancelled} cancelled`);
	};

	const check = () => {
		const {batch, job} = store.getState();
		if (job) {
			checkJob(job);
			return;
		}

		if (!batch) return;
		const summary = summarizeBatch(batch);
		for (const event of batchEvents(batch, summary)) {
			if (sent.has(event)) continue;
			sent.add(event);
			write(notification('runflow-watch', words(event, batch, summary), env));
		}
	};

	check();
	return store.subscribe((state, previous) => {
		if (state.batch !== previous.batch || state.job !== previous.job) check();
	});
}
