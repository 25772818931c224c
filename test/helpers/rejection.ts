// The error a call fails with, checked to be of the class expected (the test fails when the call
// succeeds, or fails with something else).
import {expect} from 'vitest';

export async function rejection<E extends Error>(promise: Promise<unknown>, kind: abstract new (...args: never[]) => E): Promise<E> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(kind);
		return error as E;
	}

	throw new Error('expected the call to fail');
}
