/** Opens the database and keeps the server's one connection. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { databasePath } from '../config';
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

/** Opens (creating when missing) an SQLite database; ':memory:' gives a private one for tests. */
export function openDatabase(file: string): Db {
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

/** The server's database, opened on first use at DATABASE_PATH. */
export function getDb(): Db {
	shared ??= openDatabase(databasePath());
	return shared;
}
