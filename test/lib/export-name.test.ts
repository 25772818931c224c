// `x`'s file name: the one offered, from what is in view, safe whatever a batch id or a filter
// holds; typing over it.
import {describe, expect, it} from 'vitest';
import {batchWhat, cleanPathText, jobWhat, namePart, offeredName, typeOverOffered} from '../../source/lib/export-name.js';

describe('the name offered', () => {
	it('runflow-<batch or job>-<what>.jsonl, from the filters in view', () => {
		expect(offeredName('b_demo_job_01', batchWhat({status: 'failed', text: ''}))).toBe('runflow-b_demo_job_01-failed.jsonl');
		expect(offeredName('b_1', batchWhat({status: 'all', text: 'inv 2026/03'}))).toBe('runflow-b_1-all-inv-2026-03.jsonl');
		expect(offeredName('job', jobWhat('failed'))).toBe('runflow-job-with-failures.jsonl');
		expect(offeredName('job', jobWhat('all'))).toBe('runflow-job-all.jsonl');
	});

	it('never a folder, a hidden file or a control character, whatever the id or the filter holds', () => {
		expect(namePart('../../etc/passwd')).toBe('etc-passwd');
		expect(namePart('.hidden')).toBe('hidden');
		expect(namePart('\u001b]8;;http://x\u0007a')).toBe('8-http-x-a');
		expect(namePart('ünï')).toBe('n');
		expect(namePart('ü')).toBe('x');
		expect(namePart('a'.repeat(100))).toHaveLength(60);
		expect(offeredName('/', '..')).toBe('runflow-x-x.jsonl');
	});

	it('typing over it replaces it; a dot first changes its extension only', () => {
		expect(typeOverOffered('runflow-job-all.jsonl', 'out.json')).toBe('out.json');
		expect(typeOverOffered('runflow-job-all.jsonl', '.csv')).toBe('runflow-job-all.csv');
		expect(typeOverOffered('runflow-job-all.jsonl', '.')).toBe('runflow-job-all.');
	});

	it('what the prompt takes: no control or format characters, at most 1,024 characters', () => {
		expect(cleanPathText('a\u0000b\u001b[31mc\u202ed')).toBe('ab[31mcd');
		expect(Array.from(cleanPathText('é'.repeat(2000)))).toHaveLength(1024);
	});
});
