/**
 * npm run bench:portal [-- --customers N --seconds S --connections C]: the customer's side.
 *
 * 1. First-load JavaScript of the signed-in start page: the scripts its HTML loads
 *    (modulepreload links), gzip-compressed from the build output, and a check that
 *    jsPDF and the font are not among them but exist as their own on-demand files.
 * 2. With N demo customers loaded (100 000 by default), the built server renders the
 *    signed-in start page under load from autocannon on loopback; its throughput and
 *    latency are printed with /healthz on the same server in the same run, and the ratio.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readCommand } from '../cli';
import {
	benchFolder,
	ensureExport,
	ensureLoaded,
	measureLoad,
	signInDemoLegal,
	startServer
} from './setup';

const { options } = readCommand({
	usage: 'npm run bench:portal -- [--customers N] [--seconds S] [--connections C]',
	about: "The start page's first-load JavaScript, and the start page under load beside /healthz.",
	options: {
		customers: 'N, demo customers (100000)',
		seconds: 'S, seconds per URL (10)',
		connections: 'C, concurrent connections (10)'
	}
});
const customers = Number(options.customers ?? '100000');
const seconds = Number(options.seconds ?? '10');
const connections = Number(options.connections ?? '10');
const dataDir = path.join(benchFolder, `portal-${customers}`);
const databaseFile = path.join(dataDir, 'klientiem.sqlite');

const count = await ensureLoaded(databaseFile, ensureExport(customers));
const server = await startServer(4310, { DATA_DIR: dataDir, DATABASE_PATH: databaseFile });
const { origin } = server;
const cookie = await signInDemoLegal(origin);
const start = await fetch(`${origin}/portal`, { headers: { cookie } });
const html = await start.text();
if (!start.ok || !html.includes('Neapmaksātā summa'))
	throw new Error(`the start page did not render: ${start.status}`);

// 1. What the start page's HTML makes the browser load: SvelteKit's entry scripts and the
// route's nodes (node_ids), with every module they import statically. Dynamic imports
// (jsPDF, the PDF code, ics) load later, on demand.
const immutable = 'build/client/_app/immutable';
const nodeIds = (/node_ids:\s*\[([\d,\s]+)\]/.exec(html)?.[1] ?? '').split(',').map(Number);
const nodeFiles = fs.readdirSync(path.join(immutable, 'nodes')).filter((f) => f.endsWith('.js'));
const roots = [
	...[...html.matchAll(/import\("\.\/(_app\/immutable\/entry\/[^"]+\.js)"\)/g)].map((m) =>
		path.join('build/client', m[1]!)
	),
	...nodeIds.map((id) =>
		path.join(
			immutable,
			'nodes',
			nodeFiles.find((f) => f.startsWith(`${id}.`))!
		)
	)
];
if (roots.length < 3)
	throw new Error(`could not read the start page's scripts: ${roots.join(', ')}`);
const scripts = new Set<string>();
const walk = (file: string) => {
	if (scripts.has(file)) return;
	scripts.add(file);
	const code = fs.readFileSync(file, 'utf8');
	// Static `import … from "./x.js"`, `import "./x.js"` and `export … from`; not `import("…")`.
	for (const match of code.matchAll(
		/(?:import|export)\s*(?:[^"'()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g
	))
		walk(path.join(path.dirname(file), match[1]!));
};
roots.forEach(walk);
const sizes = [...scripts].map((file) => {
	const bytes = fs.readFileSync(file);
	return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const firstLoadGzip = sizes.reduce((sum, s) => sum + s.gzip, 0);
const firstLoadRaw = sizes.reduce((sum, s) => sum + s.raw, 0);
const firstLoadText = [...scripts].map((file) => fs.readFileSync(file, 'utf8')).join('\n');
const allChunks = fs
	.readdirSync(path.join(immutable, 'chunks'))
	.map((name) => path.join(immutable, 'chunks', name));
const pdfChunks = allChunks.filter((file) =>
	/jsPDF|addFileToVFS/.test(fs.readFileSync(file, 'utf8'))
);
const fonts = fs
	.readdirSync(path.join(immutable, 'assets'))
	.filter((name) => name.endsWith('.ttf'));
const pdfInFirstLoad =
	/addFileToVFS|LiberationSans/.test(firstLoadText) || pdfChunks.some((file) => scripts.has(file));

// 2. Throughput and latency under load, /healthz first as the yardstick.
// The render time is the latency of one request at a time; under load it adds the queue.
async function measure(url: string, headers: Record<string, string> = {}) {
	const alone = await measureLoad(url, { connections: 1, seconds: seconds / 2, headers });
	const loaded = await measureLoad(url, { connections, seconds, headers });
	return {
		aloneMedianMs: alone.medianMs,
		aloneP99Ms: alone.p99Ms,
		requestsPerSecond: loaded.requestsPerSecond,
		medianMs: loaded.medianMs,
		p99Ms: loaded.p99Ms,
		errors: alone.errors + loaded.errors
	};
}
const health = await measure(`${origin}/healthz`);
const portal = await measure(`${origin}/portal`, { cookie });
const peakRssMiB = server.peakRssMiB();
await server.stop();

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
console.log(`
First load of the signed-in start page (${scripts.size} scripts from build/client):
  ${kib(firstLoadGzip)} KiB gzip (${kib(firstLoadRaw)} KiB raw); goal at most 60 KB gzip: ${firstLoadGzip <= 60_000 ? 'met' : 'NOT met'}
  jsPDF in ${pdfChunks.length} on-demand chunk(s), fonts ${fonts.join(', ')}; in the first load: ${pdfInFirstLoad ? 'YES' : 'no'}

Server with ${count} customers (autocannon on loopback; one connection for ${seconds / 2} s, then ${connections} for ${seconds} s):
                    one at a time            ${connections} connections
  /healthz          median ${health.aloneMedianMs} ms, p99 ${health.aloneP99Ms} ms    ${health.requestsPerSecond.toFixed(0).padStart(5)} req/s, median ${health.medianMs} ms, p99 ${health.p99Ms} ms, errors ${health.errors}
  /portal (signed)  median ${portal.aloneMedianMs} ms, p99 ${portal.aloneP99Ms} ms    ${portal.requestsPerSecond.toFixed(0).padStart(5)} req/s, median ${portal.medianMs} ms, p99 ${portal.p99Ms} ms, errors ${portal.errors}
  start page render median ${portal.aloneMedianMs} ms (goal under 20 ms: ${portal.aloneMedianMs < 20 ? 'met' : 'NOT met'})
  start page / healthz throughput: ${(portal.requestsPerSecond / health.requestsPerSecond).toFixed(2)} (goal at least 0.5: ${portal.requestsPerSecond / health.requestsPerSecond >= 0.5 ? 'met' : 'NOT met'})
  server peak RSS: ${peakRssMiB.toFixed(0)} MiB
`);
process.exit(0);
