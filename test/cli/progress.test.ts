// Progress in the terminal's tab (OSC 9;4) while the TUI runs: the share done, the error state
// once an item failed, written only when it changes, wrapped for tmux, cleared on every way out,
// only where the terminal is known to show it (or --progress), never with --no-progress or into
// a pipe.
import {describe, expect, it} from 'vitest';
import {showProgressInTab} from '../../source/cli/progress.js';
import {progressSequence, tabProgress, terminalShowsProgress} from '../../source/lib/tab-progress.js';
import {createAppStore} from '../../source/store/store.js';
import {runBin} from '../helpers/bin.js';
import {runInPty} from '../helpers/pty.js';
import {batch as batchOf, T0} from '../ui/fixtures.js';

const OSC94 = /\u001B\]9;4;(\d);(\d+)\u0007/g;
const reports = (text: string) => [...text.matchAll(OSC94)].map((m) => `${m[1]};${m[2]}`);

describe('the tab progress, pure', () => {
	it('indeterminate until known, the share done (99 until all finished), error once an item failed, paused while stopped', () => {
		expect(tabProgress({fraction: null, failed: 0, stopped: false})).toEqual({state: 3, percent: 0});
		expect(tabProgress({fraction: 0.426, failed: 0, stopped: false})).toEqual({state: 1, percent: 42});
		expect(tabProgress({fraction: 0.999, failed: 0, stopped: false})).toEqual({state: 1, percent: 99});
		expect(tabProgress({fraction: 1, failed: 0, stopped: false})).toEqual({state: 1, percent: 100});
		expect(tabProgress({fraction: 0.5, failed: 3, stopped: false})).toEqual({state: 2, percent: 50});
		expect(tabProgress({fraction: 0.5, failed: 0, stopped: true})).toEqual({state: 4, percent: 50});
		expect(progressSequence({state: 1, percent: 42})).toBe('\u001B]9;4;1;42\u0007');
	});

	it('is sent where the terminal is known to show it, not where OSC 9 would be a notification', () => {
		expect(terminalShowsProgress({WT_SESSION: 'abc'})).toBe(true);
		expect(terminalShowsProgress({ConEmuANSI: 'ON'})).toBe(true);
		expect(terminalShowsProgress({TERM: 'xterm-ghostty'})).toBe(true);
		expect(terminalShowsProgress({TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.6.6'})).toBe(true);
		expect(terminalShowsProgress({LC_TERMINAL: 'iTerm2', LC_TERMINAL_VERSION: '3.6.10'})).toBe(true);
		expect(terminalShowsProgress({VTE_VERSION: '8002'})).toBe(true);
		// iTerm2 before 3.6.6, kitty, an older WezTerm: OSC 9 is a desktop notification there.
		expect(terminalShowsProgress({TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.14'})).toBe(false);
		expect(terminalShowsProgress({TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1'})).toBe(false);
		expect(terminalShowsProgress({TERM_PROGRAM: 'WezTerm', TERM_PROGRAM_VERSION: '20240203-110809-5046fc22'})).toBe(false);
		expect(terminalShowsProgress({TERM: 'xterm-256color'})).toBe(false);
	});
});

describe('the tab progress, following the store', () => {
	it('writes only when the percent or the state changes, and clears once on stop', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 50});
		const written: string[] = [];
		const tab = showProgressInTab(store, (text) => written.push(text), {});
		expect(reports(written.join(''))).toEqual(['3;0']);
		const load = (succeeded: number, failed: number, at: number) =>
			store
				.getState()
				.batchLoaded(
					batchOf({status_code: 'running', items_total: 200, items_succeeded: succeeded, items_failed: failed, items_cancelled: 0, cost: `${at}`}),
					T0 + at,
				);
		load(20, 0, 1);
		load(21, 0, 2); // still 10 %
		load(21, 0, 3);
		load(40, 0, 4);
		load(40, 1, 5); // 20 %, an item failed
		load(41, 1, 6); // 21 %
		tab.stop();
		tab.stop();
		expect(reports(written.join(''))).toEqual(['3;0', '1;10', '1;20', '2;20', '2;21', '0;0']);
	});

	it('is wrapped for tmux passthrough inside tmux', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 50});
		const written: string[] = [];
		showProgressInTab(store, (text) => written.push(text), {TMUX: '/tmp/tmux-0/default,1,0'}).stop();
		expect(written[0]).toBe('\u001BPtmux;\u001B\u001B]9;4;3;0\u0007\u001B\\');
	});
});

const stripCsi = (out: string) => out.replace(/\u001B\[[\d;?]*[a-zA-Z]/g, '');

async function demo(args: string[], env: Record<string, string>) {
	const run = runInPty(['--demo', ...args], {env});
	await run.waitFor((out) => stripCsi(out).includes('job · 7 batches') && stripCsi(out).includes('batch 1 of 7'));
	// Keys are read once raw mode is on: ? opens the help, any key goes back.
	const before = run.output().length;
	run.send('?');
	await run.waitFor((out) => out.slice(before).includes('keys · batches'));
	run.send('x');
	return run;
}

describe.concurrent('the tab progress of the real bin', {timeout: 30_000}, () => {
	it('in a terminal that shows it: the share done while it runs, cleared on q', async () => {
		const run = await demo([], {WT_SESSION: 'test'});
		await run.waitFor((out) => reports(out).some((r) => r !== '3;0'));
		run.send('q');
		expect((await run.exit).code).toBe(0);
		const said = reports(run.output());
		expect(said.at(-1)).toBe('0;0');
		// Only changes: never the same report twice in a row.
		expect(said.every((r, i) => i === 0 || r !== said[i - 1])).toBe(true);
	});

	it('cleared on SIGTERM and on SIGHUP', async () => {
		for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
			const run = await demo([], {WT_SESSION: 'test'});
			await run.waitFor((out) => reports(out).length > 0);
			process.kill(run.binPid()!, signal);
			await run.exit;
			expect(reports(run.output()).at(-1), signal).toBe('0;0');
		}
	});

	it('not with --no-progress; not where the terminal is not recognised, unless --progress; wrapped inside tmux', async () => {
		const off = await demo(['--no-progress'], {WT_SESSION: 'test'});
		const unknown = await demo([], {});
		const forced = await demo(['--progress'], {});
		const tmux = await demo([], {WT_SESSION: 'test', TMUX: '/tmp/tmux-test/default,1,0'});
		await forced.waitFor((out) => reports(out).length > 0);
		await tmux.waitFor((out) => out.includes('\u001BPtmux;\u001B\u001B]9;4;'));
		for (const run of [off, unknown, forced, tmux]) run.send('q');
		await Promise.all([off, unknown, forced, tmux].map(async (run) => run.exit));
		expect(off.output()).not.toContain('\u001B]9;4;');
		expect(unknown.output()).not.toContain('\u001B]9;4;');
		expect(reports(forced.output()).at(-1)).toBe('0;0');
	});

	it('never into a pipe (plain output)', async () => {
		const result = await runBin(['--demo', '--ui', 'plain', '--progress', '--timeout', '2s'], {env: {WT_SESSION: 'test'}});
		expect(result.stdout).not.toContain('\u001B]9;4;');
	});
});
