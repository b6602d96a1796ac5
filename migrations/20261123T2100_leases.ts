/**
 * Leases: work that one process at a time may do (the import, a pass of the scheduled jobs),
 * claimed in the database so that every server process and command sees the same claim. A
 * lease runs out on its own, so a process that died does not hold it for ever.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('lease')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('holder', 'text', (c) => c.notNull())
		.addColumn('acquired_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('lease').execute();
}
