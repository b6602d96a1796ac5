/** One row /healthz writes, so health reports whether writes work (a full disk, a read-only replica), not only reads. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('health_probe')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('checked_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('health_probe').execute();
}
