// Memory for a monitor left running for hours. Two things, both set from inside the program
// (Node has no switch for them that a bin can set for itself):
// - V8's young generation stays at its starting size (1 MB semi-spaces). Under steady polling
//   V8 grows it to 16 MB semi-spaces (32 MB resident) and keeps them; a monitor allocates
//   little per poll and needs none of that. Costs more frequent, cheaper scavenges: about 7 ms
//   more per frame drawn (`npm run bench`: 13 → 20 ms), for 20–30 MB less resident.
// - A full garbage collection every 30 s, so old-space pages are given back: V8 alone waits
//   for allocation to slow down, which steady polling never quite does. Only when the heap grew
//   by 4 MB since the last full collection (ours or V8's own): one finds next to nothing to give
//   back otherwise, and costs tens of ms of CPU over a 20,000-item batch's lean list.
// Both silently do nothing where the runtime refuses.
import v8 from 'node:v8';
import vm from 'node:vm';

/** V8 majors known to have `--semi-space-growth-factor` (Node 20: 11, 22: 12, 24: 13). An unknown flag prints to stderr. */
const KNOWN_V8 = {min: 11, max: 13};

/** Stops the young generation growing past its starting size. True if the runtime took it. */
export function keepYoungGenerationSmall(v8Version = process.versions.v8): boolean {
	const major = Number(v8Version.split('.')[0]);
	if (!(major >= KNOWN_V8.min && major <= KNOWN_V8.max)) return false;
	try {
		v8.setFlagsFromString('--semi-space-growth-factor=1');
		return true;
	} catch {
		return false;
	}
}

/** Growth of the used heap since the last full collection that makes the next one worth it. */
export const TRIM_GROWTH_BYTES = 4 * 1024 * 1024;

/**
 * What the timer calls: a full collection when the used heap grew by `minGrowth` since the
 * last one. The heap found lower than after it (V8 collected on its own) is the new floor.
 */
export function memoryTrimmer(collect: () => void, usedHeap: () => number, minGrowth = TRIM_GROWTH_BYTES): () => void {
	let floor = Number.NEGATIVE_INFINITY;
	return () => {
		const used = usedHeap();
		if (used < floor + minGrowth) {
			floor = Math.min(floor, used);
			return;
		}
		collect();
		floor = usedHeap();
	};
}

/** The 30 s full collection (the young generation is capped apart, by the bin before anything loads). */
export function startMemoryTrim(everyMs = 30_000): () => void {
	let collect: (() => void) | undefined;
	try {
		v8.setFlagsFromString('--expose_gc');
		const found: unknown = vm.runInNewContext('gc');
		if (typeof found === 'function') collect = found as () => void;
	} catch {
		collect = undefined;
	}
	if (!collect) return () => {};
	const timer = setInterval(
		memoryTrimmer(collect, () => v8.getHeapStatistics().used_heap_size),
		everyMs,
	);
	timer.unref();
	return () => clearInterval(timer);
}
