// The server's clock, as the `Date` header of each recent answer tells it. That header has 1 s
// resolution and was written before the answer arrived, so each answer gives a lower bound of
// server − local; the largest of the last 30 is within a few ms of the truth after a few polls
// (a local clock stepped since then ages out with them).

/** How many recent answers bound the offset. */
const KEPT = 30;

export class ServerClock {
	/** server − local clock, as the `Date` header of each recent answer bounds it from below (the newest last). */
	private readonly offsets: number[] = [];

	/** The server's clock now (epoch ms), or null before an answer with a `Date` header. */
	now(localNow: number = Date.now()): number | null {
		return this.offsets.length === 0 ? null : localNow + Math.max(...this.offsets);
	}

	/** An answer's `Date` header (ignored when absent or unreadable). */
	note(header: string | undefined): void {
		const date = Date.parse(header ?? '');
		if (!Number.isFinite(date)) return;
		this.offsets.push(date - Date.now());
		if (this.offsets.length > KEPT) this.offsets.shift();
	}
}
