// What the screen's keys ask of the rest of the program (the CLI wires it to the poller).
export interface Controller {
	/** Poll now. */
	refresh(): void;
	/** Leave: the CLI restores the terminal and exits 0. */
	quit(): void;
	/** Select the next (1) or previous (-1) failed item, fetching the pages on the way. */
	jumpToFailure(direction: 1 | -1): void;
	/** `[` / `]` at the page's edge: the previous (-1) / next (1) page's nearest item's run, fetching that page. */
	stepRunAcross(delta: -1 | 1): void;
	/** Any key was pressed: polling that slowed down while nothing changed goes back to its pace. */
	activity?(): void;
}
