// A terminal emulator in memory (xterm.js, headless): the bytes a bin writes to its pty go
// in, and the test reads the screen a person would see, resizes included.
import xterm from '@xterm/headless';
import type {PtyRun} from './pty.js';

export class VirtualScreen {
	private readonly terminal: InstanceType<typeof xterm.Terminal>;
	private fed = 0;

	constructor(
		private readonly run: PtyRun,
		columns: number,
		rows: number,
	) {
		this.terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	}

	/** Takes in what the bin wrote since the last call. */
	async update(): Promise<void> {
		const output = this.run.output();
		const text = output.slice(this.fed);
		this.fed = output.length;
		if (text) await new Promise<void>((resolve) => this.terminal.write(text, resolve));
	}

	/** Resizes both the pty (the bin gets SIGWINCH) and this screen, as a terminal window does. */
	async resize(columns: number, rows: number): Promise<void> {
		await this.update();
		this.terminal.resize(columns, rows);
		this.run.resize(columns, rows);
	}

	/** The visible lines, trailing blanks trimmed. */
	async lines(): Promise<string[]> {
		await this.update();
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.terminal.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines;
	}

	/** Waits until the screen satisfies `predicate`. */
	async waitFor(predicate: (lines: string[]) => boolean, ms = 10_000): Promise<string[]> {
		const until = Date.now() + ms;
		for (;;) {
			const lines = await this.lines();
			if (predicate(lines)) return lines;
			if (Date.now() > until) throw new Error(`timed out waiting; screen:\n${lines.join('\n')}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}
