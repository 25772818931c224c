// The two packages the `package` measure compares, both of the current commit:
// - the bundle: `npm pack` of this package as published (dist/cli/bin.js, no dependencies);
// - the unbundled package: tsc's output, with the libraries the bundle holds as runtime
//   dependencies (the package as it was before the bundle), packed likewise.
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Packed {
	name: string;
	tarball: string;
	/** The tarball's size, bytes. */
	packedBytes: number;
	/** The files in it, bytes. */
	unpackedBytes: number;
	files: string[];
}

interface PackJson {
	filename: string;
	size: number;
	unpackedSize: number;
	files: {path: string}[];
}

/** `npm pack` of the folder into `destination` (its scripts not run: the build is done before). */
export function pack(name: string, folder: string, destination: string): Packed {
	const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
		cwd: folder,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out) as PackJson[];
	if (!info) throw new Error(`npm pack of ${folder} said nothing`);
	return {
		name,
		tarball: join(destination, info.filename),
		packedBytes: info.size,
		unpackedBytes: info.unpackedSize,
		files: info.files.map((file) => file.path).sort(),
	};
}

interface Metafile {
	inputs: Record<string, {imports: {path: string; original?: string; external?: boolean}[]}>;
}

/** The npm packages our own source imports (from the bundle's metafile, dist/meta.json). */
export function directDependencies(root = ROOT): string[] {
	const meta = JSON.parse(readFileSync(join(root, 'dist/meta.json'), 'utf8')) as Metafile;
	const names = new Set<string>();
	for (const [input, {imports}] of Object.entries(meta.inputs)) {
		if (!input.startsWith('source/')) continue;
		for (const {path, original} of imports) {
			if (!original || !path.includes('node_modules/')) continue;
			const parts = original.split('/');
			names.add(original.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
		}
	}
	return [...names].sort();
}

interface PackageJson {
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	scripts?: Record<string, string>;
	files?: string[];
}

/** Builds the unbundled variant in `work` (tsc, ~20 s) and packs it into `destination`. */
export function packUnbundled(work: string, destination: string, root = ROOT): Packed {
	const folder = join(work, 'unbundled');
	mkdirSync(folder, {recursive: true});
	execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.json'), '--outDir', join(folder, 'dist')], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
	const dev = pkg.devDependencies ?? {};
	pkg.dependencies = Object.fromEntries(directDependencies(root).map((name) => [name, dev[name] ?? '*']));
	delete pkg.devDependencies;
	delete pkg.scripts;
	pkg.files = ['dist', '!dist/bench'];
	writeFileSync(join(folder, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	copyFileSync(join(root, 'readme.md'), join(folder, 'readme.md'));
	return pack('unbundled', folder, destination);
}
