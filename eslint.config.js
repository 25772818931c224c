// Lint: the layers of source/ as a check, not a convention, and no import cycles.
// source/: api → lib → store → poller → session → ui → modes → cli (arrows point one way; see readme);
// files (results files, exports) on api's types and lib, used by poller, session, modes and cli.
import fs from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const LAYERS = ['api', 'lib', 'store', 'poller', 'session', 'ui', 'modes', 'cli', 'sim', 'files'];

/**
 * The imports a layer may make of the others: `runtime` for any import, `types` for
 * `import type` only. Everything else under source/ is refused, and source/ never imports test/.
 */
const ALLOWED = {
	api: {runtime: [], types: []},
	lib: {runtime: [], types: ['api']},
	store: {runtime: ['lib', 'api'], types: []},
	// Writing items out (results files, exports): the API's types, lib's pure functions, the file system.
	files: {runtime: ['lib'], types: ['api']},
	poller: {runtime: ['api', 'store', 'lib', 'files'], types: []},
	// The keys' commands: the store's actions and the fetches they need.
	session: {runtime: ['api', 'store', 'lib', 'files'], types: ['poller']},
	// ui imports session (one step down): each screen's record (ui/screens/) holds its keys, their
	// help words, the handler each command runs (often a session function: what fetches) and its
	// component in one place; the session runs the handlers the records hand it (cli wires them).
	ui: {runtime: ['store', 'lib', 'session'], types: ['api']},
	modes: {runtime: ['api', 'lib', 'store', 'poller', 'files'], types: ['ui']},
	cli: {runtime: ['api', 'lib', 'store', 'poller', 'session', 'ui', 'modes', 'sim', 'files'], types: []},
	// The simulated API stands alone: a server of its own, with its own wire types (sim/wire.ts).
	sim: {runtime: [], types: []},
};

function boundary(layer) {
	const {runtime, types} = ALLOWED[layer];
	const others = LAYERS.filter((other) => other !== layer && !runtime.includes(other));
	const patterns = others.map((other) => ({
		group: [`../${other}/*`, `../${other}`],
		allowTypeImports: types.includes(other),
		message: `${layer}/ may not import ${other}/${types.includes(other) ? ' (types only)' : ''}: the layers point one way (see eslint.config.js).`,
	}));
	patterns.push({group: ['**/test/**', '../../test/*'], message: 'source/ never imports the tests.'});
	return {
		files: [`source/${layer}/**/*.{ts,tsx}`],
		rules: {'@typescript-eslint/no-restricted-imports': ['error', {patterns}]},
	};
}

// ── no-cycle: a circle of imports, type-only ones included (import-x's no-cycle skips those) ──

const SPECIFIER = /\b(?:import|export)\s[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*(?:\(\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
const edges = new Map();

/** The file a relative specifier names: './x.js' is './x.ts' or './x.tsx' in the sources. */
function resolve(from, specifier) {
	const base = path.resolve(path.dirname(from), specifier);
	const stem = base.replace(/\.(?:js|jsx|ts|tsx)$/, '');
	return [base, `${stem}.ts`, `${stem}.tsx`].find((file) => /\.tsx?$/.test(file) && fs.existsSync(file)) ?? null;
}

function importsOf(file) {
	if (!edges.has(file)) {
		const text = fs.readFileSync(file, 'utf8');
		const found = [...text.matchAll(SPECIFIER)].map((m) => resolve(file, m[1] ?? m[2])).filter(Boolean);
		edges.set(file, [...new Set(found)]);
	}

	return edges.get(file);
}

/** A path of imports from `start` back to `target`, or null. */
function pathBack(start, target) {
	const seen = new Set();
	const walk = (file, trail) => {
		if (file === target) return trail;
		if (seen.has(file)) return null;
		seen.add(file);
		for (const next of importsOf(file)) {
			const found = walk(next, [...trail, next]);
			if (found) return found;
		}

		return null;
	};

	return walk(start, [start]);
}

const noCycle = {
	meta: {type: 'problem', schema: [], messages: {cycle: 'import cycle: {{path}}'}},
	create(context) {
		const file = context.filename;
		const check = (node) => {
			const specifier = node.source?.value;
			if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
			const target = resolve(file, specifier);
			const back = target && pathBack(target, file);
			if (!back) return;
			const names = [file, ...back].map((f) => path.relative(process.cwd(), f));
			context.report({node, messageId: 'cycle', data: {path: names.join(' → ')}});
		};

		return {ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check};
	},
};

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**']},
	{
		files: ['**/*.{ts,tsx}'],
		languageOptions: {parser: tseslint.parser},
		plugins: {'@typescript-eslint': tseslint.plugin, local: {rules: {'no-cycle': noCycle}}},
		linterOptions: {reportUnusedDisableDirectives: 'off'},
		rules: {
			'local/no-cycle': 'error',
			'@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
			// Prettier (npm run format) keeps code within 160 columns; this keeps the strings and comments it leaves alone there too.
			'max-len': ['error', {code: 160, tabWidth: 4, ignoreUrls: true, ignoreRegExpLiterals: true}],
		},
	},
	...LAYERS.map(boundary),
);
