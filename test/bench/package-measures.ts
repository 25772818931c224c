// `BENCH_ONLY=package`: what a user downloads and waits for. For the bundle and for the
// unbundled package of the same commit: the tarball's size, the installed size and number of
// packages (`npm install` of the tarball into an empty folder, empty cache), and the time from
// `npx` of the tarball to the demo's first frame, with an empty npm cache and again with it
// warm. The first frame is the first progress line of `--demo --ui plain` (`hh:mm:ss job 7
// batches (…) 0/100 …`): printed as soon as the first poll answers, no terminal needed, so it is reliable.
import {execFileSync, spawn} from 'node:child_process';
import {lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ROOT, pack, packUnbundled, type Packed} from './package-variants.js';

export interface Installed {
	/** The files in node_modules, bytes. */
	bytes: number;
	/** node_modules on disk (`du`), bytes. */
	diskBytes: number;
	packages: number;
}

export interface PackageFigures extends Packed, Installed {
	/** npx with an empty cache to the first frame, ms, one per run. */
	coldMs: number[];
	/** npx again with the cache that run filled, ms, one per run. */
	warmMs: number[];
}

/** The environment without what `npm run` adds for its scripts (npm_config_*, npm_package_*…). */
function npmEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
}

function bytesUnder(path: string): number {
	const info = lstatSync(path);
	if (info.isSymbolicLink()) return 0;
	if (!info.isDirectory()) return info.size;
	return readdirSync(path).reduce((sum, entry) => sum + bytesUnder(join(path, entry)), 0);
}

/** `npm install --cache <empty> --prefix <empty> <tarball>`: the size of node_modules and how many packages it holds. */
export function install(tarball: string, dir: string): Installed {
	const prefix = join(dir, 'prefix');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--cache', join(dir, 'cache'), '--prefix', prefix, tarball], {
		env: npmEnv(),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const lock = JSON.parse(readFileSync(join(prefix, 'package-lock.json'), 'utf8')) as {packages: Record<string, unknown>};
	const modules = join(prefix, 'node_modules');
	const diskBytes = Number(execFileSync('du', ['-sk', modules], {encoding: 'utf8'}).split('\t')[0]) * 1024;
	return {bytes: bytesUnder(modules), diskBytes, packages: Object.keys(lock.packages).filter((key) => key !== '').length};
}

const FIRST_FRAME = /\d\d:\d\d:\d\d job \d+ batches .* \d+\/\d+/;

/** Milliseconds from starting `npx <tarball> --demo --ui plain` to its first progress line. */
export function npxToFirstFrame(tarball: string, cache: string, limitMs = 180_000): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const args = [
			'exec',
			'--yes',
			'--no-audit',
			'--no-fund',
			'--cache',
			cache,
			'--package',
			tarball,
			'--',
			'runflow-watch',
			'--demo',
			'--ui',
			'plain',
			'--timeout',
			'5m',
		];
		const child = spawn('npm', args, {env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		let output = '';
		let errors = '';
		let took: number | null = null;
		// npm, its shell and the bin are one process group: ended together.
		const end = () => {
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				// already gone
			}
		};
		const timer = setTimeout(end, limitMs);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (took === null && FIRST_FRAME.test(output)) {
				took = performance.now() - started;
				end();
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			errors = (errors + chunk.toString('utf8')).slice(-2000);
		});
		child.on('error', reject);
		child.on('close', () => {
			clearTimeout(timer);
			if (took === null) reject(new Error(`npx ${tarball} showed no first frame: ${errors.trim()}`));
			else resolve(took);
		});
	});
}

async function measure(packed: Packed, work: string, runs: number): Promise<PackageFigures> {
	const installed = install(packed.tarball, join(work, `${packed.name}-install`));
	const coldMs: number[] = [];
	const warmMs: number[] = [];
	for (let run = 0; run < runs; run++) {
		const cache = join(work, `${packed.name}-npx-${run}`);
		coldMs.push(await npxToFirstFrame(packed.tarball, cache));
		warmMs.push(await npxToFirstFrame(packed.tarball, cache));
	}
	return {...packed, ...installed, coldMs, warmMs};
}

/** Both variants; npx measured `runs` times each (an empty cache, then the same cache warm). */
export async function packageFigures(runs: number): Promise<{bundle: PackageFigures; unbundled: PackageFigures}> {
	const work = mkdtempSync(join(tmpdir(), 'rfw-bench-package-'));
	try {
		// Each in a folder of its own: both tarballs are named runflow-watch-<version>.tgz.
		const bundle = pack('bundle', ROOT, mkdirSync(join(work, 'bundle-tarball'), {recursive: true})!);
		const unbundled = packUnbundled(work, mkdirSync(join(work, 'unbundled-tarball'), {recursive: true})!);
		return {bundle: await measure(bundle, work, runs), unbundled: await measure(unbundled, work, runs)};
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}
