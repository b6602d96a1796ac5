/**
 * Opens the database: an SQLite file (the default, one connection) or the PostgreSQL server
 * of DATABASE_URL (a pool). This is the one place that knows which; every query is Kysely's
 * and runs on both (migrations/dialect.ts holds the schema's few differences).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { databaseLocation, databasePoolSize, isPostgresLocation } from '../config';
import type { Database as Schema } from './schema';

export type Db = Kysely<Schema>;

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small query,
 * so each SQL text keeps its prepared statement (the oldest dropped past 500). A statement
 * still being iterated (a streamed query) is busy, and then a fresh one is prepared.
 */
function withPreparedStatements(sqlite: Database.Database): SqliteDatabase {
	const statements = new Map<string, Database.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql) {
			const kept = statements.get(sql);
			if (kept && !kept.busy) return kept;
			const statement = sqlite.prepare(sql);
			if (!kept) {
				if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
				statements.set(sql, statement);
			}
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
export function openDatabase(location: string, poolSize = databasePoolSize()): Db {
	if (isPostgresLocation(location))
		return new Kysely<Schema>({
			dialect: new PostgresDialect({
				pool: new pg.Pool({ connectionString: location, max: poolSize })
			})
		});
	return openSqlite(location);
}

function openSqlite(file: string): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new Database(file);
	// WAL lets the nightly import write while the portal reads; the busy timeout makes a
	// second writer wait for the lock instead of failing at once.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// 64 MiB of page cache (the default is 2 MiB) keeps the indexes in memory during an import.
	sqlite.pragma('cache_size = -65536');
	return new Kysely<Schema>({
		dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) })
	});
}

let shared: Db | undefined;

/** The server's database, opened on first use (DATABASE_URL, else DATABASE_PATH). */
export function getDb(): Db {
	shared ??= openDatabase(databaseLocation());
	return shared;
}
