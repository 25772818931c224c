// Failed attempts and waits, for the plain and json modes (one batch or a job): every try of a
// request that failed and is retried at once (the client's quick retries, RetryFeed), and every
// poll that failed after its retries (the store's connection), each said once as an `error`;
// and whether the figures shown are stale (a failed try since the last good answer, a poll
// failing or overdue), for the heartbeat.
import type {RetryInfo} from '../api/client.js';
import type {Clock} from '../poller/clock.js';
import type {AppStore} from '../store/store.js';
import type {ErrorEvent} from './reporters.js';

/** Hands the client's quick retries (its `onRetry`) to whoever listens: the wiring makes one per client. */
export class RetryFeed {
	private readonly listeners = new Set<(info: RetryInfo) => void>();

	/** For the client's `onRetry`. */
	readonly emit = (info: RetryInfo): void => {
		for (const listener of this.listeners) listener(info);
	};

	subscribe(listener: (info: RetryInfo) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}

/** Whether the figures shown are stale, since when (the last good answer, null before any), and why. */
export interface Staleness {
	stale: boolean;
	since: number | null;
	error: string | null;
}

export interface AttemptWatch {
	staleness(): Staleness;
	dispose(): void;
}

/** Calls `onError` once per failed attempt (a quick retry, or a failed poll) until disposed. */
export function watchAttempts(
	store: AppStore,
	retries: RetryFeed | undefined,
	clock: Clock,
	onError: (event: ErrorEvent & {batch_id?: string}) => void,
): AttemptWatch {
	// A job's error names its batch: a try's from its URL, a failed read's from the job (the batch whose read failed last).
	const about = (batchId: string | null | undefined) => (store.getState().job && batchId ? {batch_id: batchId} : {});
	let failingSince: number | null = null;
	let lastError: string | null = null;
	let lastPoll: string | null = null;
	const offRetries = retries?.subscribe((info) => {
		failingSince ??= clock.now();
		lastError = info.error.message;
		onError({
			kind: info.error.kind,
			scope: 'request',
			...about(info.batchId),
			message: info.error.message,
			attempt: info.attempt,
			retry_in_ms: Math.max(0, Math.round(info.delayMs)),
		});
	});
	const offStore = store.subscribe(({connection}, {connection: previous}) => {
		if (connection === previous) return;
		if (connection.lastSuccessAt !== previous.lastSuccessAt) {
			failingSince = null;
			lastError = null;
		}

		if (connection.status !== 'retrying' || !connection.error) return;
		const key = `${connection.failures}|${connection.error}`;
		if (key === lastPoll) return;
		lastPoll = key;
		const retryIn = connection.nextRetryAt === null ? null : Math.max(0, connection.nextRetryAt - clock.now());
		onError({
			kind: connection.errorKind ?? 'network',
			scope: 'poll',
			...about(store.getState().job?.lastErrorId),
			message: connection.error,
			attempt: connection.failures,
			retry_in_ms: retryIn,
		});
	});
	return {
		staleness() {
			const {connection} = store.getState();
			const stale = failingSince !== null || connection.status === 'retrying' || connection.overdue;
			return {stale, since: connection.lastSuccessAt, error: stale ? (connection.error ?? lastError) : null};
		},
		dispose() {
			offRetries?.();
			offStore();
		},
	};
}
