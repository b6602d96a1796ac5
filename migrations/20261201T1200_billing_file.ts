/**
 * SQLite: the billing system's data moves to a file of its own, attached to every connection
 * as `billing` (src/lib/server/db/index.ts), so the nightly import's long write lock is on
 * that file alone and never meets a sign-in, a throttle, a request or the outbox, which stay
 * here in the portal's own file (issue 13.3). PostgreSQL locks rows, not files: nothing moves.
 *
 * A table keeps its name and its SQL, so every query reads the same on both databases.
 * SQLite keeps a foreign key within one file, so the portal's tables that pointed at
 * `customer` are rebuilt without that key; the import never deletes a customer, and every
 * row that names one is written after the customer was fetched by id and owner.
 *
 * A commit is atomic in each file but not across both, so the move runs in two steps that can
 * each be repeated: the copy into the billing file (made anew while the tables are still
 * here), then the change of this file.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

/** In the order their foreign keys need them. */
const BILLING_TABLES = [
	'company',
	'bank_account',
	'customer',
	'document',
	'document_line',
	'payment',
	'container',
	'collection_date'
];

interface SchemaRow {
	type: string;
	name: string;
	tbl_name: string;
	sql: string;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Run = (text: string) => Promise<unknown>;

const schemaOf = async (db: Kysely<unknown>, file: 'main' | 'billing', where: string) =>
	(
		await sql<SchemaRow>`select type, name, tbl_name, sql from ${sql.raw(file)}.sqlite_master where sql is not null and ${sql.raw(where)}`.execute(
			db
		)
	).rows;

/** Runs `steps` in one transaction that takes the write lock at once. */
async function inTransaction(run: Run, steps: () => Promise<void>): Promise<void> {
	await run('begin immediate');
	try {
		await steps();
		await run('commit');
	} catch (error) {
		await run('rollback');
		throw error;
	}
}

/**
 * Copies the billing tables that `from` holds, with their indexes, rows and AUTOINCREMENT
 * high-water marks (so an id once used is never given again), into `to`, whose copies are
 * made anew; one transaction, so a copy is whole or absent. Gives the tables copied.
 */
async function copyBillingTables(
	db: Kysely<unknown>,
	from: 'main' | 'billing',
	to: 'main' | 'billing'
): Promise<string[]> {
	const run: Run = (text) => sql.raw(text).execute(db);
	const present = new Set((await schemaOf(db, from, `type = 'table'`)).map((row) => row.name));
	const copied = BILLING_TABLES.filter((name) => present.has(name));
	if (copied.length === 0) return copied;
	const list = copied.map((name) => `'${name}'`).join(', ');
	const tables = await schemaOf(db, from, `type = 'table' and name in (${list})`);
	const indexes = await schemaOf(db, from, `type = 'index' and tbl_name in (${list})`);
	await inTransaction(run, async () => {
		for (const name of [...BILLING_TABLES].reverse())
			await run(`drop table if exists ${to}.${quoted(name)}`);
		for (const name of copied) {
			const table = tables.find((row) => row.name === name)!;
			await run(table.sql.replace(/^CREATE TABLE "/, `CREATE TABLE "${to}"."`));
			await run(`insert into ${to}.${quoted(name)} select * from ${from}.${quoted(name)}`);
		}
		for (const index of indexes)
			await run(index.sql.replace(/^CREATE (UNIQUE )?INDEX "/, `CREATE $1INDEX "${to}"."`));
		await run(
			`insert into ${to}.sqlite_sequence select * from ${from}.sqlite_sequence where name in (${list})`
		);
	});
	return copied;
}

/**
 * Drops the billing tables from `file` and runs `more` in the same transaction, with foreign
 * keys off: on, dropping `customer` would delete every session, link and request that names
 * one. A foreign key can be switched off only outside a transaction.
 */
async function dropBillingTables(
	db: Kysely<unknown>,
	file: 'main' | 'billing',
	tables: string[],
	more: (run: Run) => Promise<void> = async () => {}
): Promise<void> {
	const run: Run = (text) => sql.raw(text).execute(db);
	await run('pragma foreign_keys = off');
	try {
		await inTransaction(run, async () => {
			for (const name of [...tables].reverse()) await run(`drop table ${file}.${quoted(name)}`);
			if (tables.length > 0)
				await run(
					`delete from ${file}.sqlite_sequence where name in (${tables.map((name) => `'${name}'`).join(', ')})`
				);
			await more(run);
		});
	} finally {
		await run('pragma foreign_keys = on');
	}
}

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
	if (!isSqlite(db)) return;
	const moved = await copyBillingTables(db, 'main', 'billing');
	const pointing = (await schemaOf(db, 'main', `type = 'table'`)).filter(
		(row) => !BILLING_TABLES.includes(row.name) && /references "customer"/.test(row.sql)
	);
	await dropBillingTables(db, 'main', moved, async (run) => {
		for (const table of pointing) {
			const indexes = await schemaOf(db, 'main', `type = 'index' and tbl_name = '${table.name}'`);
			const rebuilt = `${table.name}_rebuilt`;
			await run(
				table.sql
					.replace(/^CREATE TABLE "[^"]+"/, `CREATE TABLE ${quoted(rebuilt)}`)
					.replace(/ references "customer" \("id"\)( on delete [a-z ]+?)?(?=, |\)$)/g, '')
			);
			await run(`insert into ${quoted(rebuilt)} select * from ${quoted(table.name)}`);
			await run(`drop table ${quoted(table.name)}`);
			await run(`alter table ${quoted(rebuilt)} rename to ${quoted(table.name)}`);
			for (const index of indexes) await run(index.sql);
		}
	});
}

/** The billing data back in this file; the portal's tables keep no foreign key to it. */
export async function down(db: Kysely<unknown>): Promise<void> {
	if (!isSqlite(db)) return;
	const moved = await copyBillingTables(db, 'billing', 'main');
	await dropBillingTables(db, 'billing', moved);
}
