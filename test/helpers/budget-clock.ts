// A budget clock the test moves by hand (api/budget.ts BudgetClock): timers fire in order as
// time is advanced, and the promises they start settle before the next one fires.
import type {BudgetClock} from '../../source/api/budget.js';

export class FakeClock implements BudgetClock {
	time = 0;
	private timers: Array<{at: number; fn: () => void; live: boolean}> = [];

	now(): number {
		return this.time;
	}

	setTimeout(fn: () => void, ms: number): () => void {
		const timer = {at: this.time + ms, fn, live: true};
		this.timers.push(timer);
		return () => {
			timer.live = false;
		};
	}

	/** Moves time on, firing due timers in order (and those they set), then lets promises settle. */
	async advance(ms: number): Promise<void> {
		const end = this.time + ms;
		for (;;) {
			const due = this.timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			due.live = false;
			this.time = Math.max(this.time, due.at);
			due.fn();
			await settle();
		}

		this.timers = this.timers.filter((t) => t.live);
		this.time = end;
		await settle();
	}
}

/** Lets a few rounds of promise callbacks run. */
export async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await Promise.resolve();
}
