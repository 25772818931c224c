// The simulator's data without its server, for screens tested from fixtures: the batch and its
// items as source/sim/model.ts makes them (the same seed, the same items as a test against the
// simulator gets), passed through the client's own normalizers, as a poll would hand them to
// the store. No HTTP: where a test checks what a screen draws and the server adds nothing.
import {normalizeBatch, normalizeItem} from '../../source/api/normalize.js';
import type {Batch, BatchItem, Page} from '../../source/api/types.js';
import {BatchModel} from '../../source/sim/model.js';
import {batchBody} from '../../source/sim/batch-body.js';
import type {BatchSpec} from '../../source/sim/plan.js';
import {BASE_TIME} from './sim.js';

export interface ModelFixture {
	/** The batch with its lean item list, `ms` after it started. */
	batch: Batch;
	/** Every item, its run embedded (as `embed=run` gives it). */
	all: BatchItem[];
	/** The local time of that read. */
	at: number;
	/** A page of the given items, with cursors as a list route gives them ('c1', 'c2'…). */
	page(items: BatchItem[], index: number, last: boolean): Page<BatchItem>;
}

/** The batch of `spec` as a simulator started at BASE_TIME serves it `ms` later (controlledSim's setTime(ms)). */
export function modelFixture(spec: BatchSpec, ms: number): ModelFixture {
	const model = new BatchModel(spec, BASE_TIME);
	const now = BASE_TIME + ms;
	const batch = normalizeBatch(batchBody(model, now), spec.id);
	const all = Array.from({length: model.count}, (_, i) => normalizeItem({...model.item(i, now), run: model.embedded(i, now)}, i));
	return {
		batch,
		all,
		at: now,
		page: (items, index, last) => ({items, first: null, next: last ? null : `c${index + 2}`, previous: index === 0 ? null : `c${index}`}),
	};
}
