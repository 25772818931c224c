// Test runs: several files at once (most of a test's time is waiting: for the simulator, a
// spawned bin, a frame), in worker threads that keep the modules they loaded from one file to
// the next (isolate: false), which spares loading Ink, React and got again for every file.
// Files that need colours on before Ink's colour library loads run isolated.
import {configDefaults, defineConfig} from 'vitest/config';

const COLOURED = ['test/ui/opaque-text.test.tsx', 'test/ui/summary-width.test.tsx', 'test/ui/glance.test.tsx'];

export default defineConfig({
	test: {
		pool: 'threads',
		// Above the 2 cores of the usual machine: a file waiting on I/O leaves its core to another.
		maxWorkers: 5,
		projects: [
			{extends: true, test: {name: 'shared', exclude: [...configDefaults.exclude, ...COLOURED], isolate: false}},
			{extends: true, test: {name: 'coloured', include: COLOURED, isolate: true}},
		],
	},
});
