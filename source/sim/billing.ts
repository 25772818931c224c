// The organization's balance: it falls by each item's cost as the item finishes, and once it
// cannot pay for new runs (at or below `minimumToRun`) no queued item is dispatched any more
// (it stays `queued`, the runs already going finish and are billed) and a create answers 402.
// `GET /v1/billing/balance` answers in either documented shape.
//
// Still a pure function of time: the moment credit runs out (the cutoff) is found once by
// walking every item's end in time order, and found again when a batch is created. Before the
// cutoff every item runs as planned, so the walk up to it needs no gating; after it, only the
// items dispatched before it are billed. A batch created later cannot move the cutoff into the
// past: its items end after its creation.

import {SimError} from './errors.js';
import type {BatchModel, Gate} from './model.js';
import {formatMicros} from './plan.js';
import {iso} from './runs.js';

export interface BillingOptions {
	/** The balance when the simulator starts, a decimal string of USD ('12.40'). */
	balance: string;
	/** The shape of `GET /v1/billing/balance`: {balance, low_balance_threshold, low_balance_notified_at} (default) or {balance_cents, currency}. */
	shape?: 'decimal' | 'cents';
	/** `low_balance_threshold`, default '5.00'. */
	lowThreshold?: string;
	/** New runs are paid for while the balance is above this, default '0'. */
	minimumToRun?: string;
}

/** A decimal string of USD to integer micro-dollars ('12.40' → 12_400_000). */
export function parseMicros(text: string): number {
	const match = /^\s*(-)?(\d+)(?:\.(\d{0,6}))?\s*$/.exec(text);
	if (!match) throw new TypeError(`not an amount of USD: ${text}`);
	const micros = Number(match[2]) * 1_000_000 + Number((match[3] ?? '').padEnd(6, '0'));
	return match[1] === '-' ? -micros : micros;
}

/** Signed micro-dollars to a decimal string ('-3.10'). */
export function formatSignedMicros(micros: number): string {
	return micros < 0 ? `-${formatMicros(-micros)}` : formatMicros(micros);
}

interface Ledger {
	cutoff: number;
	/** Ends (absolute ms, ascending) of the items that are billed, and the cost billed up to each. */
	ends: number[];
	spent: number[];
	/** When the balance first reached the low threshold, or null. */
	lowAt: number | null;
}

/** First index whose value is above `value` (values ascending). */
function upperBound(values: readonly number[], value: number): number {
	let lo = 0;
	let hi = values.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (values[mid]! <= value) lo = mid + 1;
		else hi = mid;
	}

	return lo;
}

export class Billing implements Gate {
	private readonly initial: number;
	private readonly minimum: number;
	private readonly low: number;
	private ledger: Ledger | undefined;

	constructor(
		private readonly options: BillingOptions,
		private readonly startedAbs: number,
		private readonly models: () => Iterable<BatchModel>,
	) {
		this.initial = parseMicros(options.balance);
		this.minimum = parseMicros(options.minimumToRun ?? '0');
		this.low = parseMicros(options.lowThreshold ?? '5.00');
	}

	/** A batch was added: find the cutoff again. */
	invalidate(): void {
		this.ledger = undefined;
	}

	cutoffAbs(): number {
		return this.compute().cutoff;
	}

	canPay(now: number): boolean {
		return now < this.cutoffAbs();
	}

	balanceMicros(now: number): number {
		const ledger = this.compute();
		const i = upperBound(ledger.ends, now);
		return this.initial - (i === 0 ? 0 : ledger.spent[i - 1]!);
	}

	/** The body of `GET /v1/billing/balance`. */
	body(now: number): Record<string, unknown> {
		const balance = this.balanceMicros(now);
		if (this.options.shape === 'cents') {
			return {balance_cents: Math.round(balance / 10_000), currency: 'usd'};
		}

		const lowAt = this.compute().lowAt;
		return {
			balance: formatSignedMicros(balance),
			low_balance_threshold: formatSignedMicros(this.low),
			low_balance_notified_at: lowAt !== null && lowAt <= now ? iso(lowAt, true) : null,
		};
	}

	private compute(): Ledger {
		if (this.ledger) return this.ledger;
		const events: Array<{end: number; start: number; cost: number}> = [];
		for (const model of this.models()) {
			for (let i = 0; i < model.count; i++) {
				const plan = model.rawPlan(i);
				if (plan.final !== null && Number.isFinite(plan.endMs)) {
					events.push({end: model.startAbs + plan.endMs, start: model.startAbs + plan.startMs, cost: plan.costMicros});
				}
			}
		}

		events.sort((a, b) => a.end - b.end);
		let balance = this.initial;
		let cutoff = balance <= this.minimum ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
		let lowAt = balance <= this.low ? this.startedAbs : null;
		const ends: number[] = [];
		const spent: number[] = [];
		for (const event of events) {
			if (event.start >= cutoff) continue; // never dispatched: never billed
			balance -= event.cost;
			ends.push(event.end);
			spent.push(this.initial - balance);
			if (lowAt === null && balance <= this.low) lowAt = event.end;
			if (cutoff === Number.POSITIVE_INFINITY && balance <= this.minimum) cutoff = event.end;
		}

		this.ledger = {cutoff, ends, spent, lowAt};
		return this.ledger;
	}
}

export type BalanceRoute = 401 | 403 | 404;

/** `GET /v1/billing/balance`: 404 without billing, or the refusal configured for this route. */
export function balanceRoute(billing: Billing | undefined, denied: BalanceRoute | undefined, now: number): unknown {
	if (denied === 401) throw new SimError(401, 'UNAUTHORIZED', 'This API key may not read the balance');
	if (denied === 403) throw new SimError(403, 'PERMISSION_DENIED', "This API key may not read the organization's billing");
	if (billing === undefined || denied === 404) throw new SimError(404, 'NOT_FOUND', 'No route for /v1/billing/balance');
	return billing.body(now);
}
