/**
 * npm run bench:load [-- --customers N --connections C --seconds S --database sqlite,postgres]:
 * a signed-in visit under load on each database, with the N-customer demo data (100 000 by
 * default).
 *
 * For each database it starts the built server, signs in as the demo legal entity (the
 * fullest start page) and measures in two ways:
 * - Capacity, closed loop: autocannon on loopback at C connections (10 by default) on each
 *   address in turn, /healthz, the terms page (static text in the portal's layout: the least
 *   any page costs), the start page, the two offline copies the portal layout asks for on
 *   every full load (built, and answered 304 from the ETag the service worker sends back),
 *   and the ICS feed. It prints throughput, latency, and the server's CPU time per request
 *   (all its threads) beside the terms page's, and a visit's: the start page with both
 *   copies built (a first visit); the start page alone (every visit after: the page carries
 *   the copies' tag, and the service worker confirms the copies it keeps without asking);
 *   and, for comparison, the start page with both copies answered 304.
 * - Latency, open loop: requests at evenly spaced instants at half of the measured start
 *   page's capacity, to the start page and to each copy built, with latency counted from
 *   each request's planned send time (measureOpenLoop).
 * Last the server's peak memory.
 *
 * SQLite is bench-data/portal-N/klientiem.sqlite (shared with bench:portal); PostgreSQL is a
 * local cluster kept in bench-data/postgres (made on first use, stopped afterwards), or the
 * server of BENCH_DATABASE_URL. Each is loaded once and reused.
 */
import path from 'node:path';
import pg from 'pg';
import { rotateFeedToken } from '../../src/lib/server/calendar-feed';
import { openDatabase } from '../../src/lib/server/db/index';
import { DEMO_LEGAL_CONTRACT } from '../../src/lib/server/demo/contracts';
import { readCommand } from '../cli';
import { startCluster, type Cluster } from '../postgres-cluster';
import {
	benchFolder,
	ensureExport,
	ensureLoaded,
	measureLoad,
	measureOpenLoop,
	signInDemoLegal,
	startServer,
	type LoadResult
} from './setup';

const { options } = readCommand({
	usage:
		'npm run bench:load -- [--customers N] [--connections C] [--seconds S] [--database sqlite,postgres]',
	about:
		'A signed-in visit under load on each database; prints capacity, CPU against the terms page, open-loop latency and memory.',
	options: {
		customers: 'N, demo customers (100000)',
		connections: 'C, concurrent connections for the capacity (10)',
		seconds: 'S, seconds per URL (10)',
		database: 'sqlite,postgres, which databases (both)'
	}
});
const customers = Number(options.customers ?? '100000');
const connections = Number(options.connections ?? '10');
const seconds = Number(options.seconds ?? '10');
const databases = (options.database ?? 'sqlite,postgres').split(',');
if (databases.some((d) => d !== 'sqlite' && d !== 'postgres')) {
	console.error('--database takes sqlite, postgres or both, comma-separated');
	process.exit(2);
}
const exportFile = ensureExport(customers);

/** The database's location and the server's environment for it. */
async function prepare(
	database: string
): Promise<{ location: string; env: Record<string, string>; cluster?: Cluster }> {
	if (database === 'sqlite') {
		const dataDir = path.join(benchFolder, `portal-${customers}`);
		const location = path.join(dataDir, 'klientiem.sqlite');
		return { location, env: { DATA_DIR: dataDir, DATABASE_PATH: location } };
	}
	const cluster = process.env.BENCH_DATABASE_URL
		? undefined
		: await startCluster(path.join(benchFolder, 'postgres'));
	const server = new URL(process.env.BENCH_DATABASE_URL ?? cluster!.url);
	const name = `bench_load_${customers}`;
	const admin = new pg.Client({ connectionString: server.toString() });
	await admin.connect();
	const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
	if (exists.rowCount === 0) await admin.query(`create database ${name}`);
	await admin.end();
	server.pathname = `/${name}`;
	const location = server.toString();
	return {
		location,
		env: { DATA_DIR: path.join(benchFolder, `load-${customers}-pg`), DATABASE_URL: location },
		cluster
	};
}

