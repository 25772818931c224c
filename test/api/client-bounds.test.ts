// What the client reads of an answer: no more than MAX_BODY_BYTES (announced or sent, compressed
// or not), on every route; and a redirect said as one, never followed.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {gzipSync} from 'node:zlib';
import {afterEach, describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {RunflowClient, type RetryInfo} from '../../source/api/client.js';
import {MAX_BODY_BYTES} from '../../source/api/limits.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {rejection} from '../helpers/rejection.js';

closeSimulatorsAfterEach();

const ID = 'b_bounds';
const MB = 1024 * 1024;
const PASSED = "the server's answer passed 8 MB";

async function setup() {
	const h = await controlledSim({batches: [batch(ID)]});
	const retries: RetryInfo[] = [];
	const c = new RunflowClient({
		baseUrl: h.sim.url,
		apiKey: h.sim.apiKey,
		retries: 2,
		maxRetryDelayMs: 20,
		timeoutMs: 5000,
		onRetry: (info) => retries.push(info),
	});
	return {...h, c, retries};
}

const caught = async (promise: Promise<unknown>): Promise<ApiError> => rejection(promise, ApiError);

const servers: Server[] = [];
afterEach(async () => {
	await Promise.all(
		servers.splice(0).map(
			async (server) =>
				new Promise((resolve) => {
					server.closeAllConnections();
					server.close(resolve);
				}),
		),
	);
});

describe('the size of an answer', () => {
	it('is 8 MB at most', () => {
		expect(MAX_BODY_BYTES).toBe(8 * MB);
	});

	it('200 MB announced: refused before it is read, said as such, a bad answer (retried by the poller)', async () => {
		const {sim, c, retries} = await setup();
		sim.faults.inject({kind: 'huge', bytes: 200 * MB});
		const started = performance.now();
		const error = await caught(c.getBatch(ID));
		expect(error.message).toBe(PASSED);
		expect(error.kind).toBe('bad_response');
		expect(error.retryable).toBe(true);
		expect(performance.now() - started).toBeLessThan(4000);
		expect(retries).toEqual([]);
		// The attempt failed; the next one reads the batch as ever.
		expect((await c.getBatch(ID)).id).toBe(ID);
	});

	it('a body without end: the read stops past 8 MB', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'huge'});
		const error = await caught(c.listItems(ID, {limit: 50}));
		expect(error.message).toBe(PASSED);
		expect((await c.listItems(ID, {limit: 50})).items.length).toBeGreaterThan(0);
	});

	it('just under 8 MB is read', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'huge', bytes: MAX_BODY_BYTES - 1000});
		const page = await c.listItems(ID, {limit: 50});
		expect(page.items).toEqual([]);
	});

	it('every route: the batch, its items, an item, a run, its logs and node runs', async () => {
		const {sim, c} = await setup();
		sim.faults.always({kind: 'huge'});
		const calls: (() => Promise<unknown>)[] = [
			() => c.getBatch(ID),
			() => c.listItems(ID, {}),
			() => c.getItem(ID, 'i_1'),
			() => c.getRun('run_1'),
			() => c.listRunLogs('run_1'),
			() => c.listNodeRuns('run_1'),
		];
		for (const call of calls) expect((await caught(call())).message).toBe(PASSED);
	});

	it('counted as read, after decompression: a small gzip of 64 MB of zeros is stopped past 8 MB', async () => {
		const zipped = gzipSync(Buffer.alloc(64 * MB));
		expect(zipped.length).toBeLessThan(MB);
		const server = createServer((_req, res) => {
			res.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(zipped.length)});
			res.end(zipped);
		});
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const c = new RunflowClient({baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'rf_live_x', retries: 0});
		expect((await caught(c.getBatch(ID))).message).toBe(PASSED);
	});

	it('an error page without end (a 502 that never stops) is stopped too, not retried', async () => {
		const server = createServer((_req, res) => {
			res.writeHead(502, {'content-type': 'text/html'});
			const chunk = '<p>'.repeat(20_000);
			const pump = () => {
				while (!res.destroyed && res.write(chunk));
				if (!res.destroyed) res.once('drain', pump);
			};
			pump();
		});
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		let requests = 0;
		server.on('request', () => requests++);
		const c = new RunflowClient({
			baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			apiKey: 'rf_live_x',
			retries: 2,
			maxRetryDelayMs: 20,
		});
		expect((await caught(c.getBatch(ID))).message).toBe(PASSED);
		expect(requests).toBe(1);
	});
});

describe('a redirect', () => {
	it('to another host: said as a redirect that is not followed, nothing sent there', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'redirect', status: 302, location: 'http://evil.example/v1/batches/b_bounds'});
		const error = await caught(c.getBatch(ID));
		expect(error.message).toBe('the server redirected (302) to another address, http://evil.example: redirects are not followed (check --base-url)');
		expect(error).toMatchObject({kind: 'bad_response', status: 302});
		expect(sim.stats.requests).toBe(1);
	});

	for (const status of [301, 303, 307, 308] as const) {
		it(`${status} on the same host: said with the path it points to`, async () => {
			const {sim, c} = await setup();
			sim.faults.inject({kind: 'redirect', status, location: '/v2/batches/b_bounds'});
			const error = await caught(c.getBatch(ID));
			expect(error.message).toBe(`the server redirected (${status}) to /v2/batches/b_bounds: redirects are not followed (check --base-url)`);
			expect(sim.stats.requests).toBe(1);
		});
	}

	it('a Location that is no URL: said without it', async () => {
		const {sim, c} = await setup();
		sim.faults.inject({kind: 'redirect', status: 302, location: 'http://[bad'});
		expect((await caught(c.getBatch(ID))).message).toBe('the server redirected (302): redirects are not followed (check --base-url)');
	});
});
