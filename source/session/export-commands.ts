// `x` on the batch and job screens: the items in view written to a file. `x` opens the prompt for
// its name (store/files.ts); Enter there hands it to the exporter (poller/export.ts), which says
// through the store how it goes. During an export, `x` says that one is running and that `x`
// again cancels it; the second `x` does.
import type {Scope} from './scope.js';

/** `x`: the prompt (or nothing in view, said); during an export, the first `x` warns, the second cancels it. */
export function openExport(s: Scope): void {
	const {running} = s.actions().files.export;
	if (!running) {
		s.actions().exportOpen();
		return;
	}

	if (running.cancelArmed) s.exporter?.cancel();
	else s.actions().exportArmCancel();
}

/** Enter in the prompt: a name is needed; the exporter looks at it and starts. */
export function submitExport(s: Scope): void {
	const {prompt} = s.actions().files.export;
	if (!prompt || prompt.checking) return;
	if (prompt.text.trim() === '') {
		s.actions().exportProblem(prompt.text, 'type a name for the file');
		return;
	}

	s.exporter?.submit();
}
