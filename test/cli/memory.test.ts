import vm from 'node:vm';
import {describe, expect, it} from 'vitest';
import {startMemoryTrim} from '../../source/cli/memory.js';

describe('startMemoryTrim', () => {
	it('exposes a garbage collector at run time and stops cleanly', () => {
		const stop = startMemoryTrim(60_000);
		expect(vm.runInNewContext('typeof gc')).toBe('function');
		stop();
	});
});
