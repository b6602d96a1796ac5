/**
 * The dialect-specific pieces of the schema, in one place:
 * - an auto-numbered primary key is `INTEGER PRIMARY KEY AUTOINCREMENT` in SQLite (which
 *   keeps SQLite from reusing the id of a deleted row) and an identity column in PostgreSQL;
 * - a table keyed only by its primary key is stored `WITHOUT ROWID` in SQLite, one B-tree
 *   instead of two, which halves the work of loading millions of collection dates.
 */
import {
	SqliteAdapter,
	sql,
	type ColumnDefinitionBuilder,
	type CreateTableBuilder,
	type Kysely
} from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export function identity(
	db: Kysely<unknown>
): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
	const sqlite = isSqlite(db);
	return (column) =>
		sqlite
			? column.primaryKey().autoIncrement()
			: column.primaryKey().generatedByDefaultAsIdentity();
}

export function clusteredByPrimaryKey<T extends string, C extends string>(
	db: Kysely<unknown>,
	table: CreateTableBuilder<T, C>
): CreateTableBuilder<T, C> {
	return isSqlite(db) ? table.modifyEnd(sql`without rowid`) : table;
}
