// Piped into `head`: when the reader goes away the bin ends quietly, never with a stack trace.
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/sim/server.js';
import {BIN} from '../helpers/bin.js';

function firstLineThenClose(args: string[], env: Record<string, string>): Promise<{code: number | null; stderr: string; line: string}> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [BIN, ...args], {env: {PATH: process.env['PATH'] ?? '', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		let line = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.stdout.once('data', (chunk: Buffer) => {
			line = chunk.toString().split('\n')[0] ?? '';
			child.stdout.destroy(); // like `head -1` exiting
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stderr, line});
		});
	});
}

describe.concurrent('output closed by its reader', () => {
	it.each(['plain', 'json'])('--ui %s ends with 141 and no stack trace', async (ui) => {
		const sim = await startSimulator({batches: [{id: 'b_pipe', items: 20, durationMs: 60_000}]});
		try {
			const result = await firstLineThenClose(['b_pipe', '--ui', ui, '-i', '0.5'], {RUNFLOW_BASE_URL: sim.url, RUNFLOW_API_KEY: sim.apiKey});
			expect(result.line).toMatch(ui === 'json' ? /^\{"type":"snapshot"/ : /^\d\d:\d\d:\d\d /);
			expect(result.code).toBe(141);
			expect(result.stderr).not.toMatch(/Error|at /);
		} finally {
			await sim.close();
		}
	});
});
