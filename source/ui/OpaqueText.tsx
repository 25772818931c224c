// Text that Ink lays out without ever measuring it, for texts of endless forms: the lines of a
// run followed for hours, the cells of every item of a long batch, the clock of the last change.
//
// Ink keeps the size of every distinct text it lays out for the life of the process (a Map with
// no bound in its measure-text module): a day of new log lines would fill it. Here Ink lays out a
// blank of the same width (one string per width and style), and the real text takes the
// blank's place as the frame is drawn: a <Transform> runs after layout and is never measured.
// The text must be safe (sanitized) and one line, in a cell that does not shrink: a blank too
// wide for its place would be wrapped (a cell that keeps its width and is cut at the edge of its
// row is fine).
import {Text, Transform} from 'ink';
import stringWidth from 'string-width';
import {fit} from '../lib/format.js';

/**
 * Puts `text` where `blank` is in one drawn line (styles around it stay). A blank cut short by
 * the edge of a box that hides its overflow shows as much of the text as fits.
 */
export function swapBlank(line: string, blank: string, text: string): string {
	const at = line.indexOf(blank);
	if (at >= 0) return line.slice(0, at) + text + line.slice(at + blank.length);
	const left = / +/.exec(line);
	if (!left) return line;
	return line.slice(0, left.index) + fit(text, left[0].length) + line.slice(left.index + left[0].length);
}

interface Props {
	text: string;
	color?: string;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
}

export function OpaqueText({text, color, bold, dimColor, inverse}: Props) {
	const width = stringWidth(text);
	if (width === 0) return null;
	const blank = ' '.repeat(width);
	return (
		<Transform transform={(line) => swapBlank(line, blank, text)}>
			<Text color={color} bold={bold} dimColor={dimColor} inverse={inverse}>
				{blank}
			</Text>
		</Transform>
	);
}
