// The alert line while `R`'s new batches are being created, and what came of it (until a key).
import {sanitize} from '../lib/sanitize.js';
import type {AppState} from '../store/state.js';
import {saidText} from './said.js';

export function selectResubmitAlert(state: AppState): {text: string; color: string} | null {
	const {sending, said} = state.resubmit;
	if (sending) {
		return {
			text: sanitize(`resubmitting to ${sending.model}: creating new batch ${sending.index + 1} of ${sending.of}…`, {maxColumns: 300}),
			color: 'cyan',
		};
	}

	if (said === null) return null;
	const text = sanitize(saidText(said), {maxColumns: 300});
	if (typeof said === 'string' || said.kind !== 'resubmit-done') return {text, color: 'yellow'};
	return {text, color: said.notCreated > 0 || said.file ? 'red' : 'green'};
}
