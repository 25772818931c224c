#!/usr/bin/env node
// The entry point. React's development build leaks memory on every render, fatal after
// hours: production mode must be set before React loads, hence the dynamic import.
process.env['NODE_ENV'] ??= 'production';
// Before the modules load too: loading them is what first grows V8's young generation.
const {keepYoungGenerationSmall} = await import('./memory.js');
keepYoungGenerationSmall();

// Our output went away: the reader of a pipe (`| head`) ends us quietly with 141, as SIGPIPE
// would; any other write error means the terminal is gone (129). Never a stack trace.
const {ExitCode} = await import('../modes/exit-codes.js');
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		process.exit(error.code === 'EPIPE' ? ExitCode.outputClosed : ExitCode.hangup);
	});
}

const {main} = await import('./main.js');
try {
	const code = await main(process.argv.slice(2), process.env, {
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
	});
	process.exitCode = code;
} catch (error) {
	const text = error instanceof Error ? error.message : String(error);
	process.stderr.write(`runflow-watch: internal error: ${text.split('\n')[0]} (please report it)\n`);
	process.exitCode = ExitCode.internal;
}
// Sockets or timers left by a library must not keep a finished monitor alive.
setTimeout(() => process.exit(), 200).unref();
