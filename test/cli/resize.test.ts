// A terminal window resized while the monitor runs: the bin (in a real pty) re-lays out to the
// new size, and the screen a person sees (a terminal emulator in memory) holds one clean frame.
import {describe, expect, it} from 'vitest';
import {progressWidth} from '../../source/ui/layout.js';
import {runInPty} from '../helpers/pty.js';
import {VirtualScreen} from '../helpers/screen.js';

/** A batch's row on the demo job's screen. */
const ROW = /^\s*›?\s+b_demo_job_\d\d\s/u;
const count = (lines: string[], pattern: RegExp | string) =>
	lines.filter((line) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line))).length;
const BAR = /^[█░]+ \d+\/\d+/u;
const barWidth = (line: string) => /^[█░]+/u.exec(line)?.[0].length ?? 0;
const lastUsed = (lines: string[]) => lines.reduce((last, line, index) => (line.trim() ? index : last), -1);

/**
 * One whole frame laid out for this size: the header on the first row, one foot line, one
 * footer, the job's 7 batches (as many as the height leaves: rows − 8, the glance line is one),
 * nothing wider than the window (the emulator keeps or re-wraps the lines of an old frame until
 * the bin draws over them), and the last row left free so the terminal never scrolls.
 */
const oneFrame = (columns: number, rows: number) => (lines: string[]) =>
	lines[0]!.includes('job · 7 batches') &&
	// The progress bar is that of this width (stty sets rows and columns one at a time: the bin may
	// draw once for a size in between, as a window being dragged does).
	lines.some((line) => BAR.test(line) && barWidth(line) === progressWidth(columns)) &&
	count(lines, 'job · 7 batches') === 1 &&
	count(lines, /batch \d of 7/) === 1 &&
	count(lines, 'q quit') === 1 &&
	count(lines, ROW) === Math.min(7, rows - 8) &&
	lines.every((line) => line.length <= columns) &&
	lastUsed(lines) <= rows - 2;

describe('resizing the terminal', () => {
	it('re-lays out to a smaller and then a larger window, without garbage', async () => {
		const run = runInPty(['--demo'], {columns: 100, rows: 30});
		const screen = new VirtualScreen(run, 100, 30);
		try {
			let lines = await screen.waitFor(oneFrame(100, 30));
			expect(lines[0]).toContain('runflow-watch');

			await screen.resize(70, 20);
			lines = await screen.waitFor(oneFrame(70, 20));
			expect(lines.some((line) => line.includes('space pause'))).toBe(false); // the footer keeps what fits

			await screen.resize(120, 40);
			lines = await screen.waitFor(oneFrame(120, 40));
			expect(lines[0]).toContain('runflow-watch');

			run.send('q');
			expect((await run.exit).code).toBe(0);
		} finally {
			run.child.kill('SIGKILL');
		}
	}, 30_000);
});
