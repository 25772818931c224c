// One-entry memoization: the last arguments (compared with Object.is) and their result.
// Enough for selectors: the screen asks the same question until the store changes.

export function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
	let lastArgs: A | null = null;
	let lastResult: R;
	return (...args: A): R => {
		if (lastArgs !== null && lastArgs.length === args.length && lastArgs.every((value, i) => Object.is(value, args[i]))) {
			return lastResult;
		}

		lastResult = fn(...args);
		lastArgs = args;
		return lastResult;
	};
}

/** A value computed once per object (a state, a log line), forgotten with it. */
export function memoPerObject<K extends object, R>(fn: (key: K) => R): (key: K) => R {
	const cache = new WeakMap<K, R>();
	return (key: K): R => {
		if (cache.has(key)) return cache.get(key) as R;
		const value = fn(key);
		cache.set(key, value);
		return value;
	};
}
