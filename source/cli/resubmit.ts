// The `resubmit` subcommand's wiring: flags → a client within --max-rps → modes/resubmit.ts,
// with a y/N question on the terminal (stdin and stderr) when there is one, and Ctrl+C
// cancelling what is under way (what was created is said).
import {createInterface} from 'node:readline';
import {RequestBudget} from '../api/budget.js';
import {RunflowClient} from '../api/client.js';
import {sanitize} from '../lib/sanitize.js';
import {ExitCode, ExitError} from '../modes/exit-codes.js';
import {runResubmit} from '../modes/resubmit.js';
import {parseResubmitArgs} from './resubmit-args.js';

/** The process's streams (as main.ts gets them). */
export interface Streams {
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
}

/** Asks on the terminal; true for y or yes. Ctrl+C or the end of input: no. */
function askOn(streams: Streams): (question: string) => Promise<boolean> {
	return async (question) =>
		new Promise<boolean>((resolve) => {
			const rl = createInterface({input: streams.stdin, output: streams.stderr, terminal: true});
			let answered = false;
			const answer = (yes: boolean) => {
				if (answered) return;
				answered = true;
				rl.close();
				resolve(yes);
			};

			rl.on('SIGINT', () => {
				streams.stderr.write('\n');
				answer(false);
			});
			rl.on('close', () => answer(false));
			rl.question(question, (text) => answer(/^\s*y(?:es)?\s*$/i.test(text)));
		});
}

export async function resubmitCommand(argv: string[], env: NodeJS.ProcessEnv, streams: Streams): Promise<number> {
	let args;
	try {
		args = parseResubmitArgs(argv, env);
	} catch (error) {
		if (error instanceof ExitError) {
			streams.stderr.write(`runflow-watch: ${sanitize(error.message)}\n`);
			return error.code;
		}

		throw error;
	}

	if ('help' in args) {
		streams.stdout.write(`${args.help}\n`);
		return ExitCode.ok;
	}

	const client = new RunflowClient({
		baseUrl: args.baseUrl,
		apiKey: args.apiKey,
		orgId: args.orgId,
		// Reads and creates alike: within --max-rps, retries included.
		budget: new RequestBudget({ratePerSecond: args.maxRps}),
	});
	const terminal = streams.stdin.isTTY === true && streams.stderr.isTTY === true && !args.stdinUsed;
	const controller = new AbortController();
	const interrupt = () => controller.abort();
	process.on('SIGINT', interrupt);
	process.on('SIGTERM', interrupt);
	try {
		return await runResubmit(args.config, {
			client,
			stdout: streams.stdout,
			stderr: streams.stderr,
			confirm: terminal ? askOn(streams) : null,
			signal: controller.signal,
		});
	} finally {
		process.off('SIGINT', interrupt);
		process.off('SIGTERM', interrupt);
	}
}
