// The header's words for the pace of polling (header-selectors.ts shows them when the last poll
// succeeded): 'live', 'live · every 16 s' when polls slowed down because nothing changed, and
// 'finished · not polling · r refreshes' once the batch finished and polling stopped. Pure.
import type {AppState} from '../store/state.js';

export function paceText(state: AppState): string {
	const {polling} = state;
	if (polling.settled) return 'finished · not polling · r refreshes';
	if (polling.slowerEveryMs !== null) return `live · every ${Math.round(polling.slowerEveryMs / 1000)} s`;
	return 'live';
}
