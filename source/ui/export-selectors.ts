// Writing items out, in words: `x`'s prompt line ('export 14 items to runflow-b_1-failed.jsonl
// enter write · esc cancel'), and the footer's word on the export under way, how the last one
// ended, or --results' file ('--results out.jsonl: 340 items'). Keys are named from the records.
import {displayWidth, formatCount, truncate} from '../lib/format.js';
import {sanitize} from '../lib/sanitize.js';
import type {AppState} from '../store/state.js';
import {Command, footerWords, keysFor} from './keymap.js';
import {EXPORT} from './screens/export.js';
import {LIST} from './screens/list.js';

export interface ExportPromptView {
	/** 'export 14 items to '. */
	label: string;
	/** The name, cut from the left to fit. */
	text: string;
	/** Still the name offered: drawn selected (typing replaces it). */
	selected: boolean;
	/** After the name: the keys, or what Enter found. */
	note: string;
	noteColor: string | undefined;
}

const WORDS = footerWords(EXPORT).join(' · ');
const APPLY = keysFor(EXPORT, Command.Apply);
const CANCEL = keysFor(EXPORT, Command.Cancel);
const EXPORT_KEY = keysFor(LIST, Command.Export);

/** A name in a line: at most 60 columns, its end kept. */
function shownPath(path: string): string {
	const text = sanitize(path, {maxColumns: 1000});
	if (displayWidth(text) <= 60) return text;
	let points = Array.from(text);
	while (points.length > 0 && displayWidth(`…${points.join('')}`) > 60) points = points.slice(1);
	return `…${points.join('')}`;
}

const items = (n: number): string => `${formatCount(n)} item${n === 1 ? '' : 's'}`;

/** The prompt's line, or null when it is closed. */
export function selectExportPrompt(state: AppState, columns: number): ExportPromptView | null {
	const {prompt} = state.files.export;
	if (prompt === null) return null;
	const {total} = prompt.scope;
	const of = prompt.scope.kind === 'job' ? ` of ${prompt.scope.batchIds.length} batch${prompt.scope.batchIds.length === 1 ? '' : 'es'}` : '';
	const label = `export ${total === null ? 'the items' : items(total)}${of} to `;
	let note: string;
	let noteColor: string | undefined;
	if (prompt.problem !== null) {
		note = `  ${sanitize(prompt.problem, {maxColumns: 300})}`;
		noteColor = 'red';
	} else if (prompt.taken !== null) {
		note = `  a file has this name: ${APPLY} again replaces it, ${CANCEL} cancels`;
		noteColor = 'yellow';
	} else if (prompt.checking) {
		note = '  …';
		noteColor = undefined;
	} else {
		// As room allows: how to name it and the keys; the keys; enter alone.
		const hints = [...(prompt.pristine ? [`  typing replaces it (.csv: CSV) · ${WORDS}`] : []), `  ${WORDS}`, `  ${APPLY} write`, ''];
		const need = Math.max(10, Math.min(40, displayWidth(prompt.text)));
		note = hints.find((hint) => columns - displayWidth(label) - 1 - displayWidth(hint) >= need) ?? '';
		noteColor = undefined;
	}

	const room = Math.max(10, columns - displayWidth(label) - 1 - displayWidth(note));
	let text = sanitize(prompt.text, {maxColumns: 2000});
	if (displayWidth(text) > room) {
		// Keep the end in view: drop from the left.
		let points = Array.from(text);
		while (points.length > 0 && displayWidth(`…${points.join('')}`) > room) points = points.slice(1);
		text = `…${points.join('')}`;
	}

	return {label, text, selected: prompt.pristine, note, noteColor};
}

export interface FooterStatus {
	text: string;
	color: string | undefined;
}

function exportStatus(state: AppState): FooterStatus | null {
	const {running, outcome} = state.files.export;
	if (running) {
		const of = running.total === null || running.read > running.total ? items(running.read) : `${formatCount(running.read)}/${items(running.total)}`;
		const retrying = running.retrying === null ? '' : ` (reads failing, tried again: ${sanitize(running.retrying, {maxColumns: 120})})`;
		if (running.cancelArmed) return {text: `exporting ${of} to ${shownPath(running.path)}…${retrying} · ${EXPORT_KEY} again cancels it`, color: 'yellow'};
		return {text: `exporting ${of}…${retrying}`, color: retrying === '' ? 'cyan' : 'yellow'};
	}

	switch (outcome?.kind) {
		case undefined: {
			return null;
		}

		case 'done': {
			return {text: `wrote ${items(outcome.written)} to ${shownPath(outcome.path)}`, color: 'green'};
		}

		case 'failed': {
			return {text: `export to ${shownPath(outcome.path)} failed, nothing written: ${sanitize(outcome.reason, {maxColumns: 200})}`, color: 'red'};
		}

		case 'cancelled': {
			return {text: `export cancelled: nothing written to ${shownPath(outcome.path)}`, color: 'yellow'};
		}

		case 'nothing': {
			return {text: 'nothing to export: no items in view', color: 'yellow'};
		}
	}
}

function resultsStatus(state: AppState): FooterStatus | null {
	const {results} = state.files;
	if (!results) return null;
	if (results.note !== null) {
		const note = sanitize(results.note, {maxColumns: 200});
		return {text: results.tone === 'fatal' ? `--results stopped: ${note}` : note, color: results.tone === 'fatal' ? 'red' : 'yellow'};
	}

	return results.path === '' ? null : {text: `--results ${shownPath(results.path)}: ${items(results.count)}`, color: undefined};
}

/**
 * The footer's first words, before the keys: the export under way or how it ended, else what
 * --results says; null when neither. At most the width less room for the last keys.
 */
export function selectFooterStatus(state: AppState, columns: number): FooterStatus | null {
	const status = exportStatus(state) ?? resultsStatus(state);
	if (status === null) return null;
	return {text: truncate(status.text, Math.max(20, columns - 16)), color: status.color};
}