const COLD_FEEDS = 5000;

/**
 * Feed addresses (new ones each run; the old ones retire): the demo legal entity's, and one
 * for each of COLD_FEEDS other customers, so that feeds no server has built yet can be asked.
 */
async function feedTokens(location: string): Promise<{ demo: string; others: string[] }> {
	const db = openDatabase(location);
	try {
		const demo = await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', DEMO_LEGAL_CONTRACT)
			.executeTakeFirstOrThrow();
		const others = await db
			.selectFrom('customer')
			.select('id')
			.where('id', '!=', demo.id)
			.orderBy('id')
			.limit(COLD_FEEDS)
			.execute();
		const tokens: string[] = [];
		for (const { id } of others) tokens.push(await rotateFeedToken(db, id));
		return { demo: await rotateFeedToken(db, demo.id), others: tokens };
	} finally {
		await db.destroy();
	}
}

interface Row {
	name: string;
	result: LoadResult;
	/** The server's peak memory once this address was measured. */
	peakMiB: number;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const report: string[] = [];
for (const [index, database] of databases.entries()) {
	const { location, env, cluster } = await prepare(database);
	try {
		const count = await ensureLoaded(location, exportFile);
		const feeds = await feedTokens(location);
		const server = await startServer(4320 + index, env);
		try {
			const { origin } = server;
			const cookie = await signInDemoLegal(origin);
			const signedIn = { cookie };
			const tags = Object.fromEntries(
				await Promise.all(
					['/api/v1/documents', '/api/v1/calendar'].map(async (path) => {
						const response = await fetch(`${origin}${path}`, { headers: signedIn });
						await response.arrayBuffer();
						const tag = response.headers.get('etag');
						if (!tag) throw new Error(`${path} sent no ETag`);
						return [path, tag] as const;
					})
				)
			);
			// A visit after the first costs the start page alone only if the page carries the
			// copies' tag, which lets the service worker confirm what it keeps without asking.
			const start = await (await fetch(`${origin}/portal`, { headers: signedIn })).text();
			if (!start.includes(JSON.stringify(tags['/api/v1/documents']!).slice(1, -1)))
				throw new Error("the start page does not carry the offline copies' tag");
			const targets: {
				name: string;
				path: string;
				headers?: Record<string, string>;
				paths?: string[];
			}[] = [
				{ name: '/healthz', path: '/healthz' },
				// No customer data, no queries but the layout's: what any page in the layout costs.
				{ name: '/terms (static text)', path: '/terms' },
				{ name: '/portal (start page)', path: '/portal', headers: signedIn },
				{ name: '/api/v1/documents', path: '/api/v1/documents', headers: signedIn },
				{ name: '/api/v1/calendar', path: '/api/v1/calendar', headers: signedIn },
				{
					name: '/api/v1/documents 304',
					path: '/api/v1/documents',
					headers: { ...signedIn, 'if-none-match': tags['/api/v1/documents']! }
				},
				{
					name: '/api/v1/calendar 304',
					path: '/api/v1/calendar',
					headers: { ...signedIn, 'if-none-match': tags['/api/v1/calendar']! }
				},
				{ name: '/documents', path: '/documents', headers: signedIn },
				{ name: '/feed/….ics (same)', path: `/feed/${feeds.demo}.ics` },
				{
					// Each request another customer's feed, none built before: the building's cost.
					name: '/feed/….ics (each new)',
					path: '/',
					paths: feeds.others.map((token) => `/feed/${token}.ics`)
				}
			];
			const rows: Row[] = [];
			for (const target of targets)
				rows.push({
					name: target.name,
					result: await measureLoad(`${origin}${target.path}`, {
						connections,
						seconds,
						headers: target.headers ?? {},
						paths: target.paths,
						cpuMs: server.cpuMs
					}),
					peakMiB: server.peakRssMiB()
				});
			const cpu = (name: string) => rows.find((r) => r.name === name)!.result.cpuMsPerRequest!;
			const terms = cpu('/terms (static text)');
			const page = cpu('/portal (start page)');
			const firstVisit = page + cpu('/api/v1/documents') + cpu('/api/v1/calendar');
			// Every visit after the first: the page's tag confirms the kept copies in the browser.
			const visit = page;
			// The same with the copies asked for and answered 304, as a service worker from before
			// the page's tag does (or a page without it).
			const askedVisit = page + cpu('/api/v1/documents 304') + cpu('/api/v1/calendar 304');
			const capacity = rows.find((r) => r.name === '/portal (start page)')!.result
				.requestsPerSecond;
			const rate = Math.max(1, Math.round(capacity / 2));
			const open = [];
			for (const path of ['/portal', '/api/v1/documents', '/api/v1/calendar'])
				open.push({
					path,
					result: await measureOpenLoop(`${origin}${path}`, { rate, seconds, headers: signedIn })
				});
			const pageLimit = database === 'sqlite' ? 2 : 2.5;
			report.push(
				`${database} (${count} customers)`,
				`  capacity: ${connections} connections for ${seconds} s each (closed loop)`,
				`  ${'URL'.padEnd(26)}${'req/s'.padStart(7)}${'median'.padStart(9)}${'p99'.padStart(9)}${'errors'.padStart(8)}${'CPU/request'.padStart(13)}${'÷ terms'.padStart(9)}${'peak RSS'.padStart(10)}`,
				...rows.map(
					({ name, result, peakMiB }) =>
						`  ${name.padEnd(26)}${result.requestsPerSecond.toFixed(0).padStart(7)}${ms(result.medianMs).padStart(9)}${ms(result.p99Ms).padStart(9)}${String(result.errors).padStart(8)}${ms(result.cpuMsPerRequest!).padStart(13)}${(result.cpuMsPerRequest! / terms).toFixed(2).padStart(9)}${`${peakMiB.toFixed(0)} MiB`.padStart(10)}`
				),
				`  a visit: the first (start page and both copies built) ${ms(firstVisit)} of CPU, ${(firstVisit / terms).toFixed(2)} × the terms page; every one after (the start page, its tag confirming the kept copies) ${ms(visit)}, ${(visit / terms).toFixed(2)} ×; with the copies asked for and answered 304 ${ms(askedVisit)}, ${(askedVisit / terms).toFixed(2)} ×`,
				`  latency: open loop at ${rate} requests/s (half the start page's ${capacity.toFixed(0)}/s) for ${seconds} s each`,
				`  ${'URL'.padEnd(26)}${'sent'.padStart(7)}${'median'.padStart(9)}${'p99'.padStart(9)}${'errors'.padStart(8)}`,
				...open.map(
					({ path, result }) =>
						`  ${path.padEnd(26)}${String(result.sent).padStart(7)}${ms(result.medianMs).padStart(9)}${ms(result.p99Ms).padStart(9)}${String(result.errors).padStart(8)}${result.failures.length > 0 ? `  (${[...new Set(result.failures)].join(', ')})` : ''}`
				),
				`  server peak RSS ${server.peakRssMiB().toFixed(0)} MiB`,
				`  goals: no errors ${met([...rows, ...open].every((r) => r.result.errors === 0))}; a visit at most 3 × the terms page ${met(visit <= 3 * terms)}; the start page at most ${pageLimit} × ${met(page <= pageLimit * terms)}; open-loop p99 under 50 ms ${met(open.every((r) => r.result.p99Ms < 50))}; peak RSS at most 250 MiB ${met(server.peakRssMiB() <= 250)}`,
				''
			);
		} finally {
			await server.stop();
		}
	} finally {
		cluster?.stop();
	}
}
console.log(`\n${report.join('\n')}`);
process.exit(0);
