// The bin's memory settings, each in a fresh Node process (they change the whole process).
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import vm from 'node:vm';
import {transformSync} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';
import {keepYoungGenerationSmall, memoryTrimmer, startMemoryTrim, TRIM_GROWTH_BYTES} from '../../source/cli/memory.js';

// The fresh process loads the module from source (dist/ holds only the bundle), made plain JS here.
const DIR = mkdtempSync(join(tmpdir(), 'rfw-memory-'));
const MEMORY = join(DIR, 'memory.mjs');
const source = readFileSync(new URL('../../source/cli/memory.ts', import.meta.url), 'utf8');
writeFileSync(MEMORY, transformSync(source, {loader: 'ts', format: 'esm', target: 'node20'}).code);

/**
 * Allocates short-lived objects in a fresh process, a fixed amount (not for a fixed time: a busy
 * machine would make it less); gives the young generation's resident MB.
 */
async function churn(tune: boolean): Promise<number> {
	const allocate = `keep.push(JSON.parse(JSON.stringify({rows: Array.from({length: 200}, (_, i) => ({i, s: 'r' + i}))})));`;
	const script = `
		const v8 = await import('node:v8');
		const {keepYoungGenerationSmall} = await import(${JSON.stringify(MEMORY)});
		if (${tune}) keepYoungGenerationSmall();
		let keep = [];
		for (let k = 0; k < 6000; k++) { ${allocate} if (keep.length > 40) keep.shift(); }
		const young = v8.getHeapSpaceStatistics().filter((s) => s.space_name === 'new_space' || s.space_name === 'new_large_object_space');
		console.log(young.reduce((sum, s) => sum + s.physical_space_size, 0) / 2 ** 20);
	`;
	const {stdout} = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
	return Number(stdout.trim());
}

describe('memory settings', () => {
	afterAll(() => rmSync(DIR, {recursive: true, force: true}));
	it('keep the young generation at its starting size under heavy allocation (V8 alone grows it)', async () => {
		const [untuned, tuned] = await Promise.all([churn(false), churn(true)]);
		expect(untuned).toBeGreaterThanOrEqual(16);
		expect(tuned).toBeLessThanOrEqual(4);
	}, 30_000);

	it('leave a V8 they do not know alone (an unknown flag would print to the terminal)', () => {
		expect(keepYoungGenerationSmall('99.1.2')).toBe(false);
		expect(keepYoungGenerationSmall('10.2.0')).toBe(false);
	});

	it("collect in full only when the heap grew since the last full collection, ours or V8's own", () => {
		const MB = 2 ** 20;
		let heap = 60 * MB;
		let collections = 0;
		const trim = memoryTrimmer(
			() => {
				collections++;
				heap = 30 * MB;
			},
			() => heap,
		);
		trim();
		expect(collections).toBe(1);
		heap = 30 * MB + TRIM_GROWTH_BYTES - MB;
		trim();
		expect(collections).toBe(1);
		heap = 30 * MB + TRIM_GROWTH_BYTES;
		trim();
		expect(collections).toBe(2);
		// V8 collected on its own: growth counts from there.
		heap = 20 * MB;
		trim();
		heap = 20 * MB + TRIM_GROWTH_BYTES - MB;
		trim();
		expect(collections).toBe(2);
		heap = 20 * MB + TRIM_GROWTH_BYTES;
		trim();
		expect(collections).toBe(3);
	});

	it('expose a garbage collector at run time and stop cleanly', () => {
		const stop = startMemoryTrim(60_000);
		expect(vm.runInNewContext('typeof gc')).toBe('function');
		stop();
	});
});
