/**
 * Disruption and service notices from the billing export (issue 16): shown on the portal and
 * the calendar while current, and e-mailed once to those with reminders on. Billing data:
 * on SQLite in the billing file.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;
const tableOf = (db: Kysely<unknown>) => (isSqlite(db) ? 'billing.notice' : 'notice');

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable(tableOf(db))
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('severity', 'text', (c) =>
			c.notNull().check(sql`severity in ('info', 'disruption')`)
		)
		.addColumn('from_day', 'text', (c) => c.notNull())
		.addColumn('to_day', 'text', (c) => c.notNull())
		.addColumn('fractions', 'text', (c) => c.notNull())
		.addColumn('contracts', 'text', (c) => c.notNull())
		.addColumn('area', 'text')
		.addColumn('text_lv', 'text', (c) => c.notNull())
		.addColumn('text_en', 'text')
		.addColumn('text_ru', 'text')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable(tableOf(db)).execute();
}
