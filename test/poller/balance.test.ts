// The balance: read at the start and at most once a minute while work remains (both documented
// shapes), falling as items are billed; a key that may not read it hides the figure (and stops the
// reads); a 402 from any route says new runs are refused; a batch stopped with items queued and a
// balance below an item's cost says so. The words (lib/balance.ts) and the summary's glance line.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import {balanceWords} from '../../source/lib/balance.js';
import {parseMoney} from '../../source/lib/money.js';
import {BalanceReader, workRemains} from '../../source/poller/balance.js';
import {createAppStore} from '../../source/store/store.js';
import type {SimOptions} from '../../source/sim/server.js';
import {selectBalanceWords} from '../../source/ui/balance-selectors.js';
import {selectGlanceLine} from '../../source/ui/glance-selectors.js';
import {cleanup, renderApp, waitFor} from '../helpers/app.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';
import {VirtualClock} from '../bench/virtual-clock.js';
import {batch as batchOf, T0} from '../ui/fixtures.js';

closeSimulatorsAfterEach();
afterEach(cleanup);

describe('the balance in words', () => {
	const facts = {amount: '12.40', currency: 'USD', lowThreshold: null, average: parseMoney('0.04')!, itemsLeft: 100, queued: 60, refused: false};

	it('covers what is to come: how many more items', () => {
		expect(balanceWords(facts)).toMatchObject({text: 'balance $12.40 · covers ~310 more items', level: 'ok', covers: 310});
	});

	it('will run out before the work does: in how many items, and what then', () => {
		expect(balanceWords({...facts, amount: '3.10', itemsLeft: 200})).toMatchObject({
			text: 'balance $3.10 will run out in ~77 items: new runs will be refused',
			level: 'low',
			covers: 77,
		});
	});

	it("below an item's cost with items queued, or a 402: new runs are refused", () => {
		expect(balanceWords({...facts, amount: '0.02'})?.text).toBe("balance $0.02 is below an item's cost (~$0.0400): new runs are refused, 60 queued");
		expect(balanceWords({...facts, refused: true})).toMatchObject({text: 'balance $12.40: new runs are refused (402 insufficient credit)', level: 'out'});
	});

	it('without a cost per item yet, or nothing left to run: the balance alone; another currency: shown, not weighed; below its low threshold: low', () => {
		expect(balanceWords({...facts, average: null})).toMatchObject({text: 'balance $12.40', level: 'ok'});
		expect(balanceWords({...facts, itemsLeft: 0, queued: 0})).toMatchObject({text: 'balance $12.40', level: 'ok'});
		expect(balanceWords({...facts, currency: 'EUR'})).toMatchObject({text: 'balance 12.40 EUR', level: 'ok'});
		expect(balanceWords({...facts, lowThreshold: '20.00'})).toMatchObject({level: 'low'});
	});
});

async function reading(sim: SimOptions, ms = 0) {
	const h = await controlledSim({batches: [batch('b_1', {items: 40, durationMs: 120_000})], ...sim});
	h.setTime(ms);
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: 'b_1', pageSize: 10});
	const clock = new VirtualClock(T0);
	const reader = new BalanceReader({client, store, clock, workRemains: () => workRemains(store.getState())});
	return {...h, client, store, clock, reader};
}

const routeReads = (urls: string[]) => urls.filter((url) => url.startsWith('/v1/billing/balance')).length;

