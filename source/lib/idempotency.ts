// The Idempotency-Key of a resubmission, derived from what it carries: the batch the items come
// from and the items' ids (in any order, each once). The same items from the same batch give
// the same key, so a retry after a lost answer, a second `R` or a restart never creates a second
// batch for them (the server replays the first 201, or answers 409 if the body differs).
import {createHash} from 'node:crypto';

/** Hex digits of the SHA-256 kept: 160 bits. */
const DIGITS = 40;

/** 'rfw-' and 40 hex digits of SHA-256 over the source batch id and the sorted, distinct item ids. */
export function idempotencyKeyFor(sourceBatchId: string, itemIds: Iterable<string>): string {
	const ids = [...new Set(itemIds)].sort();
	// JSON keeps the parts apart: ['a,b'] and ['a', 'b'] differ.
	const digest = createHash('sha256')
		.update(JSON.stringify([sourceBatchId, ids]))
		.digest('hex');
	return `rfw-${digest.slice(0, DIGITS)}`;
}
