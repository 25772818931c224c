import {describe, expect, it} from 'vitest';
import {
	compareStatus,
	IN_PROGRESS_STATUS,
	isFailure,
	isTerminal,
	STATUS_ORDER,
	statusCategory,
	statusColor,
	statusLabel,
	statusSymbol,
} from '../../source/lib/status.js';
import {normalizeStatus} from '../../source/api/normalize.js';
import {displayWidth} from '../../source/lib/format.js';

const KNOWN = ['queued', 'dispatching', 'running', 'succeeded', 'partial_succeeded', 'failed', 'cancelled', 'errored'];

describe('normalizeStatus (api: every status is normalized as it arrives)', () => {
	it('trims and lowercases', () => {
		expect(normalizeStatus('  RUNNING ')).toBe('running');
		expect(normalizeStatus('Partial_Succeeded')).toBe('partial_succeeded');
	});

	it('unifies both spellings of cancelled', () => {
		expect(normalizeStatus('canceled')).toBe('cancelled');
		expect(normalizeStatus('CANCELED')).toBe('cancelled');
		expect(normalizeStatus('cancelled')).toBe('cancelled');
	});

	it('maps non-strings and blanks to unknown', () => {
		for (const value of [undefined, null, 42, {}, [], '', '   ', true]) {
			expect(normalizeStatus(value)).toBe('unknown');
		}
	});

	it('keeps unknown statuses as they are', () => {
		expect(normalizeStatus('paused')).toBe('paused');
	});
});

describe('isTerminal / isFailure', () => {
	it('knows the terminal statuses', () => {
		for (const status of ['succeeded', 'partial_succeeded', 'failed', 'cancelled', 'errored']) {
			expect(isTerminal(status)).toBe(true);
		}

		for (const status of ['queued', 'dispatching', 'running', 'paused', '', 'unknown', IN_PROGRESS_STATUS]) {
			expect(isTerminal(status)).toBe(false);
		}
	});

	it('counts failed and errored as failures, not partial success or cancel', () => {
		expect(isFailure('failed')).toBe(true);
		expect(isFailure('errored')).toBe(true);
		expect(isFailure('partial_succeeded')).toBe(false);
		expect(isFailure('cancelled')).toBe(false);
		expect(isFailure('succeeded')).toBe(false);
		expect(isFailure('weird')).toBe(false);
	});
});

describe('statusCategory', () => {
	it('maps every known status', () => {
		expect(statusCategory('queued')).toBe('queued');
		expect(statusCategory('dispatching')).toBe('running');
		expect(statusCategory('running')).toBe('running');
		expect(statusCategory('succeeded')).toBe('succeeded');
		expect(statusCategory('partial_succeeded')).toBe('succeeded');
		expect(statusCategory('failed')).toBe('failed');
		expect(statusCategory('errored')).toBe('failed');
		expect(statusCategory('cancelled')).toBe('cancelled');
	});

	it('puts anything else in other', () => {
		expect(statusCategory('paused')).toBe('other');
		expect(statusCategory('')).toBe('other');
	});

	it('treats the synthetic in-progress status as running', () => {
		expect(statusCategory(IN_PROGRESS_STATUS)).toBe('running');
	});
});

describe('statusSymbol', () => {
	it('gives the documented symbols', () => {
		expect(statusSymbol('queued')).toBe('○');
		expect(statusSymbol('dispatching')).toBe('◔');
		expect(statusSymbol('running')).toBe('◐');
		expect(statusSymbol('succeeded')).toBe('✓');
		expect(statusSymbol('partial_succeeded')).toBe('◑');
		expect(statusSymbol('failed')).toBe('✗');
		expect(statusSymbol('cancelled')).toBe('⊘');
		expect(statusSymbol('errored')).toBe('!');
		expect(statusSymbol('paused')).toBe('?');
	});

	it('is distinct per status and one column wide', () => {
		const symbols = [...KNOWN, IN_PROGRESS_STATUS, 'other'].map((status) => statusSymbol(status));
		expect(new Set(symbols).size).toBe(symbols.length);
		for (const symbol of symbols) {
			expect(displayWidth(symbol)).toBe(1);
		}
	});
});

describe('statusColor', () => {
	it('gives an Ink colour for known statuses, undefined otherwise', () => {
		const allowed = new Set(['green', 'red', 'yellow', 'cyan', 'gray', 'magenta']);
		for (const status of KNOWN) {
			expect(allowed.has(statusColor(status) ?? '')).toBe(true);
		}

		expect(statusColor('succeeded')).toBe('green');
		expect(statusColor('failed')).toBe('red');
		expect(statusColor('paused')).toBeUndefined();
		expect(statusColor('')).toBeUndefined();
	});
});

describe('statusLabel', () => {
	it('shows the normalized word with spaces', () => {
		expect(statusLabel('partial_succeeded')).toBe('partial succeeded');
		expect(statusLabel('some_new_state')).toBe('some new state');
		expect(statusLabel('unknown')).toBe('unknown');
	});

	it('never lets control characters through', () => {
		const label = statusLabel('bad\u001B[31mred\u0007');
		expect(label).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		expect(label).toBe('badred\uFFFD');
	});
});

describe('STATUS_ORDER and compareStatus', () => {
	it('lists the display order', () => {
		expect(STATUS_ORDER).toEqual(['queued', 'dispatching', 'running', 'succeeded', 'partial_succeeded', 'failed', 'errored', 'cancelled']);
		expect(Object.isFrozen(STATUS_ORDER)).toBe(true);
	});

	it('sorts known by order, unknown last and alphabetical', () => {
		const sorted = ['zeta', 'failed', 'cancelled', 'alpha', 'queued', 'running', 'succeeded'].sort(compareStatus);
		expect(sorted).toEqual(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'alpha', 'zeta']);
	});

	it('places in progress right after running', () => {
		const sorted = ['succeeded', IN_PROGRESS_STATUS, 'queued', 'running'].sort(compareStatus);
		expect(sorted).toEqual(['queued', 'running', IN_PROGRESS_STATUS, 'succeeded']);
	});

	it('treats equal statuses as equal', () => {
		expect(compareStatus('cancelled', 'cancelled')).toBe(0);
		expect(compareStatus('a', 'a')).toBe(0);
	});
});

describe('node run states', () => {
	it('reads the free-text words of node runs by their meaning', async () => {
		const {nodeStateSymbol, isNodeFailure} = await import('../../source/lib/status.js');
		expect(['completed', 'success', 'succeeded', 'done'].map(nodeStateSymbol)).toEqual(['✓', '✓', '✓', '✓']);
		expect(['error', 'failed', 'errored', 'skipped', 'pending', 'running', 'weird'].map(nodeStateSymbol)).toEqual(['✗', '✗', '!', '–', '○', '◐', '?']);
		expect(['error', 'failed', 'errored'].every(isNodeFailure)).toBe(true);
		expect(isNodeFailure('completed')).toBe(false);
	});
});
