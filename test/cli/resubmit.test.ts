// `runflow-watch resubmit` through the real bin against the simulator on loopback: what the new
// batch carries (checked on the simulator), idempotent replay, the refusals (409, 402, 404, 422),
// --read-only, --dry-run and no terminal without --yes sending nothing, the exit codes.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {idempotencyKeyFor} from '../../source/lib/idempotency.js';
import {isFailure} from '../../source/lib/status.js';
import type {SimOptions} from '../../source/sim/server.js';
import {runBin, type BinResult} from '../helpers/bin.js';
import {batch, closeSimulatorsAfterAll, controlledSim, type SimHarness} from '../helpers/sim.js';

closeSimulatorsAfterAll();

const CREATE = 'POST /v1/models/:owner/:slug/batches';

/** A simulator whose batches have all finished, with failures. */
async function finished(options: SimOptions = {}): Promise<SimHarness> {
	const h = await controlledSim({
		batches: [
			batch('b_src', {items: 30, durationMs: 10_000, failureRate: 0.3, seed: 11}),
			batch('b_two', {items: 12, durationMs: 8000, failureRate: 0.4, seed: 5}),
		],
		...options,
	});
	h.setTime(60_000);
	return h;
}

async function resubmit(h: SimHarness, args: string[], stdin?: string): Promise<BinResult> {
	return runBin(['resubmit', ...args, '--base-url', h.sim.url, '--max-rps', '50'], {env: {RUNFLOW_API_KEY: h.sim.apiKey}, stdin});
}

const client = (h: SimHarness) => new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});

/** The failed items of a batch with their input, as the API has them. */
async function failures(h: SimHarness, id: string) {
	const page = await client(h).listExportItems(id, {limit: 500});
	return page.items.filter((item) => isFailure(item.status));
}

const creates = (h: SimHarness) => h.sim.stats.byRoute[CREATE]?.requests ?? 0;

function lines(text: string): string[] {
	return text.split('\n').filter((line) => line !== '');
}

