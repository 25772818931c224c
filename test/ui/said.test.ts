// What the store, the poller and the session report is worded on screen with the keys the batch
// screen binds: the same sentences as when each was written by hand where it happened.
import {describe, expect, it} from 'vitest';
import {refusalText, saidText} from '../../source/ui/said.js';

const ELSEWHERE = 'under an order f/F stay on the page: s (failed) lists them all, o back to by sequence goes across pages';

describe('outcomes, worded', () => {
	it('names the keys bound, in the words the screen always said', () => {
		expect(saidText('as it is')).toBe('as it is');
		expect(saidText({kind: 'refresh-held'})).toBe('the server asked to wait (Retry-After): r sends nothing until the time the header shows');
		expect(saidText({kind: 'walk-gave-up', pages: 40, direction: 1})).toBe('no failure in 40 pages: f again goes on from here');
		expect(saidText({kind: 'walk-gave-up', pages: 40, direction: -1})).toBe('no failure in 40 pages: F again goes on from here');
		expect(saidText({kind: 'page-failure', found: 'wrapped', direction: 1})).toBe(`wrapped round to the first failure of this page (${ELSEWHERE})`);
		expect(saidText({kind: 'page-failure', found: 'wrapped', direction: -1})).toBe(`wrapped round to the last failure of this page (${ELSEWHERE})`);
		expect(saidText({kind: 'page-failure', found: 'none', direction: 1})).toBe(`no failed item on this page (${ELSEWHERE})`);
		expect(saidText({kind: 'page-failure', found: 'no-other', direction: -1})).toBe(`no other failed item on this page (${ELSEWHERE})`);
	});

	it('a page the server refused: where the screen went back to and the key that tries again, or the rows kept', () => {
		const refused = (back: {page: number; again: 1 | -1} | null) => refusalText({cursor: 'c2', page: 2, reason: 'bad cursor (422)', back});
		expect(refused({page: 1, again: 1})).toBe('page 2 could not be read (back on page 1; n tries again): bad cursor (422)');
		expect(refused({page: 3, again: -1})).toBe('page 2 could not be read (back on page 3; p tries again): bad cursor (422)');
		expect(refused(null)).toBe('page 2 could not be read again (its rows as last read): bad cursor (422)');
	});
});
