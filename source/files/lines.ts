// Appending ids to a --batches-file: whole lines, each in one write, after a line break when
// the file's last line has none (the line before is then complete, and a reader waiting for
// its newline gets it).
import {open} from 'node:fs/promises';
import {fileError} from './errors.js';

/** Appends each line (no line breaks inside) to `path`, creating it when missing. */
export async function appendLines(path: string, lines: readonly string[]): Promise<void> {
	if (lines.length === 0) return;
	let handle;
	try {
		handle = await open(path, 'a+');
	} catch (error) {
		throw fileError(error, 'append to', path);
	}

	try {
		const {size} = await handle.stat();
		let lead = '';
		if (size > 0) {
			const last = Buffer.alloc(1);
			await handle.read(last, 0, 1, size - 1);
			if (last[0] !== 0x0a) lead = '\n';
		}

		for (const [index, line] of lines.entries()) {
			// eslint-disable-next-line no-await-in-loop
			await handle.write(`${index === 0 ? lead : ''}${line}\n`);
		}
	} catch (error) {
		throw fileError(error, 'append to', path);
	} finally {
		await handle.close().catch(() => undefined);
	}
}
