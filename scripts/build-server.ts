/**
 * The last step of `npm run build`: scripts/server.ts bundled into build/server.js, so the
 * production server runs on plain Node. Run through tsx it held about 70 MiB more (tsx's
 * loader thread and its transforms; 158 against 80 MiB at rest, measured on one build).
 */
import { build } from 'esbuild';

await build({
	entryPoints: ['scripts/server.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: true,
	logLevel: 'warning'
});
