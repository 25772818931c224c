// `npm run bench`: prints the speed and memory figures the readme's table quotes.
// Options through the environment: BENCH_IDLE_SECONDS (60), BENCH_SOAK_HOURS (8),
// BENCH_SOAK_ITEMS (500), BENCH_SOAK_SETTLE_SECONDS (30), BENCH_PACKAGE_RUNS (3),
// BENCH_ONLY (comma-separated: network, draw, held, logs, idle, busy, polite, big, job, jobscreen, restart, export, start, package, soak),
// BENCH_HELD (100,10000,100000: the items held of `held`),
// BENCH_JOB_BATCHES (200,2000: the job sizes of `job`), BENCH_MAX_RPS (1), BENCH_JOB_SETTLE_SECONDS (10),
// BENCH_BIN_FLAGS (Node flags for the bin the idle, busy and big measures start, e.g.
// '--cpu-prof --cpu-prof-dir=/tmp/prof': a CPU profile written when it quits).
delete process.env['CI']; // Ink draws nothing until exit when it thinks it runs in CI
process.env['NODE_ENV'] ??= 'production';
// The bench measures the monitor in-process: it runs with the bin's memory settings, set as early.
const {keepYoungGenerationSmall, startMemoryTrim} = await import('../../source/cli/memory.js');
keepYoungGenerationSmall();

const {bytesPerPoll, followingLogs, networkPerTick, withItemsHeld} = await import('./measures.js');
const {jobScreenFrames} = await import('./job-screen.js');
const {idleCpu, startToFirstFrame} = await import('./process-measures.js');
const {soak} = await import('./soak.js');
const {packageFigures} = await import('./package-measures.js');
const {median} = await import('./harness.js');
const {politeness} = await import('./polite.js');
const {finishedJobFigures, jobFigures} = await import('./job.js');
const {restartFigures} = await import('./restart.js');
const {exportFigures} = await import('./export.js');
const stopTrim = startMemoryTrim();

