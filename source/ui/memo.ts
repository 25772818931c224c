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
