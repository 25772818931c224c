// A request's body, read whole (the create route's JSON), up to a size.
import type {IncomingMessage} from 'node:http';

/** The largest request body read (a create of 100 inputs of tens of KB each fits). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The body as text, or null when it is over MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | null> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		// Read to the end all the same, so the 413 reaches a client still sending.
		if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
	}

	return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}
