/**
 * Multi-row INSERTs for the import. For thousands of rows, building the Kysely query costs
 * more than running it, so the SQL Kysely compiles for one table, column list and row count
 * is kept and run again with the next rows' values. It stays Kysely's SQL, right for every
 * dialect.
 */
import { CompiledQuery, PostgresAdapter, sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from './schema';

// Bound parameters per statement, under SQLite's 32 766 and PostgreSQL's 65 535. Each row
// count's statement stays prepared: in SQLite's memory, where one of 16 000 parameters held
// over a megabyte for no gain in speed over 4 000; on PostgreSQL in the server's, where
// 16 000 took 115.6 s for 100 000 customers against 118.5 s (docs/performance.md).
const PARAMETERS_PER_INSERT = { sqlite: 4_000, postgres: 16_000 };

const compiled = new Map<string, string>();

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** A table's column names, as an insert names them. */
type ColumnOf<T extends keyof Database> = keyof Insertable<Database[T]> & string;

function flatten(rows: Record<string, unknown>[], columns: readonly string[]): unknown[] {
	const values: unknown[] = [];
	for (const row of rows) for (const column of columns) values.push(row[column]);
	return values;
}

async function insertChunk(
	db: Kysely<Database>,
	table: keyof Database,
	columns: readonly string[],
	values: unknown[]
): Promise<void> {
	const count = values.length / columns.length;
	const key = `${table}|${columns.join(',')}|${count}`;
	let sql = compiled.get(key);
	if (sql === undefined) {
		// Compiled once per row count, from rows of these very values.
		const rows = Array.from({ length: count }, (_, r) =>
			Object.fromEntries(columns.map((column, c) => [column, values[r * columns.length + c]]))
		);
		const built = db
			.insertInto(table)
			.values(rows as never)
			.compile();
		// The reuse below relies on Kysely binding values row by row in column order.
		if (JSON.stringify(built.parameters) !== JSON.stringify(values))
			throw new Error(`insertChunk: unexpected parameter order for ${table}`);
		sql = built.sql;
		compiled.set(key, sql);
	}
	await db.executeQuery(CompiledQuery.raw(sql, values));
}

/**
 * Rows per statement: the most the parameter limit allows (a power of two), then the rest in
 * halving steps down to one row. Each distinct row count is a distinct SQL text, which the
 * connection prepares and keeps (db/index.ts); a statement of thousands of rows holds about a
 * megabyte of SQLite's memory, so a table gets at most a dozen texts whatever the export's
 * size, rather than one for each batch's remainder (which held 290 MiB at 100 000 customers).
 */
export function* chunkSizes(rows: number, columns: number, parameters: number): Generator<number> {
	let most = 1;
	while (most * 2 * columns <= parameters) most *= 2;
	let left = rows;
	for (let size = most; left > 0; size = Math.max(1, size / 2))
		while (left >= size) {
			yield size;
			left -= size;
		}
}

/**
 * Inserts rows given as flat lists of values, row after row in `columns` order, the lists one
 * after another (the import's: one per customer and table): for the import's millions of
 * collection dates and document lines, an object per row cost more in building and collecting
 * it than SQLite took to store it. Each statement's values are copied once, from the lists.
 */
export async function insertValues<T extends keyof Database>(
	db: Kysely<Database>,
	table: T,
	columns: readonly ColumnOf<T>[],
	lists: readonly (readonly unknown[])[]
): Promise<void> {
	const width = columns.length;
	const parameters = PARAMETERS_PER_INSERT[isPostgres(db) ? 'postgres' : 'sqlite'];
	let list = 0;
	let at = 0;
	for (const size of chunkSizes(countRows(lists, width), width, parameters)) {
		const values: unknown[] = [];
		while (values.length < size * width) {
			const from = lists[list]!;
			const taken = Math.min(from.length - at, size * width - values.length);
			for (let i = at; i < at + taken; i++) values.push(from[i]);
			at += taken;
			if (at === from.length) [list, at] = [list + 1, 0];
		}
		await insertChunk(db, table, columns, values);
	}
}

/** How many rows of `width` values the lists hold. */
export function countRows(lists: readonly (readonly unknown[])[], width: number): number {
	let values = 0;
	for (const list of lists) values += list.length;
	return values / width;
}

/** Inserts rows that all have the same columns, in as few statements as the parameter limit allows. */
export async function insertRows<T extends keyof Database>(
	db: Kysely<Database>,
	table: T,
	rows: Insertable<Database[T]>[]
): Promise<void> {
	const first = rows[0];
	if (first === undefined) return;
	const columns = Object.keys(first) as ColumnOf<T>[];
	await insertValues(db, table, columns, [flatten(rows, columns)]);
}

/** The tables whose rows the import numbers itself, and other rows refer to. */
export type NumberedTable = 'customer' | 'document' | 'container';

/**
 * The first id no row of `table` has had: past its rows, and past the ids its sequence has
 * handed out, so that the ids of deleted rows are not given again (what AUTOINCREMENT and
 * identity columns promise the portal's links). The import gives its new rows ids from here
 * itself, so a batch's rows are built before any of them is written.
 */
export async function firstFreeId(db: Kysely<Database>, table: NumberedTable): Promise<number> {
	const { most } = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max('id').as('most'))
		.executeTakeFirstOrThrow();
	let handedOut: unknown;
	if (isPostgres(db)) {
		// Null until the sequence is first used; at most ahead of the last id handed out.
		const { rows } = await sql<{ last: number | null }>`
			select last_value as last
			from pg_sequences, (select pg_get_serial_sequence(${table}, 'id') as name) as s
			where s.name = quote_ident(schemaname) || '.' || quote_ident(sequencename)`.execute(db);
		handedOut = rows[0]?.last;
	} else {
		// The billing tables are attached as `billing` beside the portal's own (an in-memory
		// database), or are the file's own (the import's writer connection).
		const { rows: attached } = await sql<{
			name: string;
		}>`select name from pragma_database_list where name = 'billing'`.execute(db);
		const sequences = sql.table(
			attached.length > 0 ? 'billing.sqlite_sequence' : 'sqlite_sequence'
		);
		const { rows } = await sql<{
			seq: number;
		}>`select seq from ${sequences} where name = ${table}`.execute(db);
		handedOut = rows[0]?.seq;
	}
	return Math.max(Number(most ?? 0), Number(handedOut ?? 0)) + 1;
}

