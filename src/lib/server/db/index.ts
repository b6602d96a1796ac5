/**
 * Opens the database: an SQLite file (the default, one connection) or the PostgreSQL server
 * of DATABASE_URL (a pool). This is the one place that knows which; every query is Kysely's
 * and runs on both (migrations/dialect.ts holds the schema's few differences).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
	CompiledQuery,
	sql,
	Kysely,
	PostgresDialect,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Dialect,
	type PostgresPoolClient,
	type SqliteDatabase
} from 'kysely';
import pg from 'pg';
import {
	billingFileOf,
	databaseLimits,
	databaseLocation,
	databasePoolSize,
	isPostgresLocation,
	type DatabaseLimits
} from '../config';
import type { Database as Schema } from './schema';
import { BoundedCache } from '../../bounded-cache';
import { recordQuery } from './query-tally';

export type Db = Kysely<Schema>;

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small query,
 * so each SQL text keeps its prepared statement (the oldest dropped past 500). A statement
 * still being iterated (a streamed query) is busy, and then a fresh one is prepared.
 */
function withPreparedStatements(sqlite: Database.Database): SqliteDatabase {
	const statements = new BoundedCache<string, Database.Statement>(STATEMENTS_KEPT);
	return {
		close: () => sqlite.close(),
		prepare(sql) {
			const kept = statements.get(sql);
			if (kept && !kept.busy) return kept;
			const statement = sqlite.prepare(sql);
			if (!kept) statements.set(sql, statement);
			return statement;
		}
	};
}

// COUNT(*) and other bigints arrive as strings from pg; the portal's counts fit a number.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

/**
 * Opens a postgres:// address, or (creating when missing) an SQLite file; ':memory:' gives a
 * private SQLite database for tests.
 */
export function openDatabase(
	location: string,
	poolSize = databasePoolSize(),
	limits = databaseLimits()
): Db {
	if (isPostgresLocation(location)) return openPostgres(location, poolSize, limits);
	return openSqlite(location);
}

/**
 * The name each query runs under, or none. An unnamed query is parsed and planned anew each
 * time, which for the portal's small queries costs more than running them (a start page's
 * dozen queries spent about 5 ms in PostgreSQL's parser and planner, against under 1 ms
 * executing). A named one is parsed once per connection, and after a few runs PostgreSQL
 * may keep its plan. Only texts seen before and with parameters are named, and at most 500:
 * each connection holds its statements until it closes, and the import's one-off bulk
 * INSERTs should not pile up there.
 */
function statementNamer(): (sql: string) => string | undefined {
	const names = new Map<string, string>();
	const seen = new Set<string>();
	return (sql) => {
		const known = names.get(sql);
		if (known) return known;
		if (!seen.has(sql)) {
			if (seen.size < STATEMENTS_KEPT * 4) seen.add(sql);
			return undefined;
		}
		if (names.size >= STATEMENTS_KEPT) return undefined;
		const name = `k${names.size + 1}`;
		names.set(sql, name);
		return name;
	};
}

function openPostgres(url: string, poolSize: number, limits: DatabaseLimits): Db {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		// Every wait bounded: for a connection (a full pool, a server that does not answer),
		// for a statement and a lock on the server, and in the client for a server that froze
		// and can no longer say its own timeout ran out.
		connectionTimeoutMillis: limits.connectMs,
		statement_timeout: limits.statementMs,
		lock_timeout: limits.lockMs,
		query_timeout: limits.statementMs + 1000
	});
	// An idle connection that the server ends (a restart, a failover, an administrator) is
	// reported here; unheard, the error would end the whole process. The pool drops that
	// connection and opens a new one when next needed; queries meanwhile get the error.
	pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
	const nameFor = statementNamer();
	const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
	const named = (client: pg.PoolClient): PostgresPoolClient => {
		let wrapped = clients.get(client);
		if (!wrapped) {
			// The pool listens only while a connection is idle. Ended while lent out (between a
			// transaction's statements), it would otherwise throw from the event and end the
			// process; the next query on it fails instead, and the pool drops it on release.
			client.on('error', () => {});
			wrapped = {
				// Kysely passes SQL text and parameters (cursors only when configured, and they are not).
				query: ((text: string, values: unknown[]) =>
					client.query({
						name: values.length > 0 ? nameFor(text) : undefined,
						text,
						values
					})) as unknown as PostgresPoolClient['query'],
				release: () => client.release()
			};
			clients.set(client, wrapped);
		}
		return wrapped;
	};
	return new Kysely<Schema>({
		dialect: new PostgresDialect({
			pool: { connect: async () => named(await pool.connect()), end: () => pool.end() }
		}),
		log: recordQuery
	});
}

function openSqliteFile(file: string): Database.Database {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new Database(file);
	// The busy timeout makes a writer wait for another process's lock instead of failing at
	// once. The locks that meet here are short: the import's long one is on the billing file,
	// which the server only reads.
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	return sqlite;
}

/**
 * WAL lets the nightly import write while the portal reads. The page cache (SQLite's default
 * is 2 MiB) is 16 MiB per file. A request reads a customer's few pages (the OS's file cache
 * keeps the rest), so a server that has read across many customers holds at most 2 × 16 MiB
 * for it. The import appends in key order, so the pages it updates at any time are few: it
 * loaded 100 000 customers as fast with 16 MiB as with 64 (docs/performance.md).
 */
