/** The secret address of each contract's calendar subscription feed. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('calendar_feed')
		.addColumn('customer_id', 'integer', (c) =>
			c.primaryKey().references('customer.id').onDelete('cascade')
		)
		// The secret in the address; shown to the customer again whenever they look, so kept
		// as it is (it opens the collection days and nothing else).
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('calendar_feed').execute();
}
