// OpaqueText: Ink lays out a blank, the real text is drawn in its place, styles and wide
// characters included. (What it spares, Ink's forever cache of measured texts, is measured by
// `npm run bench`: heap growth while the log view draws 20,000 new lines.)
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';

// Styles are what this file checks: colours on before Ink's colour library loads (this file runs in a process of its own).
process.env['FORCE_COLOR'] = '1';
const {Box, Text} = await import('ink');
const {cleanup: cleanupInk, render} = await import('ink-testing-library');
const {OpaqueText, swapBlank} = await import('../../source/ui/OpaqueText.js');
const {cleanup, filledStore, item, items, renderApp, selectedLine, stripSgr} = await import('./fixtures.js');

afterEach(() => {
	cleanupInk();
	cleanup();
});

describe('OpaqueText', () => {
	it('puts the text where the blank is and keeps the styles around it', () => {
		expect(swapBlank('\u001B[31m     \u001B[39m', '     ', 'héllo')).toBe('\u001B[31mhéllo\u001B[39m');
		expect(swapBlank('\u001B[31m\u001B[39m', '     ', 'x')).toBe('\u001B[31m\u001B[39m'); // clipped away whole
		expect(swapBlank('   ', '   ', '$& $1')).toBe('$& $1'); // taken as text, not as a pattern
	});

	it('draws the text in the width it takes, wide characters included, with its style', () => {
		const {lastFrame} = render(
			<Box flexDirection="row">
				<Text>[</Text>
				<OpaqueText text="日本 ok" color="red" inverse />
				<Text>]</Text>
				<OpaqueText text="" />
				<Text>end</Text>
			</Box>,
		);
		const raw = lastFrame() ?? '';
		expect(stripSgr(raw)).toBe('[日本 ok]end');
		const styled = raw.slice(raw.indexOf('['), raw.indexOf(']'));
		expect(styled).toMatch(/\u001B\[(7|31)m/);
	});

	it('cut at the edge of a box that hides its overflow, shows the start of the text', () => {
		expect(swapBlank('\u001B[2m   \u001B[22m', '      ', 'abcdef')).toBe('\u001B[2mab…\u001B[22m');
		const {lastFrame} = render(
			<Box flexDirection="column">
				<Box width={8} height={1} overflow="hidden">
					<Box flexShrink={0}>
						<Text>ab</Text>
					</Box>
					<Box flexShrink={0}>
						<OpaqueText text="cdefghijkl" />
					</Box>
				</Box>
				<Text>next line</Text>
			</Box>,
		);
		expect(stripSgr(lastFrame() ?? '')).toBe('abcdefg…\nnext line');
	});
});

describe('the table, drawn opaque', () => {
	it('keeps the selected row inverse and failures red, every column in place', async () => {
		const first = [
			...items(0, 5),
			item(5, {status_code: 'failed', client_ref: 'ü-日本-ref', error: {code: 'OOM', message: 'CUDA out of memory'}}),
			...items(6, 50),
		];
		const store = filledStore(first);
		const app = await renderApp(store);
		const frame = app.frame();
		const heading = frame.split('\n').find((line) => line.includes('client_ref'))!;
		const failed = frame.split('\n').find((line) => line.includes('ü-日本'))!;
		expect(failed).toContain('ü-日本-ref');
		// The failure starts in the failure column: wide characters before it did not shift it.
		expect(stringWidth(failed.slice(0, failed.indexOf('OOM')))).toBe(heading.indexOf('failure'));
		const rawFailed = app
			.raw()
			.split('\n')
			.find((line) => line.includes('ü-日本'))!;
		expect(rawFailed).toMatch(/\u001B\[31m[^\u001B]*OOM/);
		const rawSelected = app
			.raw()
			.split('\n')
			.find((line) => line.includes('›'))!;
		expect(rawSelected).toMatch(/\u001B\[7m/);
		expect(selectedLine(frame)).toContain('ref-0');
	});
});
