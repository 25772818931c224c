// CSV per RFC 4180: fields separated by commas, records ended by CRLF, a field holding a comma,
// a double quote, CR or LF enclosed in double quotes with its quotes doubled. And a reader of
// such a file's records from its bytes, for a restart: where each whole record ends (a record
// may hold line breaks inside quotes), so a torn last one can be told apart and cut off.

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when it must be. */
export function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
	return `${fields.map(csvField).join(',')}\r\n`;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads CSV records from a file's bytes, chunk by chunk. Structural characters are ASCII, and
 * UTF-8 never uses ASCII bytes inside a multi-byte character, so bytes are scanned as they
 * come and a field is decoded once whole. `onRecord` gets each whole record's fields and the
 * byte offset just past it; what is left at the end without its line break is a torn record.
 */
export class CsvRecordReader {
	private fields: string[] = [];
	private field: number[] = [];
	private quoted = false;
	/** Inside quotes, the previous byte was a quote: either the end of the quotes or the first of a doubled one. */
	private quoteSeen = false;
	private offset = 0;
	/** Byte offset just past the last whole record. */
	complete = 0;

	constructor(private readonly onRecord: (fields: string[], end: number) => void) {}

	private endField(): void {
		this.fields.push(Buffer.from(this.field).toString('utf8'));
		this.field = [];
	}

	feed(chunk: Uint8Array): void {
		for (const byte of chunk) {
			this.offset++;
			if (this.quoted) {
				if (this.quoteSeen) {
					this.quoteSeen = false;
					if (byte === QUOTE) {
						this.field.push(QUOTE);
						continue;
					}

					this.quoted = false; // the closing quote: this byte is read as outside quotes
				} else if (byte === QUOTE) {
					this.quoteSeen = true;
					continue;
				} else {
					this.field.push(byte);
					continue;
				}
			}

			if (byte === QUOTE && this.field.length === 0) {
				this.quoted = true;
			} else if (byte === COMMA) {
				this.endField();
			} else if (byte === LF) {
				if (this.field.at(-1) === CR) this.field.pop();
				this.endField();
				const record = this.fields;
				this.fields = [];
				this.complete = this.offset;
				this.onRecord(record, this.offset);
			} else {
				this.field.push(byte);
			}
		}
	}
}
