// The run view's logs against the simulator: the newest lines first, following as the run
// writes (none twice, none asked for twice), paging back with the API's cursors, the cap.
import {describe, expect, it} from 'vitest';
import {Command} from '../../source/lib/commands.js';
import {MAX_LOG_LINES} from '../../source/store/run-state.js';
import {closeSimulatorsAfterEach} from '../helpers/sim.js';
import {expectRun, LOGS_ROUTE, runHarness, stopPollersAfterEach, waitFor} from './harness.js';

closeSimulatorsAfterEach();
stopPollersAfterEach();

describe("following a run's logs", () => {
	it('opens on the newest lines, then adds new lines as the run writes them: none twice, none fetched twice', async () => {
		const t = await runHarness({logLinesPerRun: 1000});
		t.at(0.3);
		await t.open();
		// The newest page (sort_by timestamp:desc), in order: lines 101–300 of the 301 written.
		const first = t.numbers();
		expect(first).toHaveLength(200);
		expectRun(first, first[0]!, first[0]! + 199);
		expect(first.at(-1)).toBeGreaterThanOrEqual(295);
		expect(t.requests[0]?.params.sort_by).toBe('timestamp:desc');
		await waitFor(() => expect(t.logs()?.fetch.phase).toBe('follow'));

		for (const fraction of [0.31, 0.5, 0.51, 0.8, 1.5]) {
			t.at(fraction);
			const expected = Math.min(999, Math.floor(fraction * 1000) - 2);
			await waitFor(() => expect(t.numbers().at(-1)).toBeGreaterThanOrEqual(expected));
			expectRun(t.numbers(), first[0]!, t.numbers().at(-1)!);
		}

		await waitFor(() => expect(t.logs()?.fetch.phase).toBe('done'));
		expectRun(t.numbers(), first[0]!, 999);
		// Every line came over the wire in full once: following reads from a cursor past the held lines.
		const full = t.fullLines();
		expect(new Set(full).size).toBe(full.length);
		expect(full).toHaveLength(1000 - first[0]!);
		// A finished run's logs are not asked for again.
		const count = t.sim.stats.byRoute[LOGS_ROUTE]?.requests;
		await t.ticks.pass(3, t.stopped);
		expect(t.sim.stats.byRoute[LOGS_ROUTE]?.requests).toBe(count);
	});

	it('while nothing is written, a tick reads no line at all', async () => {
		const t = await runHarness({logLinesPerRun: 100});
		t.at(0.5);
		await t.open();
		await waitFor(() => expect(t.logs()?.fetch.phase).toBe('follow'));
		await t.ticks.pass(1); // the tick that saw the phase change is over
		const before = t.requests.length;
		// Several ticks (they slow down while nothing changes).
		await waitFor(() => t.requests.length - before > 2);
		const idle = t.requests.slice(before);
		expect(idle.every((r) => r.ids.length === 0)).toBe(true);
		// Each asked from the same cursor, past the last line held.
		expect(new Set(idle.map((r) => r.params.pq)).size).toBe(1);
		t.at(0.6);
		await waitFor(() => expect(t.numbers().at(-1)).toBeGreaterThanOrEqual(58));
		expectRun(t.numbers(), 0, t.numbers().at(-1)!);
	});

	it("pages back through older lines with the API's cursors, prepending them, up to the start", async () => {
		const t = await runHarness({logLinesPerRun: 700});
		t.at(2);
		await t.open();
		expectRun(t.numbers(), 500, 699);
		expect(t.logs()?.fetch.phase).toBe('done');
		for (const [from, held, added] of [
			[300, 400, 200],
			[100, 600, 200],
			[0, 700, 100],
		] as const) {
			t.command(Command.First); // to the top of what is held
			t.command(Command.ScreenUp, 5); // and beyond: older lines
			expect(t.logs()?.olderWanted).toBe(5);
			await waitFor(() => expect(t.numbers()).toHaveLength(held));
			expectRun(t.numbers(), from, 699);
			// The view moves 5 lines up into the new ones.
			expect(t.logs()?.scroll).toBe(added - 5);
		}

		expect(t.logs()?.fetch.olderSource).toBe('start');
		const older = t.requests.filter((r) => r.params.sort_by === 'timestamp:desc');
		expect(older.map((r) => r.params.pq === null || r.params.pq === undefined)).toEqual([true, false, false, false]);
		// At the start, scrolling up asks for nothing more.
		const count = t.requests.length;
		t.command(Command.ScreenUp, 5);
		expect(t.logs()?.olderWanted).toBe(0);
		await t.ticks.pass(2, t.stopped);
		expect(t.requests.length).toBe(count);
	});

	it('holds at most MAX_LOG_LINES: following drops the oldest, paging back then finds its place again', async () => {
		const total = MAX_LOG_LINES + 300;
		const t = await runHarness({logLinesPerRun: total, durationMs: 1_000_000});
		t.at(0.001);
		await t.open();
		t.at(1.5);
		await waitFor(() => expect(t.logs()?.fetch.phase).toBe('done'), {timeout: 20_000});
		const held = t.numbers();
		expect(held).toHaveLength(MAX_LOG_LINES);
		expectRun(held, 300, total - 1);
		expect(t.logs()?.dropped).toBe(300);
		// The page before the first held line is found again (the old cursor no longer fits).
		expect(t.logs()?.fetch.olderSource).toBe('locate');
		t.command(Command.First);
		t.command(Command.MoveUp);
		await waitFor(() => expect(t.numbers()[0]).toBe(100), {timeout: 20_000});
		// Still at most MAX_LOG_LINES: the newest went, and following waits for G to reload the end.
		expect(t.numbers()).toHaveLength(MAX_LOG_LINES);
		expectRun(t.numbers(), 100, MAX_LOG_LINES + 99);
		expect(t.logs()?.droppedNewer).toBe(200);
	}, 60_000);
});