/**
 * After the import gave ids up to `last`, PostgreSQL's sequence is moved past them, so a row
 * inserted without an id never meets one. (SQLite's AUTOINCREMENT follows by itself.)
 */
export async function markIdsUsed(
	db: Kysely<Database>,
	table: NumberedTable,
	last: number
): Promise<void> {
	if (isPostgres(db) && last > 0)
		await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${last})`.execute(db);
}

/**
 * After a bulk write, PostgreSQL's planner statistics of `tables` are gathered in the writing
 * transaction, so they become visible with the rows. Without them, the start page's next
 * collections were planned as a sequential scan of all 8.5 million collection dates (362 ms
 * instead of an index lookup) right after a first import of 100 000 customers, and under load
 * it ran into the statement timeout until autovacuum analysed the tables 1.5 minutes later.
 * A table that a VACUUM or another ANALYZE holds is skipped rather than waited for: autovacuum
 * analyses it later, as it did before, where waiting out the lock timeout would fail the
 * whole import.
 * SQLite keeps no statistics unless asked, and plans by its indexes.
 */
export async function gatherStatistics(
	db: Kysely<Database>,
	tables: readonly (keyof Database)[]
): Promise<void> {
	if (isPostgres(db))
		await sql`analyze (skip_locked) ${sql.join(tables.map((table) => sql.table(table)))}`.execute(
			db
		);
}
