/**
 * npm run bench:import [-- --customers N --database sqlite|postgres --during-customers M]:
 * imports N demo customers into a fresh database with the import command as cron runs it
 * (`npm run import`: the built command, in a process of its own, whose peak memory it reports),
 * then inserts the very same rows into another fresh database with the bare driver, and prints
 * both rates and their ratio. A second import of the same export shows the idempotent path.
 * Last, the portal during a first import of M customers (50 000) into a database a server
 * serves.
 *
 * The bare reference is each driver's fastest plain path: better-sqlite3's prepared INSERT per
 * row in one transaction; for PostgreSQL, where each statement is a round trip, `pg` with a
 * prepared 1000-row INSERT in one transaction. PostgreSQL runs in a throw-away local cluster,
 * or on the server of BENCH_DATABASE_URL (databases bench_import and bench_bare are remade).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { billingFileOf } from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importCommand } from '../../src/lib/server/import/command';
import { readCommand } from '../cli';
import { startCluster } from '../postgres-cluster';
import { measurePortalDuringImport } from './portal-during-import';
import { benchFolder, benchKey, ensureExport, runOrExit } from './setup';

/** Parents before children, as the foreign keys want them. */
const TABLES = [
	'company',
	'bank_account',
	'customer',
	'document',
	'document_line',
	'payment',
	'container',
	'collection_date',
	'collection_detail'
];
const { options } = readCommand({
	usage:
		'npm run bench:import -- [--customers N] [--database sqlite|postgres] [--during-customers M]',
	about:
		'The import against the bare per-row insert, the unchanged re-import, and the portal during an import; prints rates and ratios.',
	options: {
		customers: 'N, demo customers to import (100000)',
		database: 'sqlite|postgres (sqlite)',
		'during-customers': 'M, customers of the import the portal is measured during (50000)'
	}
});
const customers = Number(options.customers ?? '100000');
const database = options.database ?? 'sqlite';
if (database !== 'sqlite' && database !== 'postgres') {
	console.error('--database takes sqlite or postgres');
	process.exit(2);
}
const exportFile = ensureExport(customers);
const duringCustomers = Number(options['during-customers'] ?? '50000');

interface Target {
	location: string;
	/** The import command's settings for `location`. */
	env: Record<string, string>;
	/** A third, empty database, for the portal during an import; and the server's settings for it. */
	during: { location: string; env: Record<string, string> };
	/** Inserts every table's rows of the imported database into the bare one; seconds and rows. */
	insertBare: () => Promise<{ seconds: number; rows: number }>;
	close: () => Promise<void>;
}

function sqliteTarget(): Target {
	const file = (name: string) => {
		const full = path.join(benchFolder, name);
		for (const data of [full, billingFileOf(full)])
			for (const suffix of ['', '-wal', '-shm']) fs.rmSync(data + suffix, { force: true });
		return full;
	};
	const imported = file('import.sqlite');
	const bare = file('bare.sqlite');
	const during = file('during.sqlite');
	return {
		location: imported,
		env: { DATABASE_PATH: imported, DATABASE_URL: '' },
		during: { location: during, env: { DATABASE_PATH: during, DATABASE_URL: '' } },
		async insertBare() {
			const schema = openDatabase(bare);
			await migrateToLatest(schema);
			await schema.destroy();
			// Each table is read into memory before its clock starts. The billing data, which
			// is all the import writes, lives in its own file on SQLite.
			const source = new Database(billingFileOf(imported), { readonly: true });
			const sink = new Database(billingFileOf(bare));
			sink.pragma('journal_mode = WAL');
			sink.pragma('foreign_keys = ON');
			sink.pragma('synchronous = NORMAL');
			sink.pragma('cache_size = -65536');
			let seconds = 0;
			let rows = 0;
			for (const table of TABLES) {
				const tableRows = source.prepare(`select * from ${table}`).raw().all() as unknown[][];
				const columns = source.prepare(`select * from ${table} limit 1`).columns().length;
				const insert = sink.prepare(
					`insert into ${table} values (${Array(columns).fill('?').join(', ')})`
				);
				const t = performance.now();
				sink.transaction(() => {
					for (const row of tableRows) insert.run(row);
				})();
				seconds += (performance.now() - t) / 1000;
				rows += tableRows.length;
			}
			source.close();
			sink.close();
			return { seconds, rows };
		},
		close: async () => {}
	};
}