describe.concurrent('resubmit through the bin', {timeout: 30_000}, () => {
	it("creates one batch per source with the failed items' inputs and client_refs, prints the ids, exits 0", async () => {
		const h = await finished();
		const [failedSrc, failedTwo] = [await failures(h, 'b_src'), await failures(h, 'b_two')];
		expect(failedSrc.length).toBeGreaterThan(2);
		expect(failedTwo.length).toBeGreaterThan(1);
		const result = await resubmit(h, ['b_src', 'b_two', '--model', 'demo/vision-large', '--yes']);
		expect(result.stderr).not.toContain(h.sim.apiKey);
		expect(result.code, result.stderr).toBe(0);
		expect(lines(result.stdout)).toEqual(h.sim.created);
		expect(h.sim.created).toHaveLength(2);
		expect(result.stderr).toMatch(
			new RegExp(
				`^resubmit ${failedSrc.length + failedTwo.length} failed items of 2 batches as 2 new batches ` +
					`\\(at most 100 inputs each\\) to demo/vision-large: ~\\$\\d+\\.\\d\\d estimated`,
				'm',
			),
		);
		expect(result.stderr).toContain(`created 2 new batches (${failedSrc.length + failedTwo.length} items) on demo/vision-large`);
		for (const [index, source] of [
			[0, failedSrc],
			[1, failedTwo],
		] as const) {
			const id = h.sim.created[index]!;
			const made = await client(h).getBatch(id, {fields: 'id,metadata,items_total'});
			expect(made.metadata).toEqual({resubmitted_from: index === 0 ? 'b_src' : 'b_two'});
			const items = (await client(h).listExportItems(id, {limit: 500})).items;
			expect(items.map((item) => item.input)).toEqual(source.map((item) => item.input));
			expect(items.map((item) => item.client_ref)).toEqual(source.map((item) => item.client_ref));
		}
	});

	it('the same command twice creates one batch (the same Idempotency-Key), and --batches-file gets it once', async () => {
		const h = await finished();
		const file = join(mkdtempSync(join(tmpdir(), 'rfw-resubmit-')), 'job.txt');
		writeFileSync(file, 'b_src\n');
		const first = await resubmit(h, ['--batches-file', file, '--model', 'demo/vision-large', '--yes']);
		expect(first.code, first.stderr).toBe(0);
		const second = await resubmit(h, ['--batches-file', file, '--model', 'demo/vision-large', '--yes']);
		expect(second.code, second.stderr).toBe(0);
		expect(h.sim.created).toHaveLength(1);
		expect(creates(h)).toBe(2);
		// The second run read the new batch too (queued: nothing failed there yet) and replayed the first.
		expect(lines(second.stdout)).toEqual(h.sim.created);
		expect(readFileSync(file, 'utf8')).toBe(`b_src\n${h.sim.created[0]!}\n`);
	});

	it('an answer lost on the way is asked for again with the same key: one batch', async () => {
		const h = await finished();
		h.sim.faults.inject({kind: 'lost_answer'}, {route: '/models/'});
		const result = await resubmit(h, ['b_src', '--model', 'demo/vision-large', '--yes']);
		expect(result.code, result.stderr).toBe(0);
		expect(h.sim.created).toHaveLength(1);
		expect(creates(h)).toBe(2);
		expect(lines(result.stdout)).toEqual(h.sim.created);
	});

	it('--dry-run prints the plan on stdout and sends nothing', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_src', '--model', 'demo/vision-large', '--dry-run', '--read-only']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^resubmit \d+ failed items of 1 batch as 1 new batch .* to demo\/vision-large: ~\$/);
		expect(result.stdout).toMatch(/ {2}1\. \d+ items from b_src, ~\$\d+\.\d\d, Idempotency-Key rfw-[\da-f]{40}/);
		expect(creates(h)).toBe(0);
	});

	it('without a terminal and without --yes, sends nothing and says how (exit 2)', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_src', '--model', 'demo/vision-large'], 'y\n');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^runflow-watch: nothing was sent: there is no terminal to confirm on; add --yes/m);
		expect(result.stdout).toBe('');
		expect(creates(h)).toBe(0);
	});

	it('--read-only refuses before any request (exit 2)', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_src', '--model', 'demo/vision-large', '--yes', '--read-only']);
		expect(result.code).toBe(2);
		expect(lines(result.stderr)).toEqual([
			'runflow-watch: resubmit creates batches, which --read-only forbids: nothing was sent (--dry-run shows the plan without sending)',
		]);
		expect(h.sim.stats.requests).toBe(0);
	});

	it('without --model says how to give it (exit 2), sending nothing', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_src', '--yes']);
		expect(result.code).toBe(2);
		expect(lines(result.stderr)).toEqual([
			'runflow-watch: resubmit needs the model to send the failures to: add --model owner/slug ' +
				"(Runflow names a batch's model by id only, so it is never guessed)",
		]);
		expect(h.sim.stats.requests).toBe(0);
		const bad = await resubmit(h, ['b_src', '--yes', '--model', 'just-a-slug']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--model takes owner\/slug/);
	});

	it('an unknown model (404) is said naming it; nothing more is sent (exit 7)', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_src', 'b_two', '--model', 'demo/nope', '--yes']);
		expect(result.code).toBe(7);
		expect(result.stderr).toMatch(
			/^runflow-watch: \d+ items from b_src: model demo\/nope not found \(404\): nothing was created; check the model given as owner\/slug$/m,
		);
		expect(result.stderr).toContain('created none of the 2 new batches; 2 not created');
		expect(result.stdout).toBe('');
		expect(creates(h)).toBe(1);
	});

	it('a model without batches (422) is said; nothing more is sent (exit 7)', async () => {
		const h = await finished({models: [{owner: 'demo', slug: 'chat', batches: false}]});
		const result = await resubmit(h, ['b_src', 'b_two', '--model', 'demo/chat', '--yes']);
		expect(result.code).toBe(7);
		expect(result.stderr).toMatch(/the server refused the batch for demo\/chat \(422: .*does not support batches.*\): nothing was created/);
		expect(creates(h)).toBe(1);
	});

	it('a balance that cannot pay (402) is said in words (exit 7)', async () => {
		const h = await finished({billing: {balance: '0.30'}});
		expect((await failures(h, 'b_src')).length).toBeGreaterThan(0);
		const result = await resubmit(h, ['b_src', '--model', 'demo/vision-large', '--yes']);
		expect(result.code, result.stderr).toBe(7);
		expect(result.stderr).toMatch(/the organization's balance cannot pay for new runs \(402 INSUFFICIENT_CREDIT\): nothing was created; add credit/);
		expect(h.sim.created).toHaveLength(0);
	});

	it('a 409 is said plainly, not tried with another key; the other batches are still created', async () => {
		const h = await finished();
		const ids = (await failures(h, 'b_src')).map((item) => item.id);
		// The key of b_src's failures, taken earlier with another body.
		const taken = await fetch(`${h.sim.url}/v1/models/demo/vision-large/batches`, {
			method: 'POST',
			headers: {authorization: `Bearer ${h.sim.apiKey}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKeyFor('b_src', ids)},
			body: JSON.stringify({input: [{other: true}]}),
		});
		expect(taken.status).toBe(201);
		const result = await resubmit(h, ['b_src', 'b_two', '--model', 'demo/vision-large', '--yes', '--ui', 'json']);
		expect(result.code).toBe(7);
		const events = lines(result.stdout).map((line) => JSON.parse(line) as Record<string, any>);
		expect(events.map((event) => event['type'])).toEqual(['plan', 'error', 'created', 'done']);
		expect(events[1]).toMatchObject({
			kind: 'conflict',
			resubmitted_from: 'b_src',
			may_have_created: false,
			idempotency_key: idempotencyKeyFor('b_src', ids),
		});
		expect(events[1]!['message']).toMatch(/409 CONFLICT\): nothing new was created/);
		expect(events[2]).toMatchObject({batch_id: h.sim.created[1], resubmitted_from: 'b_two'});
		expect(events[3]).toMatchObject({reason: 'incomplete', exit_code: 7, created: [h.sim.created[1]], not_created: 1});
		expect(creates(h)).toBe(3); // the one above, then one each: the 409 was not tried again
	});

	it('a batch that does not exist exits 4 before anything is sent', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_src', 'b_gone', '--model', 'demo/vision-large', '--yes']);
		expect(result.code).toBe(4);
		expect(lines(result.stderr)).toEqual(['runflow-watch: batch b_gone not found (404): check the id; nothing was sent']);
		expect(creates(h)).toBe(0);
	});

	it('--ui json: the plan, one created line per batch and done', async () => {
		const h = await finished();
		const result = await resubmit(h, ['b_two', '--model', 'demo/vision-large', '--yes', '--ui', 'json']);
		expect(result.code, result.stderr).toBe(0);
		const events = lines(result.stdout).map((line) => JSON.parse(line) as Record<string, any>);
		expect(events.map((event) => event['type'])).toEqual(['plan', 'created', 'done']);
		const failed = await failures(h, 'b_two');
		expect(events[0]).toMatchObject({model: 'demo/vision-large', items: failed.length, batches: 1, estimate_is_estimate: true, dry_run: false});
		expect(events[0]!['chunks'][0]).toMatchObject({
			resubmitted_from: 'b_two',
			items: failed.length,
			item_ids: failed.map((item) => item.id),
			idempotency_key: idempotencyKeyFor(
				'b_two',
				failed.map((item) => item.id),
			),
		});
		expect(events[1]).toMatchObject({type: 'created', batch_id: h.sim.created[0], resubmitted_from: 'b_two', items: failed.length});
		expect(events[2]).toMatchObject({reason: 'created', exit_code: 0, created: h.sim.created});
		expect(result.stderr).toBe('');
	});
});

describe('resubmit on a terminal', {timeout: 30_000}, () => {
	it('asks before sending: anything but y cancels, y sends', async () => {
		const {runInPty} = await import('../helpers/pty.js');
		const h = await finished();
		const args = ['resubmit', 'b_two', '--model', 'demo/vision-large', '--base-url', h.sim.url];
		const env = {RUNFLOW_API_KEY: h.sim.apiKey};
		const no = runInPty(args, {env});
		await no.waitFor((output) => /Resubmit \d+ items as 1 new batch to demo\/vision-large, ~\$\d+\.\d\d\? \[y\/N\] /.test(output));
		no.send('n\r');
		expect((await no.exit).code).toBe(0);
		expect(no.output()).toContain('cancelled: nothing was sent');
		expect(creates(h)).toBe(0);
		const yes = runInPty(args, {env});
		await yes.waitFor((output) => output.includes('[y/N]'));
		yes.send('y\r');
		expect((await yes.exit).code).toBe(0);
		expect(h.sim.created).toHaveLength(1);
		expect(yes.output()).toContain(h.sim.created[0]);
	});
});
