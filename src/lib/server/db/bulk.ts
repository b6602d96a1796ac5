/**
 * Multi-row INSERTs for the import. For thousands of rows, building the Kysely query costs
 * more than running it, so the SQL Kysely compiles for one table, column list and row count
 * is kept and run again with the next rows' values. It stays Kysely's SQL, right for every
 * dialect.
 */
import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { Database } from './schema';

// Bound parameters per statement: under SQLite's 32 766 and PostgreSQL's 65 535.
const PARAMETERS_PER_INSERT = 16_000;

const compiled = new Map<string, string>();

function flatten(rows: Record<string, unknown>[], columns: string[]): unknown[] {
	const values: unknown[] = [];
	for (const row of rows) for (const column of columns) values.push(row[column]);
	return values;
}

async function insertChunk<R>(
	db: Kysely<Database>,
	table: keyof Database,
	rows: Record<string, unknown>[],
	columns: string[],
	returning: readonly string[]
): Promise<R[]> {
	const key = `${table}|${columns.join(',')}|${rows.length}|${returning.join(',')}`;
	const values = flatten(rows, columns);
	let sql = compiled.get(key);
	if (sql === undefined) {
		const query = db.insertInto(table).values(rows as never);
		const built = (returning.length > 0 ? query.returning(returning as never) : query).compile();
		// The reuse below relies on Kysely binding values row by row in column order.
		if (JSON.stringify(built.parameters) !== JSON.stringify(values))
			throw new Error(`insertRows: unexpected parameter order for ${table}`);
		sql = built.sql;
		compiled.set(key, sql);
	}
	const result = await db.executeQuery<R>(CompiledQuery.raw(sql, values));
	return result.rows;
}

/** Inserts rows that all have the same columns, in as few statements as the parameter limit allows. */
export async function insertRows<T extends keyof Database, R = never>(
	db: Kysely<Database>,
	table: T,
	rows: Insertable<Database[T]>[],
	returning: readonly string[] = []
): Promise<R[]> {
	const first = rows[0];
	if (first === undefined) return [];
	const columns = Object.keys(first);
	const size = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
	const results: R[] = [];
	for (let i = 0; i < rows.length; i += size) {
		results.push(
			...(await insertChunk<R>(
				db,
				table,
				rows.slice(i, i + size) as Record<string, unknown>[],
				columns,
				returning
			))
		);
	}
	return results;
}
