// Text a terminal must never interpret: escape sequences, control characters, bidi
// overrides, wide and zero-width characters. With `hostile: true` some client_refs and log
// lines carry these strings verbatim (chosen deterministically, so the same seed gives the
// same strings), and one log line of the batch is 100 KB long.

export const HOSTILE_STRINGS: readonly string[] = [
	'\u001B[31mRED-ALERT\u001B[0m invoice-0003.pdf', // CSI colour
	'\u001B[2J\u001B[Hscreen-cleared.pdf', // clear screen + cursor home
	'cursor\u001B[5A\u001B[2K\u001B[10Dmoved.pdf', // cursor up, erase line, cursor back
	'\u001B]0;pwned\u0007title.pdf', // OSC window title (BEL terminated)
	'\u001B]8;;https://evil.example/\u001B\\click-me.pdf\u001B]8;;\u001B\\', // OSC 8 hyperlink
	'\u001BPq#0;2;0;0;0#0~~@@vv@@~~\u001B\\sixel.pdf', // DCS (sixel) ... ST
	'\u009B31mc1-csi.pdf', // 8-bit C1 CSI
	'report-\u202Efdp.exe', // right-to-left override: displays as report-exe.pdf
	'nul\u0000bel\u0007bs\u0008\u0008del\u007Fx.pdf', // NUL, BEL, backspaces, DEL
	'progress 10%\rprogress 100%', // carriage return
	'col1\tcol2\t\tcol3.pdf', // tabs
	'画像処理-請求書-0042.pdf', // CJK (double width)
	'\u{1F680}\u2728 launch-deck.pdf', // emoji
	'\u{1F469}\u200D\u{1F4BB} dev \u{1F468}\u200D\u{1F469}\u200D\u{1F467} family.pdf', // ZWJ sequences
];

export const BIG_LOG_LINE_CHARS = 100 * 1024;

let big: string | undefined;

/** One log line of exactly 100 KB (ASCII), ending with a colour escape for good measure. */
export function bigLogLine(): string {
	if (big === undefined) {
		const head = 'payload dump: ';
		const tail = ' \u001B[31mEND\u001B[0m';
		const unit = 'abcdefghijklmnopqrstuvwxyz0123456789+/';
		const body = unit.repeat(Math.ceil(BIG_LOG_LINE_CHARS / unit.length));
		big = head + body.slice(0, BIG_LOG_LINE_CHARS - head.length - tail.length) + tail;
	}

	return big;
}
