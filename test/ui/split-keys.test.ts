// The splitter: a chunk of stdin (keys that arrived together) into single key presses, in order.
import {describe, expect, test} from 'vitest';
import {isTyped, keyPresses, NO_KEY, splitKeys, type KeyPress} from '../../source/ui/split-keys.js';

/** A press written short: 'j', 'G', 'ctrl+c', 'down', 'alt+j', 'shift+tab', 'esc'. */
function describePress({input, key}: KeyPress): string {
	const named = (
		['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'] as const
	).filter((flag) => key[flag]);
	const modifiers = [key.ctrl ? 'ctrl+' : '', key.meta && !key.escape ? 'alt+' : '', key.shift && named.length > 0 ? 'shift+' : ''].join('');
	return modifiers + (named.length > 0 ? named.join('+') : input);
}

const split = (chunk: string): string[] => splitKeys(chunk).map(describePress);

describe('splitKeys', () => {
	test('a run of typed keys is one press each', () => {
		expect(split('jjjjj')).toEqual(['j', 'j', 'j', 'j', 'j']);
		expect(split('G')).toEqual(['G']);
		expect(splitKeys('G')[0]?.key.shift).toBe(true);
		expect(split('a b')).toEqual(['a', ' ', 'b']);
		expect(split('é🙂x')).toEqual(['é', '🙂', 'x']);
	});

	test('Enter, Backspace, Tab and Ctrl+letter inside a run', () => {
		expect(split('abc\r')).toEqual(['a', 'b', 'c', 'return']);
		expect(split('\n')).toEqual(['return']);
		expect(split('ab\u007F\b')).toEqual(['a', 'b', 'delete', 'backspace']);
		expect(split('\tj')).toEqual(['tab', 'j']);
		expect(split('jj\u0003j')).toEqual(['j', 'j', 'ctrl+c', 'j']);
		expect(split('\u0015')).toEqual(['ctrl+u']);
	});

	test('escape sequences: arrows, PgUp/PgDn, Home/End in their variants', () => {
		expect(split('\u001B[B\u001B[B\u001B[B')).toEqual(['downArrow', 'downArrow', 'downArrow']);
		expect(split('jj\u001B[B')).toEqual(['j', 'j', 'downArrow']);
		expect(split('\u001B[A\u001B[C\u001B[D\u001BOA\u001BOB')).toEqual(['upArrow', 'rightArrow', 'leftArrow', 'upArrow', 'downArrow']);
		expect(split('\u001B[5~\u001B[6~\u001B[[5~\u001B[[6~')).toEqual(['pageUp', 'pageDown', 'pageUp', 'pageDown']);
		expect(split('\u001B[H\u001B[F\u001BOH\u001BOF\u001B[1~\u001B[4~\u001B[7~\u001B[8~')).toEqual([
			'home',
			'end',
			'home',
			'end',
			'home',
			'end',
			'home',
			'end',
		]);
		expect(split('\u001B[3~\u001B[Z')).toEqual(['delete', 'shift+tab']);
		expect(split('\u001B[1;5A\u001B[1;2B\u001B[5;5~')).toEqual(['ctrl+upArrow', 'shift+downArrow', 'ctrl+pageUp']);
		expect(split('\u001B[a\u001BOa\u001B[7$\u001B[8^')).toEqual(['shift+upArrow', 'ctrl+upArrow', 'shift+home', 'ctrl+end']);
	});

	test('a lone Esc, Esc twice, and Alt+key (ESC then a key)', () => {
		expect(split('\u001B')).toEqual(['escape']);
		expect(split('\u001B\u001B')).toEqual(['escape', 'escape']);
		expect(split('j\u001B')).toEqual(['j', 'escape']);
		expect(split('\u001Bj')).toEqual(['alt+j']);
		expect(split('\u001B\u007F')).toEqual(['alt+delete']);
		expect(split('\u001B\u001B[A')).toEqual(['alt+upArrow']);
		expect(split('\u001B\u001B\u001B[B')).toEqual(['escape', 'alt+downArrow']);
	});

	test('keys it does not know are presses of nothing, and never swallow the keys after them', () => {
		const unknown = {input: '', key: NO_KEY};
		expect(splitKeys('\u001B[15~j')).toEqual([unknown, {input: 'j', key: NO_KEY}]);
		expect(splitKeys('\u001BOPj')).toEqual([unknown, {input: 'j', key: NO_KEY}]);
		expect(splitKeys('\u001B[106u')).toEqual([unknown]);
		expect(splitKeys('\u001B[[A')).toEqual([unknown]);
		expect(split('\u001B[1\rj')).toEqual(['', 'return', 'j']);
		expect(splitKeys('\u009B')).toEqual([unknown]);
		expect(splitKeys('')).toEqual([]);
	});
});

describe('isTyped', () => {
	test('characters are typed; named keys, Ctrl and Alt are not', () => {
		expect(splitKeys('a B1 é').every(isTyped)).toBe(true);
		expect(splitKeys('\r\u001B\u007F\u0003\t\u001Bj\u001B[B').some(isTyped)).toBe(false);
	});
});

describe('keyPresses: what Ink 6.8 handed to useInput', () => {
	test('a key Ink recognised is one press as given; a raw run is split', () => {
		const down = {...NO_KEY, downArrow: true};
		expect(keyPresses('', down)).toEqual([{input: '', key: down}]);
		const ctrlC = {...NO_KEY, ctrl: true};
		expect(keyPresses('c', ctrlC)).toEqual([{input: 'c', key: ctrlC}]);
		const altJ = {...NO_KEY, meta: true};
		expect(keyPresses('j', altJ)).toEqual([{input: 'j', key: altJ}]);
		expect(keyPresses('jjj', NO_KEY).map(describePress)).toEqual(['j', 'j', 'j']);
		expect(keyPresses('abc\r', NO_KEY).map(describePress)).toEqual(['a', 'b', 'c', 'return']);
	});
});
