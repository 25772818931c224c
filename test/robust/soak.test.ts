// Hours of watching in simulated time: what the monitor holds stays bounded. (Memory
// figures themselves come from `npm run bench`.)
import {describe, expect, it} from 'vitest';
import {soak} from '../bench/soak.js';
import {MAX_PAGES_CACHED} from '../../source/store/state.js';

describe('a long session', () => {
	it('keeps pages, progress samples and log lines bounded over 3 simulated hours', async () => {
		const hours = await soak({hours: 3, intervalMs: 15_000, items: 1200, pageSize: 20, screen: false});
		expect(hours).toHaveLength(3);
		const last = hours[2]!;
		// Every poll was made while the batch ran (its first hour, at 15 s); once it finished,
		// only what the user opened was read.
		expect(hours[0]!.ticks).toBeGreaterThanOrEqual(220);
		expect(last.ticks - hours[1]!.ticks).toBeLessThanOrEqual(30);
		for (const hour of hours) {
			expect(hour.pagesHeld).toBeLessThanOrEqual(MAX_PAGES_CACHED);
			expect(hour.samples).toBeLessThanOrEqual(300);
			expect(hour.logLines).toBeLessThanOrEqual(10_000);
		}
		// The user paged through more pages than the cache holds: it is full, not over.
		expect(last.pagesHeld).toBe(MAX_PAGES_CACHED);
	}, 120_000);
});
