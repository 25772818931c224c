// `R`'s confirmation as lines, in the place of the table below the summary (the job's or the
// batch's): what will be sent, in the plan's own words (lib/resubmit.ts planLines, as
// `runflow-watch resubmit` says it), the model and where it came from, the narrowing, and while
// the inputs are read, how far. As many lines as the table had: the new batches' lines give way
// first. Pure; text from the API is sanitized by planLines.
import {truncate} from '../lib/format.js';
import {formatFailureGroups} from '../lib/failures.js';
import {planLines} from '../lib/resubmit.js';
import {sanitize} from '../lib/sanitize.js';
import {wrapText} from '../lib/wrap.js';
import {draftPlan, type ResubmitState} from '../store/resubmit.js';
import type {AppState} from '../store/state.js';
import {topScreen} from '../store/stack.js';
import {jobTableRows} from './job-selectors.js';
import {Command, keysFor} from './keymap.js';
import type {Size} from './layout.js';
import {memoLast} from './memo.js';
import {RESUBMIT} from './screens/resubmit.js';
import {hasAlert, selectCountLines, selectListRows} from './selectors.js';

export interface ConfirmLine {
	key: string;
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
	/** The model prompt's line: the cursor drawn after it. */
	cursor?: boolean;
}

/** How planLines ends the line of a source batch still running. */
const RUNNING = 'is still running: its later failures are not in this plan';

const SOURCE_WORDS = {flag: '--model', demo: "the demo's model", typed: 'typed'} as const;

/** The lines the table below the summary had (its heading and its last line too). */
export function confirmRows(state: AppState, size: Size): number {
	const table = state.view === 'job' ? jobTableRows(size, selectCountLines(state, size.columns), hasAlert(state)) : selectListRows(state, size);
	return table + 2;
}

/** The confirmation's keys, as its record binds them. */
const keys = {
	send: keysFor(RESUBMIT, Command.Send),
	cause: keysFor(RESUBMIT, Command.CycleCause),
	only: keysFor(RESUBMIT, Command.ToggleOnly),
	model: keysFor(RESUBMIT, Command.ChangeModel),
};

function build(resubmit: ResubmitState, editing: boolean, columns: number, rows: number): ConfirmLine[] {
	const {draft, model, modelSource} = resubmit;
	if (!draft) return [];
	const {scope} = draft;
	const whose =
		scope.kind === 'job'
			? `the whole job (${scope.batchIds.length} of its batches ${scope.batchIds.length === 1 ? 'has' : 'have'} failures)`
			: sanitize(scope.batchIds[0] ?? '', {maxColumns: 60});
	const head: ConfirmLine[] = [{key: 'title', text: `resubmit the failed items of ${whose} as new batches`, bold: true, color: 'cyan'}];
	const middle: ConfirmLine[] = [];
	const plan = draftPlan(draft, model);
	if (draft.phase === 'reading') {
		const when = `nothing is sent before the plan is shown and ${keys.send} pressed`;
		head.push({key: 'reading', text: `reading inputs ${draft.read}/${draft.expected}… (${when})`});
	} else if (draft.phase === 'failed') {
		const why = sanitize(draft.error ?? '', {maxColumns: 300});
		head.push({key: 'failed', text: `could not read the failed items' inputs: ${why}`, color: 'red'});
	} else if (plan) {
		const [first = '', ...rest] = planLines(plan);
		for (const [index, line] of wrapText(first, columns, 3).entries()) head.push({key: `plan-${index}`, text: line});
		// One line for the source batches still running, when several are.
		const running = plan.running.length > 1 ? rest.filter((line) => line.endsWith(RUNNING)) : [];
		const together = `  ${running.length} of the source batches are still running: their later failures are not in this plan`;
		if (running.length > 0) rest.splice(rest.indexOf(running[0]!), running.length, together);
		for (const [index, line] of rest.entries()) {
			// A new batch's line ('  2. 5 items from …'): created earlier this session for the same items?
			const number = /^ {2}(\d+)\. /.exec(line)?.[1];
			const chunk = number === undefined ? undefined : plan.chunks[Number(number) - 1];
			const sent = chunk ? resubmit.sent[chunk.idempotencyKey] : undefined;
			const before = `: created before as ${sanitize(sent ?? '')} (${keys.send} gets it back, creates nothing), Idempotency-Key`;
			const text = sent ? line.replace(', Idempotency-Key', before) : line;
			middle.push({key: `line-${index}`, text, dim: number !== undefined && !sent});
		}
	}

	const tail: ConfirmLine[] = [];
	if (editing) {
		// What is typed or pasted is the user's, but may hold anything a paste carries: made safe too.
		tail.push({key: 'model', text: `model  ${sanitize(draft.modelText, {maxColumns: 300})}`, cursor: true, bold: true});
		const why = draft.modelError ?? "owner/slug: Runflow names a batch's model by id only, so it is asked (kept for the session)";
		tail.push({key: 'model-why', text: why, color: draft.modelError ? 'red' : undefined, dim: !draft.modelError});
	} else {
		const text = model
			? `model  ${model.owner}/${model.slug} (${SOURCE_WORDS[modelSource ?? 'typed']}; ${keys.model} changes it)`
			: `model  not given: ${keys.model} types it (owner/slug); ${keys.send} asks for it`;
		tail.push({key: 'model', text, color: model ? undefined : 'yellow'});
	}

	if (draft.phase === 'ready') {
		const only = draft.only && scope.selected ? `only #${scope.selected.seq} (${keys.only}: every failure)` : null;
		const cause = draft.cause === null ? null : `only the failures of cause ${sanitize(draft.cause, {maxColumns: 60})} (${keys.cause}: the next cause)`;
		const causes = draft.causes.length > 1 && draft.cause === null ? ` · ${keys.cause}: only one cause (${formatFailureGroups(draft.causes, 60)})` : '';
		const item = scope.selected && !draft.only ? ` · ${keys.only}: only #${scope.selected.seq}` : '';
		tail.push({
			key: 'narrow',
			text: [only, cause].filter(Boolean).join(' · ') || `every failure${causes}${item}`,
			color: (only ?? cause) ? 'yellow' : undefined,
		});
	}

	const room = Math.max(0, rows - head.length - tail.length);
	const kept = Math.max(0, room - 1);
	const more = {key: 'more', text: `  … ${middle.length - kept} more lines (a taller window shows them)`, dim: true};
	const shown = middle.length <= room ? middle : [...middle.slice(0, kept), more];
	const cut = (line: ConfirmLine) => ({...line, text: truncate(line.text, Math.max(1, columns - (line.cursor ? 1 : 0)))});
	return [...head, ...shown.slice(0, room), ...tail].slice(0, rows).map(cut);
}

const memo = memoLast(build);

export function selectConfirmLines(state: AppState, size: Size): ConfirmLine[] {
	return memo(state.resubmit, topScreen(state) === 'model', size.columns, confirmRows(state, size));
}
