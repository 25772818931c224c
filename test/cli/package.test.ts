// The package as a user gets it: `npm pack` (of the build `npm test` made first), installed
// from the tarball into an empty folder with an empty npm cache, then its bin run from there.
// The bundle has no dependencies, so the install downloads nothing and adds one package.
import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string; dependencies?: object};

/** The environment without what `npm run` sets for its scripts. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));

let dir = '';
let prefix = '';
let packed: string[] = [];
let installOutput = '';

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** The installed bin (node_modules/.bin/runflow-watch: the link npm made, run through its shebang). */
function runInstalled(args: string[], timeoutMs: number): Promise<Run> {
	return new Promise((resolve) => {
		const bin = join(prefix, 'node_modules/.bin/runflow-watch');
		execFile(bin, args, {cwd: dir, env: {...env, CI: 'true'}, timeout: timeoutMs, encoding: 'utf8'}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
			resolve({code, stdout, stderr});
		});
	});
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rfw-package-'));
	prefix = join(dir, 'prefix');
	// --ignore-scripts: the build is done (pretest); rebuilding would pull dist/ from under other tests.
	const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out) as {filename: string; files: {path: string}[]}[];
	packed = info!.files.map((file) => file.path).sort();
	const tarball = join(dir, info!.filename);
	installOutput = execFileSync('npm', ['install', '--no-audit', '--no-fund', '--cache', join(dir, 'cache'), '--prefix', prefix, tarball], {
		cwd: dir,
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}, 180_000);

afterAll(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('the packed package', () => {
	it('holds the bundle, its third-party notices, the readme and package.json, and depends on nothing', () => {
		expect(packed).toEqual(['dist/THIRD-PARTY-NOTICES.md', 'dist/cli/bin.js', 'package.json', 'readme.md']);
		expect(pkg.dependencies ?? {}).toEqual({});
		const notices = readFileSync(join(prefix, 'node_modules/runflow-watch/dist/THIRD-PARTY-NOTICES.md'), 'utf8');
		for (const name of ['react', 'ink', 'got', 'zustand', 'meow', 'yoga-layout']) expect(notices).toMatch(new RegExp(`^## ${name}@`, 'm'));
	});

	it('installs as exactly one package from an empty cache', () => {
		expect(installOutput).toMatch(/added 1 package\b/);
		expect(readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['runflow-watch']);
		const lock = JSON.parse(readFileSync(join(prefix, 'package-lock.json'), 'utf8')) as {packages: Record<string, unknown>};
		expect(Object.keys(lock.packages).filter((key) => key !== '')).toEqual(['node_modules/runflow-watch']);
	});

	it('prints its version and help from the installed copy', async () => {
		const version = await runInstalled(['--version'], 20_000);
		expect(version).toMatchObject({code: 0, stdout: `${pkg.version}\n`});
		const help = await runInstalled(['--help'], 20_000);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('$ runflow-watch <batch-id> [<batch-id>…] [options]');
	});

	it('runs the demo from the installed copy until its timeout (exit 5)', async () => {
		const demo = await runInstalled(['--demo', '--ui', 'plain', '--timeout', '8s'], 50_000);
		expect(demo.stderr).toMatch(/timed out after 8(\.0)?s/);
		expect(demo.code).toBe(5);
		// The demo is a job of 7 batches (585 items).
		expect(demo.stdout).toMatch(/^\d\d:\d\d:\d\d job 7 batches \(.*\) \d+\/585 /m);
		expect(demo.stdout).toMatch(/timeout: running job 7 batches .* \d+\/585 /);
	}, 60_000);
});
