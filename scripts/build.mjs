// `npm run build`: the CLI bundled by esbuild into one ESM file, dist/cli/bin.js, with React,
// Ink, got, zustand, meow and the rest inside (the published package has no dependencies), and
// dist/THIRD-PARTY-NOTICES.md, the licences of what the bundle holds. tsc only type-checks.
//   --bench   also the bench (dist/bench/run.js and its simulator child), never published
//   --force   build even when dist/ is newer than every input
// Nothing is rebuilt when no input changed since the last build (sources, package files,
// node_modules' lockfile, these scripts).
import {mkdir, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const withBench = args.has('--bench');

const CLI = 'dist/cli/bin.js';
const NOTICES = 'dist/THIRD-PARTY-NOTICES.md';
const META = 'dist/meta.json'; // what the bundle holds, for the bench; not published
const BENCH = ['dist/bench/run.js', 'dist/bench/sim-process.js'];

/**
 * Ink loads `react-devtools-core` (through its devtools.js, which also pulls in `ws`) only
 * when DEV=true. The bundle leaves both out: DEV is defined away below, and should the import
 * ever run, it fails the way Ink expects of a missing devtools (a warning, no crash).
 */
const noDevtools = {
	name: 'no-ink-devtools',
	setup(builder) {
		builder.onResolve({filter: /^\.\/devtools\.js$/}, ({importer}) =>
			/[/\\]node_modules[/\\]ink[/\\]/.test(importer) ? {path: 'ink-devtools', namespace: 'stub'} : undefined,
		);
		builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({
			contents: `const error = new Error('react-devtools-core is not part of the runflow-watch bundle'); error.code = 'ERR_MODULE_NOT_FOUND'; throw error;`,
			loader: 'js',
		}));
	},
};

/** One ESM file per entry, every dependency inside. Modules reached by `await import()` stay lazy (esbuild wraps them), so bin.ts's order holds. */
const common = {
	absWorkingDir: root,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	splitting: false,
	minifySyntax: true,
	minifyWhitespace: true,
	define: {
		'process.env.NODE_ENV': '"production"', // React's production build, chosen at build time
		'process.env.DEV': 'undefined', // Ink's devtools switch (see noDevtools)
	},
	// CommonJS dependencies (React, http2-wrapper, …) call require() for Node's modules.
	banner: {js: `import {createRequire as __rfwCreateRequire} from 'node:module';\nconst require = __rfwCreateRequire(import.meta.url);`},
	// bin.ts still sets NODE_ENV at run time, for the unbundled development run: expected.
	logOverride: {'assign-to-define': 'silent'},
	logLevel: 'warning',
	plugins: [noDevtools],
	metafile: true,
};

async function newestInput() {
	let newest = 0;
	const visit = async (path) => {
		let info;
		try {
			info = await stat(path);
		} catch {
			return;
		}
		if (info.isDirectory()) {
			for (const entry of await readdir(path)) await visit(`${path}/${entry}`);
		} else newest = Math.max(newest, info.mtimeMs);
	};
	for (const path of ['source', 'test/bench', 'scripts', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json']) {
		await visit(`${root}${path}`);
	}
	return newest;
}

async function upToDate(outputs) {
	const newest = await newestInput();
	for (const output of outputs) {
		try {
			if ((await stat(`${root}${output}`)).mtimeMs < newest) return false;
		} catch {
			return false;
		}
	}
	return true;
}

const outputs = [CLI, NOTICES, META, ...(withBench ? BENCH : [])];
if (!args.has('--force') && (await upToDate(outputs))) process.exit(0);

const started = performance.now();
// Loaded only now: the up-to-date check above is what `npm run demo` usually does.
const {build} = await import('esbuild');
const {thirdPartyNotices} = await import('./notices.mjs');
// dist/ holds only what this script writes: an older tsc build would otherwise be published.
await rm(`${root}dist`, {recursive: true, force: true});
await mkdir(`${root}dist`, {recursive: true});
const [cli] = await Promise.all([
	build({...common, entryPoints: {'cli/bin': 'source/cli/bin.ts'}, outdir: 'dist'}),
	// The bench measures in-process: it runs the same bundled code. Its simulator is forked as a file of its own.
	withBench && build({...common, entryPoints: {'bench/run': 'test/bench/run.ts', 'bench/sim-process': 'test/bench/sim-process.ts'}, outdir: 'dist'}),
]);
await writeFile(`${root}${META}`, JSON.stringify(cli.metafile));
await writeFile(`${root}${NOTICES}`, await thirdPartyNotices(root, cli.metafile));
if (!args.has('--quiet')) console.error(`built ${CLI}${withBench ? ' and the bench' : ''} in ${Math.round(performance.now() - started)} ms`);
