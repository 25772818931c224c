// A --batches-file that a submit script is still appending to: the new batches join the job
// without a restart (the real bin, JSON output, a simulator on loopback).
import {appendFileSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runBin} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, realTimeSim} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const jobEvents = (stdout: string): Array<{type: string; batches?: number}> =>
	stdout
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as {type: string; batches?: number})
		.filter((event) => event.type === 'job');

describe('a growing --batches-file', () => {
	it('adds the batches appended to it while the job is watched', async () => {
		const sim = await realTimeSim({batches: [batch('b_first', {items: 5, durationMs: 60_000}), batch('b_later', {items: 7, durationMs: 60_000})]});
		const file = join(mkdtempSync(join(tmpdir(), 'rfw-job-')), 'batches.jsonl');
		writeFileSync(file, '{"id": "b_first", "status": "queued"}\n');
		let appended = false;
		const result = await runBin(['--ui', 'json', '--batches-file', file, '--interval', '1'], {
			env: {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey},
			killAfterMs: 25_000,
			onOutput: (stdout) => {
				const events = jobEvents(stdout);
				if (!appended && events.length > 0) {
					appended = true;
					// The submit script's next line, written in two goes: half a line waits for its end.
					appendFileSync(file, '{"id": "b_la');
					appendFileSync(file, 'ter"}\n');
				}

				return events.some((event) => event.batches === 2);
			},
		});
		const events = jobEvents(result.stdout);
		expect(events[0]?.batches).toBe(1);
		expect(events.at(-1)?.batches).toBe(2);
		expect(result.signal).not.toBe('SIGKILL');
	}, 30_000);
});
