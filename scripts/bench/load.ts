/**
 * npm run bench:load [-- --customers N --connections C --seconds S --database sqlite,postgres]:
 * the portal under load on each database, with the N-customer demo data (100 000 by default).
 *
 * For each database it starts the built server, signs in as the demo legal entity and drives,
 * with autocannon on loopback at C connections (50 by default), /healthz first as the
 * yardstick, the terms page (static text in the portal's layout: the least any page costs),
 * and then the signed-in start page, the document list, the calendar JSON the app keeps
 * offline and the ICS subscription feed. It prints throughput, median and p99 latency,
 * errors, each page's throughput as a share of /healthz on the same server in the same run,
 * the server's CPU time per request (all its threads) and its peak memory.
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
	signInDemoLegal,
	startServer,
	type LoadResult
} from './setup';

const { options } = readCommand({
	usage:
		'npm run bench:load -- [--customers N] [--connections C] [--seconds S] [--database sqlite,postgres]',
	about: 'The portal under load on each database; prints throughput, latency, CPU and memory.',
	options: {
		customers: 'N, demo customers (100000)',
		connections: 'C, concurrent connections (50)',
		seconds: 'S, seconds per URL (10)',
		database: 'sqlite,postgres, which databases (both)'
	}
});
const customers = Number(options.customers ?? '100000');
const connections = Number(options.connections ?? '50');
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
	signedIn: boolean;
	result: LoadResult;
}
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
			const targets: { name: string; path: string; signedIn: boolean; paths?: string[] }[] = [
				{ name: '/healthz', path: '/healthz', signedIn: false },
				// No customer data, no queries but the layout's: what any page in the layout costs.
				{ name: '/terms (static text)', path: '/terms', signedIn: false },
				{ name: '/portal (start page)', path: '/portal', signedIn: true },
				{ name: '/documents', path: '/documents', signedIn: true },
				{ name: '/api/v1/calendar', path: '/api/v1/calendar', signedIn: true },
				{ name: '/feed/….ics (same)', path: `/feed/${feeds.demo}.ics`, signedIn: false },
				{
					// Each request another customer's feed, none built before: the building's cost.
					name: '/feed/….ics (each new)',
					path: '/',
					signedIn: false,
					paths: feeds.others.map((token) => `/feed/${token}.ics`)
				}
			];
			const rows: Row[] = [];
			for (const target of targets) {
				rows.push({
					name: target.name,
					signedIn: target.signedIn,
					result: await measureLoad(`${origin}${target.path}`, {
						connections,
						seconds,
						headers: target.signedIn ? { cookie } : {},
						paths: target.paths,
						cpuMs: server.cpuMs
					})
				});
			}
			const health = rows[0]!.result.requestsPerSecond;
			report.push(
				`${database} (${count} customers), ${connections} connections for ${seconds} s each:`,
				`  ${'URL'.padEnd(26)}${'req/s'.padStart(7)}${'median'.padStart(9)}${'p99'.padStart(8)}${'errors'.padStart(8)}${'÷ healthz'.padStart(11)}${'CPU/request'.padStart(13)}`,
				...rows.map(
					({ name, result }) =>
						`  ${name.padEnd(26)}${result.requestsPerSecond.toFixed(0).padStart(7)}${`${result.medianMs} ms`.padStart(9)}${`${result.p99Ms} ms`.padStart(8)}${String(result.errors).padStart(8)}${(result.requestsPerSecond / health).toFixed(2).padStart(11)}${`${result.cpuMsPerRequest!.toFixed(2)} ms`.padStart(13)}`
				),
				`  server peak RSS ${server.peakRssMiB().toFixed(0)} MiB`,
				`  goals: no errors ${rows.every((r) => r.result.errors === 0) ? 'met' : 'NOT met'}; p99 under 100 ms ${rows.every((r) => r.result.p99Ms < 100) ? 'met' : 'NOT met'}; signed-in pages at least 0.5 of /healthz ${rows.filter((r) => r.signedIn).every((r) => r.result.requestsPerSecond / health >= 0.5) ? 'met' : 'NOT met'}`,
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
