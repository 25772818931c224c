// Simulated time for long runs: timers fire in order of their due time as fast as the
// work they start allows, and `now()` jumps to each timer's due time. Used by the bench's
// 8-hour session and by the soak test, with the simulator reading the same clock; by tests
// that check nothing happens for a while (simulated minutes, no real sleep).
import type {Clock} from '../../source/poller/poller.js';

interface Timer {
	id: number;
	due: number;
	callback: () => void;
}

export class VirtualClock implements Clock {
	private time: number;
	private timers: Timer[] = [];
	private nextId = 1;

	constructor(start = Date.UTC(2026, 10, 28, 9, 0, 0)) {
		this.time = start;
	}

	now = (): number => this.time;

	setTimeout = (callback: () => void, ms: number): unknown => {
		const timer = {id: this.nextId++, due: this.time + Math.max(0, ms), callback};
		this.timers.push(timer);
		return timer.id;
	};

	clearTimeout = (handle: unknown): void => {
		this.timers = this.timers.filter((t) => t.id !== handle);
	};

	get pending(): number {
		return this.timers.length;
	}

	/** When the earliest timer pending is due, or null with none. */
	get nextDue(): number | null {
		return this.timers.length === 0 ? null : Math.min(...this.timers.map((t) => t.due));
	}

	/**
	 * Runs timers until simulated time reaches `until`. After each timer it lets real I/O
	 * (HTTP on loopback) finish: it waits, in real time, while `busy()` says work is under way.
	 */
	async runUntil(until: number, busy: () => boolean = () => false, before?: (time: number) => Promise<void>): Promise<void> {
		const idle = async () => {
			do await new Promise((resolve) => setImmediate(resolve));
			while (busy());
		};
		await idle();
		while (this.time < until) {
			this.timers.sort((a, b) => a.due - b.due || a.id - b.id);
			const next = this.timers[0];
			if (!next || next.due > until) {
				this.time = until;
				return;
			}
			this.timers.shift();
			this.time = Math.max(this.time, next.due);
			await before?.(this.time);
			next.callback();
			await idle();
		}
	}

	/**
	 * Lets `ms` of simulated time pass at the pace of real time, as a monitor lives it: its
	 * timers fire when they are due and the process idles in between.
	 */
	async runPaced(ms: number, busy: () => boolean = () => false, before?: (time: number) => Promise<void>): Promise<void> {
		const end = this.time + ms;
		let last = Date.now();
		while (this.time < end) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			const now = Date.now();
			await this.runUntil(Math.min(end, this.time + (now - last)), busy, before);
			last = now;
		}
	}
}
