// What the store holds to be said on the alert line: a plain text, or an outcome whose words name
// a key. The store, the poller and the session never name a key: they report what happened, and
// the screen words it with the keys it binds (ui/said.ts). Plain data.

export type Outcome =
	/** `r` while the server's Retry-After runs: nothing is sent until then. */
	| {kind: 'refresh-held'}
	/** A walk over pages for the next failure gave up after `pages` pages, on the last it read. */
	| {kind: 'walk-gave-up'; pages: number; direction: 1 | -1}
	/** f/F under an order other than by sequence, within the page on screen: wrapped round, or none there. */
	| {kind: 'page-failure'; found: 'wrapped' | 'none' | 'no-other'; direction: 1 | -1}
	/** `R` and what came of it (store/resubmit-state.ts ResubmitSaid). */
	| ResubmitSaid;

export type Said = string | Outcome;

/** A new batch `R` created (or got back: `again`, the same items' Idempotency-Key gave it back). */
export interface ResubmitMade {
	id: string;
	from: string;
	items: number;
	again: boolean;
}

export type ResubmitSaid =
	/** `R` under --read-only: nothing is read or sent. */
	| {kind: 'resubmit-read-only'}
	/** `R` where no item failed (of the batch, or of the batches of the job read so far). */
	| {kind: 'resubmit-none'; scope: 'batch' | 'job'}
	/** `R` while the last one's batches are still being created. */
	| {kind: 'resubmit-busy'}
	/** The confirmation answered with another key than `y`. */
	| {kind: 'resubmit-cancelled'}
	/**
	 * What was sent: the batches made, how many of the plan's were not (`error`: why the sending
	 * stopped or one was refused, in words; `file`: a --batches-file that could not take an id).
	 */
	| {kind: 'resubmit-done'; model: string; made: ResubmitMade[]; planned: number; notCreated: number; error: string | null; file: string | null};
