// Time remaining, from how fast items have been finishing lately.

export interface ProgressSample {
	at: number; // epoch ms
	finished: number;
}

/** Only samples this recent (relative to the latest) count toward the rate. */
export const ETA_WINDOW_MS = 5 * 60 * 1000;

/**
 * ms remaining at the finishing rate over the recent window, or null when unknown (fewer than 2
 * usable samples, no time passed or no progress in the window). 0 when finished >= total.
 * Samples need not be sorted. A drop in `finished` (a reset) starts the window afresh.
 */
export function estimateEta(samples: readonly ProgressSample[], total: number): number | null {
	const usable = samples.filter((sample) => Number.isFinite(sample?.at) && Number.isFinite(sample?.finished)).sort((a, b) => a.at - b.at);
	const latest = usable.at(-1);
	if (!latest || !Number.isFinite(total)) {
		return null;
	}

	if (latest.finished >= total) {
		return 0;
	}

	// Walk back from the latest sample while inside the window and while progress never went down.
	let first = latest;
	for (let index = usable.length - 2; index >= 0; index--) {
		const sample = usable[index];
		const later = usable[index + 1];
		if (!sample || !later || latest.at - sample.at > ETA_WINDOW_MS || sample.finished > later.finished) {
			break;
		}

		first = sample;
	}

	const elapsed = latest.at - first.at;
	const progress = latest.finished - first.finished;
	if (first === latest || elapsed <= 0 || progress <= 0) {
		return null;
	}

	return Math.round(((total - latest.finished) * elapsed) / progress);
}

/** Append, keeping at most `max` (default 300: ten minutes of polls every 2 s, for the sparkline) samples by dropping the oldest. */
export function pushSample(samples: readonly ProgressSample[], sample: ProgressSample, max = 300): ProgressSample[] {
	const limit = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : 300;
	const next = [...samples, sample];
	return limit === 0 ? [] : next.slice(-limit);
}
