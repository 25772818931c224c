// A full garbage collection now and then, so that a monitor left running for hours gives
// memory back: V8 grows its young generation under steady polling and keeps the pages.
// Node offers no switch for that from inside a program, but `gc` can be exposed at run time.
// Costs a few milliseconds every 30 s; silently does nothing where the runtime refuses.
import v8 from 'node:v8';
import vm from 'node:vm';

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
	const timer = setInterval(collect, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
