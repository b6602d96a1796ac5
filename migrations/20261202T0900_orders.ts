/**
 * Issue 17: the service catalogue from the export (billing data: on SQLite in the billing
 * file), and orders as requests of new kinds — skip or move an emptying, an extra one, a
 * container change. An order keeps what it asked for and the prices it was shown.
 *
 * `service_request` widens: its kinds, and no container for a container to be added nor a
 * put-out place for anything but a missed collection. PostgreSQL alters the constraints;
 * SQLite cannot, so the table is rebuilt with foreign keys off (on, dropping it would delete
 * its events), as SQLite's documentation gives the steps.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

const KINDS_BEFORE = `kind in ('missed_collection')`;
const KINDS_AFTER = `kind in ('missed_collection', 'skip', 'move', 'extra', 'container_change')`;

const NEW_COLUMNS = [
	['new_date', 'text'],
	['container_change', 'text'],
	['count', 'integer'],
	['frequency', 'text'],
	['new_volume_litres', 'integer'],
	['new_frequency', 'text'],
	['vat_rate', 'integer'],
	['price_before_cents', 'integer'],
	['price_cents', 'integer']
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable(isSqlite(db) ? 'billing.service_offer' : 'service_offer')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('fraction', 'text', (c) => c.notNull())
		.addColumn('volume_litres', 'integer', (c) => c.notNull())
		.addColumn('area', 'text')
		// The lists as JSON: a frequency's words hold spaces.
		.addColumn('contracts', 'text', (c) => c.notNull())
		.addColumn('frequencies', 'text', (c) => c.notNull())
		.addColumn('emptying_cents', 'integer', (c) => c.notNull())
		.addColumn('monthly_cents', 'integer', (c) => c.notNull())
		.addColumn('rent_cents', 'integer', (c) => c.notNull())
		.addColumn('vat_rate', 'integer', (c) => c.notNull())
		.addColumn('skip', 'text', (c) => c.notNull().check(sql`skip in ('allowed', 'move_only')`))
		.addColumn('cutoff_working_days', 'integer', (c) => c.notNull())
		.addColumn('cutoff_time', 'text', (c) => c.notNull())
		.addColumn('extra_days', 'text', (c) => c.notNull())
		.execute();

	for (const [name, type] of NEW_COLUMNS)
		await db.schema.alterTable('service_request').addColumn(name, type).execute();
	if (isSqlite(db)) await rebuildOnSqlite(db);
	else {
		await sql`alter table service_request drop constraint service_request_kind_check`.execute(db);
		await sql`alter table service_request add constraint service_request_kind_check check (${sql.raw(KINDS_AFTER)})`.execute(
			db
		);
		await sql`alter table service_request alter column container_code drop not null`.execute(db);
		await sql`alter table service_request alter column place drop not null`.execute(db);
	}
	// One open skip, move or extra emptying per container and day, whatever races (an extra is
	// never on one of the container's dates, so the three never meet): a second tab's is refused.
	await sql`create unique index service_request_order_once on service_request (customer_id, container_code, collection_date) where kind in ('skip', 'move', 'extra') and state in ('submitted', 'received', 'scheduled')`.execute(
		db
	);
}

type Run = (text: string) => Promise<unknown>;

async function rebuildOnSqlite(db: Kysely<unknown>): Promise<void> {
	const run: Run = (text) => sql.raw(text).execute(db);
	const schema = async (where: string) =>
		(
			await sql<{
				sql: string;
			}>`select sql from main.sqlite_master where sql is not null and tbl_name = 'service_request' and ${sql.raw(where)}`.execute(
				db
			)
		).rows.map((row) => row.sql);
	const [table] = await schema(`type = 'table'`);
	const indexes = await schema(`type = 'index'`);
	if (!table?.includes(KINDS_BEFORE)) throw new Error('service_request is not as expected');
	const rebuilt = table
		.replace(/^CREATE TABLE "service_request"/, 'CREATE TABLE "service_request_rebuilt"')
		.replace(KINDS_BEFORE, KINDS_AFTER)
		.replace('"container_code" text not null', '"container_code" text')
		.replace('"place" text not null check', '"place" text check');
	await run('pragma foreign_keys = off');
	try {
		await run('begin immediate');
		try {
			await run(rebuilt);
			await run('insert into "service_request_rebuilt" select * from "service_request"');
			// The AUTOINCREMENT high-water mark, so an id once given is never given again.
			await run(`delete from sqlite_sequence where name = 'service_request_rebuilt'`);
			await run(
				`insert into sqlite_sequence (name, seq) select 'service_request_rebuilt', seq from sqlite_sequence where name = 'service_request'`
			);
			await run('drop table "service_request"');
			await run('alter table "service_request_rebuilt" rename to "service_request"');
			for (const index of indexes) await run(index);
			await run('commit');
		} catch (error) {
			await run('rollback');
			throw error;
		}
	} finally {
		await run('pragma foreign_keys = on');
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('service_request_order_once').execute();
	// The orders go: the narrower kinds cannot hold them (the constraints stay widened).
	await sql`delete from service_request where kind <> 'missed_collection'`.execute(db);
	for (const [name] of NEW_COLUMNS)
		await db.schema.alterTable('service_request').dropColumn(name).execute();
	await db.schema.dropTable(isSqlite(db) ? 'billing.service_offer' : 'service_offer').execute();
}
