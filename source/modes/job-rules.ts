// The rules over a JOB (several batches), the same for the TUI and the plain/json modes: it is
// complete when every batch is finished; --fail-fast ends it at the first failed item of any
// batch; a batch the server does not know ends it with 4 (plain/json at once; the TUI, which
// shows it as `? not found` and goes on, once every other batch finished, with --exit-on-complete).
import {summarizeJob} from '../lib/job.js';
import type {JobState} from '../store/job-state.js';
import type {AppState} from '../store/state.js';
import {ExitCode} from './exit-codes.js';
import {JobTracker} from './job-tracker.js';
import type {Rules, WatchEnd, WatchTarget} from './watch-end.js';

function notFound(id: string): WatchEnd {
	return {reason: 'halted', code: ExitCode.notFound, message: `batch ${id} not found (404): check the id`};
}

export function jobTarget(rules: Rules): WatchTarget<AppState> {
	const tracker = new JobTracker();
	return {
		changed: (state, previous) => state.job !== previous.job,
		check(state) {
			const {job} = state;
			if (!job) return null;
			tracker.update(job);
			const [missing] = tracker.missing;
			if (missing !== undefined && rules.haltAfterData !== false) return notFound(missing);
			if (rules.failFast && tracker.sawFailure) return {reason: 'fail-fast', code: ExitCode.failed};
			if (!rules.exitOnComplete || !tracker.allSettled(job)) return null;
			if (missing !== undefined) return notFound(missing);
			return {reason: 'complete', code: rules.exitStatus && tracker.failedOutcome ? ExitCode.failed : ExitCode.ok};
		},
		unfinished(state) {
			const {job} = state;
			const summary = summarizeJob(job ? job.ids.map((id) => job.batches[id]!).filter(Boolean) : [], 0);
			return `the job had not finished (${summary.finished}/${summary.total} items, ${summary.byState.finished} of ${summary.batches} batches finished)`;
		},
	};
}

/** What a job came to so far: `running` until every batch is finished (or not found). */
export function jobOutcome(job: JobState): 'running' | 'missing' | 'failed' | 'succeeded' {
	const tracker = new JobTracker();
	tracker.update(job);
	if (!tracker.allSettled(job)) return 'running';
	if (tracker.missing.size > 0) return 'missing';
	return tracker.failedOutcome ? 'failed' : 'succeeded';
}