const only = (process.env['BENCH_ONLY'] ?? '').split(',').filter(Boolean);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const number = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};
const rows: [string, string, string][] = [];
const say = (what: string, value: string, target = '') => {
	rows.push([what, value, target]);
	console.log(`${what}: ${value}${target ? `   (target ${target})` : ''}`);
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (!(globalThis as {gc?: unknown}).gc) console.log('(run with --expose-gc for exact heap figures: npm run bench does)');

if (wanted('network')) {
	const list = await networkPerTick(false);
	say('poll, list only (page size 50)', `${list.requestsPerTick.toFixed(1)} requests, ${kb(list.bytesPerTick)} per tick`);
	const logs = await networkPerTick(true);
	say('poll, logs open', `${logs.requestsPerTick.toFixed(1)} requests, ${kb(logs.bytesPerTick)} per tick`);
}

if (wanted('draw')) {
	const draw = await bytesPerPoll();
	say(
		'terminal bytes per poll, nothing changed',
		`${draw.unchangedBytesPerPoll.toFixed(0)} B (${draw.unchangedPolls} polls, ${draw.unchangedRequests} requests, ` +
			`every ${draw.settledEveryMs / 1000} s, from 5 minutes after the last change)`,
		'0 B',
	);
	say(
		'terminal writes in the 5 minutes before, nothing changed',
		`${draw.settlingFrames} frames, ${kb(draw.settlingBytes)} ` +
			`(the pace's ${draw.settlingSteps} steps${draw.stalled ? ', `stalled since`' : ''}; items ${draw.running ? '' : 'not '}running)`,
	);
	say('terminal bytes, one item changed', `${draw.oneItemChangedBytes} B`);
}

if (wanted('held')) {
	for (const items of (process.env['BENCH_HELD'] ?? '100,10000,100000').split(',').map(Number)) {
		const held = await withItemsHeld(items);
		say(`frame render, ${items.toLocaleString('en')} items held`, `${held.renderMsMedian.toFixed(2)} ms median`, 'flat');
		say(`key press to frame, ${items.toLocaleString('en')} items held`, `${held.keyToFrameMsMedian.toFixed(1)} ms median`, '≤ 50 ms');
	}
}

if (wanted('logs')) {
	const follow = await followingLogs(20_000);
	say(`heap growth drawing ${follow.lines.toLocaleString('en')} new log lines (buffer full)`, `${follow.heapGrowthMb.toFixed(1)} MB`, 'flat');
}

if (wanted('idle')) {
	const seconds = number('BENCH_IDLE_SECONDS', 60);
	const idle = await idleCpu(seconds);
	say(`idle CPU over ${seconds} s, default interval`, `${idle.cpuPercent.toFixed(2)} % of a core`, '≤ 1 %');
	say('RSS of the bin after that', `${idle.rssMb.toFixed(0)} MB`);
}

if (wanted('busy')) {
	const seconds = number('BENCH_IDLE_SECONDS', 60);
	const busy = await idleCpu(seconds, true);
	say(`CPU over ${seconds} s of a running 500-item batch`, `${busy.cpuPercent.toFixed(2)} % of a core`);
	say('RSS of the bin after that', `${busy.rssMb.toFixed(0)} MB`, '≤ 150 MB');
}

if (wanted('polite')) {
	const p = await politeness();
	say(
		'bytes per tick while the batch runs (120 items, 20 KB input/output each)',
		`${kb(p.bytesPerTick)}, against ${kb(p.unprojectedBytesPerTick)} unprojected with embed=run ` +
			`(1/${(p.unprojectedBytesPerTick / p.bytesPerTick).toFixed(0)})`,
		'≤ 1/8',
	);
	say('requests per minute once the batch finished', p.finishedRequestsPerMinute.toFixed(1), '0');
	say('requests per minute while nothing changes for 5 minutes', p.quietRequestsPerMinute.toFixed(1), '≤ 6');
	say('bytes per tick, running 20,000-item batch', kb(p.bigBatchBytesPerTick), '≤ 300 KB');
}

if (wanted('big')) {
	const seconds = number('BENCH_IDLE_SECONDS', 60);
	const big = await idleCpu(seconds, true, 20_000);
	say(`CPU over ${seconds} s of a running 20,000-item batch`, `${big.cpuPercent.toFixed(2)} % of a core`, '≤ 3 %');
	say('RSS of the bin after that', `${big.rssMb.toFixed(0)} MB`, '≤ 150 MB');
}

const jobSizes = () =>
	(process.env['BENCH_JOB_BATCHES'] ?? '200,2000')
		.split(',')
		.map(Number)
		.filter((n) => n > 0);
async function jobScreen(batches: number) {
	const screen = await jobScreenFrames(batches);
	say(`job screen, ${batches.toLocaleString('en')} batches held: frame render`, `${screen.renderMsMedian.toFixed(2)} ms median`, 'flat');
	say(`job screen, ${batches.toLocaleString('en')} batches held: key press to frame`, `${screen.keyToFrameMsMedian.toFixed(1)} ms median`, '≤ 50 ms');
}

if (wanted('job')) {
	const sizes = jobSizes();
	const rps = number('BENCH_MAX_RPS', 1);
	const settle = number('BENCH_JOB_SETTLE_SECONDS', 10);
	for (const batches of sizes) {
		const job = await jobFigures({batches, maxRps: rps, settleMs: settle * 1000});
		const name =
			`job of ${batches.toLocaleString('en')} batches × 100 items (a quarter running), ` +
			`10 simulated minutes then ${settle} s at the real pace, --max-rps ${rps}`;
		const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
		say(`${name}: requests in any 1 s window`, `${job.maxPerSecond} at most (${job.requests} requests in all)`, `≤ ${rps}`);
		const pass =
			job.firstPassMs === null
				? `${job.batchesRead.toLocaleString('en')} of ${batches.toLocaleString('en')} batches read at least once`
				: `every batch read once by ${s(job.firstPassMs)}, then at most ${s(job.longestSteadyGapMs ?? 0)} between two reads`;
		say(
			`${name}: longest a running batch went between two reads`,
			`${job.longestRunningGapMs > 0 ? s(job.longestRunningGapMs) : 'no running batch read twice'} ` +
				`(${pass}; at the end, the longest since a running batch's last read: ${s(job.longestRunningAgeAtEndMs)})`,
		);
		say(`${name}: reads of a batch after the read that found it finished`, `${job.readsAfterConfirmed} (${job.confirmed} finished)`, '0');
		say(
			`${name}: RSS after GC`,
			`${job.rssMb.toFixed(0)} MB (${job.rssBeforeMb.toFixed(0)} MB before the job; ` +
				`heap ${job.heapMb.toFixed(1)} MB; ${(job.wallMs / 1000).toFixed(0)} s of real time)`,
			'≤ 150 MB',
		);
		// After the RSS figure, which is read with nothing else of the bench held before it.
		const done = await finishedJobFigures(batches, rps);
		const when = done.quietAfterMs === null ? 'never quiet' : `not polling after ${(done.quietAfterMs / 1000).toFixed(0)} s`;
		say(
			`job of ${batches.toLocaleString('en')} batches all finished before the monitor starts, --max-rps ${rps}: reads of batches`,
			`${done.readsUntilQuiet} (${when}), then ${done.readsAfter} in 10 minutes`,
			`${batches}, then 0`,
		);
		await jobScreen(batches);
	}
}

if (wanted('restart')) {
	const rps = number('BENCH_MAX_RPS', 1);
	const restart = await restartFigures(2000, 1900, rps);
	const name =
		`restarted job of 2,000 batches × 100 items, ${restart.finished.toLocaleString('en')} finished in its journal ` +
		`(${(restart.journalBytes / 1024).toFixed(0)} KB), --max-rps ${rps}`;
	say(
		`${name}: first frame with the journal's figures`,
		`${restart.firstFrameMs.toFixed(0)} ms (the file read and checked, the store filled, Ink's first frame)`,
		'≤ 1 s',
	);
	say(
		`${name}: until whole again`,
		`${restart.requestsUntilWhole} requests, ${(restart.wholeAfterMs / 1000).toFixed(0)} s`,
		`${2000 - restart.finished} requests, ${(2000 - restart.finished) / rps} s`,
	);
	say(`${name}: reads of batches the journal held as finished`, `${restart.readsOfFinished}`, '0');
}

if (wanted('export')) {
	const rps = number('BENCH_EXPORT_MAX_RPS', 2);
	const e = await exportFigures(20_000, rps);
	say(
		`key press to frame while x exports a finished 20,000-item batch (--max-rps ${rps})`,
		`${e.keyToFrameMsMedian.toFixed(1)} ms median, ${e.keyToFrameMsP95.toFixed(1)} ms p95 ` +
			`(${e.presses} presses; ${e.idleKeyToFrameMsMedian.toFixed(1)} ms with nothing exporting)`,
		'≤ 50 ms',
	);
	say(
		'the export itself',
		`${e.written.toLocaleString('en')} items written, ${e.requests} requests, ${(e.exportMs / 1000).toFixed(1)} s`,
		`${Math.ceil(e.items / 500)} requests`,
	);
}

// The job screen's figures alone (`job` includes them), without the 10 simulated minutes of each job.
if (only.includes('jobscreen') && !wanted('job')) {
	for (const batches of jobSizes()) await jobScreen(batches);
}

if (wanted('start')) {
	const ms = await startToFirstFrame(3);
	say('start to first frame with data (loopback)', `${ms.toFixed(0)} ms median of 3`);
}

if (wanted('package')) {
	const runs = number('BENCH_PACKAGE_RUNS', 3);
	const {bundle, unbundled} = await packageFigures(runs);
	const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
	const s = (ms: number[]) => `${(median(ms) / 1000).toFixed(1)} s`;
	for (const figures of [bundle, unbundled]) {
		say(
			`${figures.name}: tarball, installed`,
			`${kb(figures.packedBytes)} (${figures.files.length} files); ` +
				`${mb(figures.bytes)} of files (${mb(figures.diskBytes)} on disk) in ${figures.packages} package${figures.packages === 1 ? '' : 's'}`,
		);
	}
	const ratio = median(bundle.coldMs) / median(unbundled.coldMs);
	say(
		`npx of the tarball to the first demo frame, empty cache (median of ${runs})`,
		`bundle ${s(bundle.coldMs)}, unbundled ${s(unbundled.coldMs)} (${(ratio * 100).toFixed(0)} %)`,
		'bundle ≤ 1/3',
	);
	say(`the same, warm cache (median of ${runs})`, `bundle ${s(bundle.warmMs)}, unbundled ${s(unbundled.warmMs)}`);
}

if (wanted('soak')) {
	const hours = number('BENCH_SOAK_HOURS', 8);
	const items = number('BENCH_SOAK_ITEMS', 500);
	const settle = number('BENCH_SOAK_SETTLE_SECONDS', 30);
	console.log(`simulated ${hours}-hour session, ${items} items, UI drawn, simulator in another process, ${settle} s at the real pace before each sample:`);
	const samples = await soak({
		hours,
		items,
		separateServer: true,
		settleMs: settle * 1000,
		onHour: (s) =>
			console.log(
				`  hour ${s.hour}: heap ${s.heapMb.toFixed(1)} MB, RSS ${s.rssMb.toFixed(0)} MB, ` +
					`${s.ticks} polls, ${s.pagesHeld} pages, ${s.logLines} log lines held`,
			),
	});
	const first = samples[0]!;
	const last = samples[samples.length - 1]!;
	say(`heap after ${hours} simulated hours`, `${last.heapMb.toFixed(1)} MB (hour 1: ${first.heapMb.toFixed(1)} MB)`, 'no growth after hour one');
	say(`RSS after ${hours} simulated hours`, `${last.rssMb.toFixed(0)} MB (hour 1: ${first.rssMb.toFixed(0)} MB)`, '≤ 150 MB');
}

console.log('\n| measure | figure | target |\n|---|---|---|');
for (const [what, value, target] of rows) console.log(`| ${what} | ${value} | ${target} |`);
stopTrim();
process.exit(0);
