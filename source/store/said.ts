// What the store holds to be said on the alert line: a plain text, or an outcome whose words name
// a key. The store, the poller and the session never name a key: they report what happened, and
// the screen words it with the keys it binds (ui/said.ts). Plain data.

export type Outcome =
	/** `r` while the server's Retry-After runs: nothing is sent until then. */
	| {kind: 'refresh-held'}
	/** A walk over pages for the next failure gave up after `pages` pages, on the last it read. */
	| {kind: 'walk-gave-up'; pages: number; direction: 1 | -1}
	/** f/F under an order other than by sequence, within the page on screen: wrapped round, or none there. */
	| {kind: 'page-failure'; found: 'wrapped' | 'none' | 'no-other'; direction: 1 | -1};

export type Said = string | Outcome;