describe('the balance reader', () => {
	it.each(['decimal', 'cents'] as const)('reads it at the start (%s shape), then once a minute while work remains, as it falls', async (shape) => {
		const {reader, store, clock, setTime, sim, client} = await reading({billing: {balance: '12.40', shape}});
		store.getState().batchLoaded(await client.getBatch('b_1'), T0);
		reader.start();
		await waitFor(() => typeof store.getState().account.balance === 'object');
		expect(store.getState().account.balance).toMatchObject({amount: '12.40', currency: 'USD'});
		// Within the minute: no read; the next one a minute on, lower.
		setTime(100_000);
		await clock.runUntil(T0 + 59_000);
		expect(routeReads(sim.stats.urls)).toBe(1);
		await clock.runUntil(T0 + 60_000, () => reader.reads > routeReads(sim.stats.urls));
		await waitFor(() => (store.getState().account.balance as {amount: string}).amount !== '12.40');
		expect(parseMoney((store.getState().account.balance as {amount: string}).amount)! < parseMoney('12.40')!).toBe(true);
		expect(routeReads(sim.stats.urls)).toBe(2);
		reader.stop();
	});

	it('stops once nothing remains to run', async () => {
		const {reader, store, clock, sim, client, setTime} = await reading({billing: {balance: '12.40'}}, 500_000);
		store.getState().batchLoaded(await client.getBatch('b_1'), T0);
		expect(workRemains(store.getState())).toBe(false);
		reader.start();
		await waitFor(() => routeReads(sim.stats.urls) === 1 && typeof store.getState().account.balance === 'object');
		setTime(900_000);
		await clock.runUntil(T0 + 10 * 60_000);
		expect(routeReads(sim.stats.urls)).toBe(1);
	});

	it.each([401, 403, 404] as const)('a key that may not read it (%s): the figure hidden, not asked again, nothing else changes', async (status) => {
		const {reader, store, clock, sim} = await reading({billing: {balance: '12.40'}, denied: {balance: status}});
		reader.start();
		await waitFor(() => store.getState().account.balance === 'hidden');
		await clock.runUntil(T0 + 5 * 60_000);
		expect(routeReads(sim.stats.urls)).toBe(1);
		expect(selectBalanceWords(store.getState())).toBeNull();
		expect(store.getState().connection.status).toBe('connecting');
	});
});

describe('the balance on screen', () => {
	it('the glance line: what it covers; a 402 from any route: new runs are refused, in red', async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 40, durationMs: 120_000})], billing: {balance: '12.40'}});
		h.setTime(60_000);
		const client = new RunflowClient({
			baseUrl: h.sim.url,
			apiKey: h.sim.apiKey,
			retries: 0,
			onPaymentRequired: () => store.getState().paymentRefused(Date.now()),
		});
		const store = createAppStore({batchId: 'b_1', pageSize: 10});
		store.getState().batchLoaded(await client.getBatch('b_1'), T0);
		const balance = await client.getBalance();
		store.getState().balanceRead({amount: balance!.balance, currency: balance!.currency, lowThreshold: balance!.lowThreshold}, T0);
		const app = await renderApp(store, {columns: 160, rows: 24});
		await app.waitForFrame((frame) => /balance \$\d+\.\d+ · covers ~\d+ more items/.test(frame));
		h.sim.faults.inject({kind: 'html', status: 402});
		await expect(client.getBatch('b_1')).rejects.toBeTruthy();
		await app.waitForFrame((frame) => frame.includes(': new runs are refused (402 insufficient credit)'));
		expect(selectGlanceLine(store.getState(), 160).find((cell) => cell.key === 'balance')?.color).toBe('red');
	});

	it("credit out: the batch stops moving with items queued, the balance below an item's cost, said so", async () => {
		const h = await controlledSim({batches: [batch('b_1', {items: 40, durationMs: 120_000})], billing: {balance: '0.20'}});
		h.setTime(400_000);
		const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
		const store = createAppStore({batchId: 'b_1', pageSize: 10});
		const read = await client.getBatch('b_1');
		expect(read.items_succeeded + read.items_failed + read.items_cancelled).toBeLessThan(40);
		store.getState().batchLoaded(read, T0);
		const balance = await client.getBalance();
		store.getState().balanceRead({amount: balance!.balance, currency: balance!.currency, lowThreshold: balance!.lowThreshold}, T0);
		const words = selectBalanceWords(store.getState());
		expect(words?.level).toBe('out');
		expect(words?.text).toMatch(/^balance -?\$\d+\.\d+ is below an item's cost \(~\$\d\.\d{4}\): new runs are refused, \d+ queued$/);
	});

	it('plain store, made by hand: a balance that will run out before the work does is yellow', () => {
		const store = createAppStore({batchId: 'b-1', pageSize: 50});
		store
			.getState()
			.batchLoaded(batchOf({status_code: 'running', items_total: 1000, items_succeeded: 100, items_failed: 0, items_cancelled: 0, cost: '4.0000'}), T0);
		store.getState().balanceRead({amount: '3.10', currency: 'USD', lowThreshold: null}, T0);
		expect(selectBalanceWords(store.getState())).toMatchObject({text: 'balance $3.10 will run out in ~77 items: new runs will be refused', level: 'low'});
		expect(selectGlanceLine(store.getState(), 200).find((cell) => cell.key === 'balance')?.color).toBe('yellow');
	});
});
