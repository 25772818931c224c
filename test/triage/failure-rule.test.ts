// One rule for what a failure is (lib/status.ts isFailure: failed, errored): the failures line
// counts exactly the items f / F reach. A partially succeeded item carrying an error, and a
// cancelled one, are neither counted nor reached.
import {afterEach, describe, expect, it} from 'vitest';
import {RunflowClient} from '../../source/api/client.js';
import type {BatchItem} from '../../source/api/types.js';
import {groupFailures} from '../../source/lib/failures.js';
import {FailureFetcher} from '../../source/poller/failures.js';
import {Navigator} from '../../source/poller/navigator.js';
import type {FinalStatus} from '../../source/sim/plan.js';
import {createAppStore, currentPage, type AppStore} from '../../source/store/store.js';
import {selectFailureLine} from '../../source/ui/triage-selectors.js';
import {batch, closeSimulatorsAfterEach, controlledSim} from '../helpers/sim.js';

closeSimulatorsAfterEach();

const ID = 'b_rule';
const navigators: Navigator[] = [];

afterEach(() => {
	for (const navigator of navigators.splice(0)) navigator.stop();
});

async function setup(finals: Record<number, FinalStatus>, lean = true) {
	const h = await controlledSim({batches: [batch(ID, {items: 30, failureRate: 0, cancelRate: 0, finals})]});
	h.setTime(20_000);
	const client = new RunflowClient({baseUrl: h.sim.url, apiKey: h.sim.apiKey, retries: 0});
	const store = createAppStore({batchId: ID, pageSize: 10});
	const theBatch = await client.getBatch(ID);
	store.getState().batchLoaded(lean ? theBatch : {...theBatch, items: undefined}, 0);
	store.getState().pageLoaded(null, await client.listItems(ID, {limit: 10, embed: 'run'}), 0);
	const fetcher = new FailureFetcher({client, store});
	await fetcher.step();
	await fetcher.step();
	const navigator = new Navigator({client, store, messageMs: 60_000, paceMs: 0});
	navigators.push(navigator);
	return {store, navigator, page: currentPage(store.getState())!.items};
}

const selected = (store: AppStore): BatchItem | undefined => currentPage(store.getState())?.items[store.getState().list.selected];

describe('what counts as a failure', () => {
	it('a partially succeeded item carrying an error is not in the failures line, and f says there is no failure', async () => {
		const {store, navigator, page} = await setup({2: 'partial_succeeded', 4: 'cancelled'});
		const partial = page.find((item) => item.sequence_index === 2)!;
		expect(partial.status_code).toBe('partial_succeeded');
		expect(partial.error?.message).toBe('Only 3 of 4 pages could be processed');
		expect(groupFailures(page)).toEqual([]);
		expect(selectFailureLine(store.getState(), 200)).toBeNull();
		await navigator.jump(1);
		expect(store.getState().triage.message).toBe('no failed items');
	});

	it('what the failures line counts, f reaches, and nothing else (with and without a lean list)', async () => {
		for (const lean of [true, false]) {
			const {store, navigator, page} = await setup({2: 'partial_succeeded', 4: 'cancelled', 7: 'failed', 25: 'errored'}, lean);
			const groups = groupFailures(page);
			expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(1);
			expect(groups[0]!.cause).not.toBe('PARTIAL_OUTPUT');
			if (lean) expect(selectFailureLine(store.getState(), 200)).toMatch(/^failures: \S.* ×1 {2}WORKER_LOST ×1$/);
			const reached: number[] = [];
			for (let i = 0; i < 2; i++) {
				await navigator.jump(1);
				reached.push(selected(store)!.sequence_index);
			}

			expect(reached).toEqual([7, 25]);
		}
	});
});