async function postgresTarget(): Promise<Target> {
	const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster();
	const server = process.env.BENCH_DATABASE_URL ?? cluster!.url;
	const at = (name: string) => {
		const url = new URL(server);
		url.pathname = `/${name}`;
		return url.toString();
	};
	const admin = new pg.Client({ connectionString: server });
	await admin.connect();
	for (const name of ['bench_import', 'bench_bare', 'bench_during']) {
		await admin.query(`drop database if exists ${name}`);
		await admin.query(`create database ${name}`);
	}
	await admin.end();
	const ROWS_PER_INSERT = 1000;
	return {
		location: at('bench_import'),
		env: { DATABASE_URL: at('bench_import') },
		during: { location: at('bench_during'), env: { DATABASE_URL: at('bench_during') } },
		async insertBare() {
			const schema = openDatabase(at('bench_bare'));
			await migrateToLatest(schema);
			await schema.destroy();
			const source = new pg.Client({ connectionString: at('bench_import') });
			const sink = new pg.Client({ connectionString: at('bench_bare') });
			await Promise.all([source.connect(), sink.connect()]);
			let seconds = 0;
			let rows = 0;
			for (const table of TABLES) {
				const read = await source.query({ text: `select * from ${table}`, rowMode: 'array' });
				const columns = read.fields.length;
				const statement = (count: number) =>
					`insert into ${table} values ${Array.from(
						{ length: count },
						(_, r) =>
							`(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`
					).join(', ')}`;
				const full = statement(ROWS_PER_INSERT);
				const t = performance.now();
				await sink.query('begin');
				for (let i = 0; i < read.rows.length; i += ROWS_PER_INSERT) {
					const chunk = read.rows.slice(i, i + ROWS_PER_INSERT) as unknown[][];
					await sink.query(
						chunk.length === ROWS_PER_INSERT
							? { name: `bare_${table}`, text: full, values: chunk.flat() }
							: { text: statement(chunk.length), values: chunk.flat() }
					);
				}
				await sink.query('commit');
				seconds += (performance.now() - t) / 1000;
				rows += read.rows.length;
			}
			await Promise.all([source.end(), sink.end()]);
			return { seconds, rows };
		},
		close: async () => cluster?.stop()
	};
}

/** What one run of the import command said of itself. */
interface ImportRun {
	seconds: number;
	/** CPU seconds of all its threads, since it started. */
	cpu: number;
	peakMiB: number;
	changed: number;
	rows: number;
}

/** `npm run import` on the export, as cron runs it: the built command, in its own process. */
function runImport(env: Record<string, string>): ImportRun {
	const command = importCommand(exportFile, true);
	const run = spawnSync(command.command, command.args, {
		env: { ...process.env, ...command.env, ...env, PERSONAL_CODE_KEY: benchKey.toString('hex') },
		encoding: 'utf8'
	});
	const cost = /Took ([\d.]+) s and ([\d.]+) s of CPU .*; peak memory (\d+) MiB/.exec(run.stdout);
	const counts = /Customers: (\d+) added, (\d+) updated, \d+ unchanged; rows written: (\d+)/.exec(
		run.stdout
	);
	if (run.status !== 0 || !cost || !counts)
		throw new Error(`the import failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
	return {
		seconds: Number(cost[1]),
		cpu: Number(cost[2]),
		peakMiB: Number(cost[3]),
		changed: Number(counts[1]) + Number(counts[2]),
		rows: Number(counts[3])
	};
}

// The import command from the sources as they are (the server's build is not needed for it).
runOrExit('npx', ['tsx', 'scripts/build-server.ts']);
const target = database === 'sqlite' ? sqliteTarget() : await postgresTarget();
try {
	const first = runImport(target.env);
	const rows = first.rows;
	const second = runImport(target.env);

	const bare = await target.insertBare();
	const driver = database === 'sqlite' ? 'bare better-sqlite3' : 'bare pg            ';
	const how =
		database === 'sqlite'
			? 'prepared INSERT per row, one transaction'
			: 'prepared 1000-row INSERT, one transaction';
	const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
	console.log(
		`\nImport of ${customers.toLocaleString('en')} customers into ${database} (${path.basename(exportFile)}, ${(fs.statSync(exportFile).size / 2 ** 20).toFixed(0)} MiB)`
	);
	console.log(
		`  rows written          ${rows.toLocaleString('en')} (bare: ${bare.rows.toLocaleString('en')})`
	);
	console.log(
		`  import                ${first.seconds.toFixed(1)} s, ${rate(rows, first.seconds)} rows/s (read, check, hash and write)`
	);
	console.log(
		`  ${driver}   ${bare.seconds.toFixed(1)} s, ${rate(bare.rows, bare.seconds)} rows/s (${how})`
	);
	const ratio = rows / first.seconds / (bare.rows / bare.seconds);
	console.log(`  ratio import / bare   ${ratio.toFixed(2)}`);
	console.log(
		`  peak memory (RSS)     ${first.peakMiB} MiB, the import's process; cores busy ${(first.cpu / first.seconds).toFixed(2)}`
	);
	console.log(
		`  re-import, same file  ${second.seconds.toFixed(1)} s, ${second.changed} customers changed, ${second.rows} rows written, peak memory ${second.peakMiB} MiB, cores busy ${(second.cpu / second.seconds).toFixed(2)}`
	);
	const most = database === 'sqlite' ? 45 : 120;
	const goals = [
		[`peak memory at most 400 MiB`, Math.max(first.peakMiB, second.peakMiB) <= 400],
		[`the first import in at most ${most} s`, first.seconds <= most],
		...(database === 'sqlite' ? [[`at least 1.0 × the bare insert`, ratio >= 1] as const] : []),
		[`the unchanged re-import in at most 20 s`, second.seconds <= 20]
	] as const;
	console.log(
		`  goals: ${goals.map(([goal, met]) => `${goal} ${met ? 'met' : 'NOT met'}`).join('; ')}`
	);
	await measurePortalDuringImport({
		database,
		location: target.during.location,
		customers: duringCustomers,
		env: target.during.env
	});
} finally {
	await target.close();
}
