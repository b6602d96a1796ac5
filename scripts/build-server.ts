/**
 * The last step of `npm run build`: the commands that run in production bundled into build/,
 * so they run on plain Node. scripts/server.ts becomes build/server.js: through tsx it held
 * about 70 MiB more (tsx's loader thread and its transforms; 158 against 80 MiB at rest,
 * measured on one build). scripts/import.ts becomes build/import.js, with its check worker
 * beside it (build/check-worker.js): through tsx each of its threads held tsx again.
 */
import { build } from 'esbuild';

await build({
	entryPoints: {
		server: 'scripts/server.ts',
		import: 'scripts/import.ts',
		'check-worker': 'src/lib/server/import/check-worker.ts'
	},
	outdir: 'build',
	bundle: true,
	// Packages load from node_modules, as build/handler.js's do: better-sqlite3 and pg among them
	// are CommonJS with native parts, which an ES module bundle cannot hold.
	packages: 'external',
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: true,
	logLevel: 'warning'
});
