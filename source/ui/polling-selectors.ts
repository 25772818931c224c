// The header's words for polling, how often it asks (its pace, poller/pace.ts) and whether it
// stopped (header-selectors.ts shows them when the last poll
// succeeded): 'live', 'live · every 16 s' when polls slowed down because nothing changed, and
// 'finished · not polling · r refreshes' once the batch finished and polling stopped. Pure.
import type {AppState} from '../store/state.js';

/** The words, longest first: the header takes the longest that fits ('not polling' at 60 columns). */
export function pollingTexts(state: AppState): readonly string[] {
	const {polling, job} = state;
	if (job && state.view === 'job') {
		// The job screen: every batch finished and confirmed, nothing is read.
		const quiet =
			job.ids.length > 0 &&
			job.ids.every((id) => {
				const entry = job.batches[id];
				return entry !== undefined && (entry.missing || entry.confirmed);
			});
		return quiet ? ['finished · not polling · r refreshes', 'not polling · r refreshes', 'not polling'] : ['live'];
	}

	if (polling.settled) return ['finished · not polling · r refreshes', 'not polling · r refreshes', 'not polling'];
	if (polling.slowerEveryMs !== null) {
		const every = `every ${Math.round(polling.slowerEveryMs / 1000)} s`;
		return [`live · ${every}`, every];
	}

	return ['live'];
}

export function pollingText(state: AppState): string {
	return pollingTexts(state)[0]!;
}