const CACHE_MIB = 16;

function tune(sqlite: Database.Database, schema: string): void {
	sqlite.pragma(`${schema}.journal_mode = WAL`);
	sqlite.pragma(`${schema}.synchronous = NORMAL`);
	sqlite.pragma(`${schema}.cache_size = -${CACHE_MIB * 1024}`);
}

/** The file each SQLite database was opened on, for openBillingWriter. */
const sqliteFiles = new WeakMap<Db, string>();

function openSqlite(file: string): Db {
	const sqlite = openSqliteFile(file);
	sqlite.prepare('attach database ? as billing').run(billingFileOf(file));
	tune(sqlite, 'main');
	tune(sqlite, 'billing');
	// The table every transaction of the portal writes to first (WriteLockingSqliteDriver),
	// made here rather than by a migration so a transaction works on any database.
	sqlite.exec('create table if not exists main.write_lock (id integer primary key)');
	const opened = new Kysely<Schema>({
		dialect: sqliteDialect(withPreparedStatements(sqlite), 'state'),
		log: recordQuery
	});
	sqliteFiles.set(opened, file);
	return opened;
}

/**
 * Where the import writes the billing data in its one long transaction: on SQLite a
 * connection of its own to the billing file alone, so that transaction's write lock never
 * covers the portal's own file, where the import's run and lease are recorded meanwhile. On
 * PostgreSQL (row locks) and an in-memory database (one connection), the same database.
 */
export function openBillingWriter(db: Db): { db: Db; close: () => Promise<void> } {
	const file = sqliteFiles.get(db);
	if (!file || file === ':memory:') return { db, close: async () => {} };
	const sqlite = openSqliteFile(billingFileOf(file));
	// The import gives every id its rows refer to itself, from ids no row has had (writer.ts),
	// so SQLite's check of each of millions of rows against its parent only repeated that:
	// about a tenth of a first import of 100 000 customers (docs/performance.md). Nothing
	// cascades on this connection either; the import deletes a replaced customer's rows table
	// by table. The portal's connections keep the checks.
	sqlite.pragma('foreign_keys = OFF');
	tune(sqlite, 'main');
	const writer = new Kysely<Schema>({
		dialect: sqliteDialect(withPreparedStatements(sqlite), 'whole')
	});
	return { db: writer, close: () => writer.destroy() };
}

/**
 * Kysely begins SQLite transactions DEFERRED: they read first and ask for the write lock at
 * their first write. If another process (the import CLI, the jobs CLI, another server) has
 * committed since that first read, SQLite cannot let the transaction write on what it read
 * and fails it at once with SQLITE_BUSY, without waiting. Every transaction here reads and
 * then writes, so each takes the write lock when it begins: another writer then waits for it
 * (busy_timeout) instead of either failing halfway.
 *
 * - 'whole': BEGIN IMMEDIATE, which locks every file of the connection; for the import's
 *   connection to the billing file alone.
 * - 'state': the portal's own file only. BEGIN IMMEDIATE would lock the attached billing
 *   file too, and so wait for a running import; a write to the portal's file that changes
 *   nothing takes that file's lock alone.
 */
class WriteLockingSqliteDriver extends SqliteDriver {
	readonly #begin: CompiledQuery[];

	constructor(database: SqliteDatabase, lock: 'whole' | 'state') {
		super({ database });
		this.#begin =
			lock === 'whole'
				? [CompiledQuery.raw('begin immediate')]
				: [CompiledQuery.raw('begin'), CompiledQuery.raw('delete from main.write_lock where 0')];
	}

	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		for (const statement of this.#begin) {
			try {
				await connection.executeQuery(statement);
			} catch (error) {
				if (statement !== this.#begin[0])
					await connection.executeQuery(CompiledQuery.raw('rollback'));
				throw error;
			}
		}
	}
}

function sqliteDialect(database: SqliteDatabase, lock: 'whole' | 'state'): Dialect {
	const dialect = new SqliteDialect({ database });
	return {
		createDriver: () => new WriteLockingSqliteDriver(database, lock),
		createAdapter: () => dialect.createAdapter(),
		createIntrospector: (db) => dialect.createIntrospector(db),
		createQueryCompiler: () => dialect.createQueryCompiler()
	};
}

let shared: Db | undefined;

/** The server's database, opened on first use (DATABASE_URL, else DATABASE_PATH). */
export function getDb(): Db {
	shared ??= openDatabase(databaseLocation());
	return shared;
}

/**
 * Waits until the database answers, trying again after 1 s, 2 s, 4 s … (at most 30 s), each
 * attempt logged: a server started while PostgreSQL is down or frozen starts listening once it
 * is back, instead of hanging or exiting.
 */
export async function waitForDatabase(db: Db, log = console.error): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await sql`select 1`.execute(db);
			if (attempt > 1) log(`database reached on attempt ${attempt}`);
			return;
		} catch (error) {
			const waitMs = Math.min(1000 * 2 ** (attempt - 1), 30_000);
			log(
				`database not reached (attempt ${attempt}: ${(error as Error).message}); trying again in ${waitMs / 1000} s`
			);
			await new Promise((resolve) => setTimeout(resolve, waitMs));
		}
	}
}
