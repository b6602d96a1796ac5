/**
 * Queries built and compiled once. Kysely builds a query's tree and compiles it to SQL on
 * every call, which for the start page's queries cost more than SQLite took to run them
 * (60–100 µs each to build and compile, 40–60 µs to run, measured on the demo company). A
 * prepared query is built once per database with a placeholder for each argument, and each
 * call runs the kept SQL with its own values in the placeholders' places. Only for queries
 * whose shape never depends on the arguments: each is a plain value (no list for `in`).
 */
import { CompiledQuery, sql, type Compilable } from 'kysely';
import type { Db } from './index';

type Value = string | number | null;

/** Stands for an argument while the query is built; the compiled parameters then hold it. */
class Placeholder {
	constructor(readonly index: number) {}
}

export function prepared<Args extends Value[], Row>(
	argumentCount: Args['length'],
	build: (db: Db, ...args: Args) => Compilable<Row>
): (db: Db, ...args: Args) => Promise<Row[]> {
	const compiled = new WeakMap<Db, CompiledQuery<Row>>();
	return async (db, ...args) => {
		let query = compiled.get(db);
		if (!query) {
			const placeholders = Array.from({ length: argumentCount }, (_, i) => new Placeholder(i));
			// The placeholders go where the arguments' values will: Kysely passes values through to
			// the compiled parameters as they are.
			query = build(db, ...(placeholders as unknown as Args)).compile();
			compiled.set(db, query);
		}
		const parameters = query.parameters.map((value) =>
			value instanceof Placeholder ? args[value.index] : value
		);
		const result = await db.executeQuery(
			CompiledQuery.raw(query.sql, parameters) as CompiledQuery<Row>
		);
		return result.rows;
	};
}

/**
 * A LIMIT written into the SQL instead of bound as a parameter. SQLite runs a query with a
 * bound LIMIT several times slower, the same query with the same rows: the start page's profile
 * query took 39 µs with `limit ?` and 9 µs with `limit 1`, the last import run's 10 against 3
 * µs (the 100 000-customer benchmark file). PostgreSQL takes either alike. Only for a count the
 * code fixes, never one a request gives: each count is its own SQL text.
 */
export const fixedLimit = (count: number) => sql.lit(count);
