/**
 * Issue 18, item 7: how far a running import has come, for the console's page and the
 * terminal: the customers read so far, written every second or so while it runs.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('import_run')
		.addColumn('customers_read', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('import_run').dropColumn('customers_read').execute();
}
