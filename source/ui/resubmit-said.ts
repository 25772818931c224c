// What `R` came to, in words (store/said.ts ResubmitSaid), with the key it is bound to where the
// words name one: read from the batch screen's record (the job screen binds the same key).
import {Command} from '../lib/commands.js';
import type {ResubmitSaid} from '../store/said.js';
import {keysFor} from './keymap.js';
import {LIST} from './screens/list.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function resubmitSaidText(said: ResubmitSaid): string {
	const key = keysFor(LIST, Command.Resubmit);
	switch (said.kind) {
		case 'resubmit-read-only': {
			return `${key} resubmits failed items by creating batches, which --read-only forbids: nothing was read or sent`;
		}

		case 'resubmit-none': {
			return said.scope === 'batch' ? 'no failed item to resubmit in this batch' : 'no failed item to resubmit in the job (of the batches read so far)';
		}

		case 'resubmit-busy': {
			return `the last ${key} is still creating its batches: nothing else was read or sent`;
		}

		case 'resubmit-cancelled': {
			return 'resubmit cancelled: nothing was sent';
		}

		case 'resubmit-done': {
			const fresh = said.made.filter((made) => !made.again);
			const again = said.made.filter((made) => made.again);
			const parts: string[] = [];
			if (fresh.length > 0) {
				const items = fresh.reduce((sum, made) => sum + made.items, 0);
				const of = said.notCreated > 0 || again.length > 0 ? ` of ${said.planned}` : '';
				const link = `↻ from ${fresh[0]!.from}${fresh.length > 1 ? ', …' : ''}`;
				const ids = fresh.map((made) => made.id).join(', ');
				const batches = plural(fresh.length, 'new batch', 'new batches');
				parts.push(`created ${batches}${of} (${plural(items, 'item')}) on ${said.model}: ${ids}, in the job (${link})`);
			}

			if (again.length > 0) {
				const which = fresh.length > 0 ? 'the other' : 'these';
				const back = `the same Idempotency-Key gave ${again.length === 1 ? 'it' : 'them'} back`;
				parts.push(`${again.map((made) => made.id).join(', ')} already held ${which} items (${back}): nothing new was created for them`);
			}

			if (said.notCreated > 0) {
				// The reason first: the line is cut at the terminal's edge.
				const which = said.made.length === 0 ? 'nothing created' : `${said.notCreated} not created`;
				parts.push(said.error ? `${which}: ${said.error}` : which);
				parts.push(`${key} again sends only what is missing`);
			}

			if (said.file) parts.push(`--batches-file: ${said.file}`);
			return parts.join('; ');
		}
	}
}
