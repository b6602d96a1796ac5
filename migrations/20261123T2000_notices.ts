/**
 * Notices: each account's collection-reminder choices per contract, and an index that lets
 * the new-document pass find the recently issued documents without reading them all.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('collection_reminder')
		.addColumn('account_id', 'integer', (c) =>
			c.notNull().references('account.id').onDelete('cascade')
		)
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		// Switched off, the choices stay for when the customer switches it on again.
		.addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled in (0, 1)`))
		// The hour (Riga time) on the evening before a collection from which the e-mail goes.
		.addColumn('hour', 'integer', (c) => c.notNull().check(sql`hour between 14 and 22`))
		// Comma-separated fractions, e.g. "mixed,paper".
		.addColumn('fractions', 'text', (c) => c.notNull())
		// The secret of the one-click unsubscribe link; it can only switch reminders off.
		.addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('collection_reminder_pk', ['account_id', 'customer_id'])
		.execute();
	await db.schema
		.createIndex('collection_reminder_due')
		.on('collection_reminder')
		.columns(['enabled', 'hour'])
		.execute();
	await db.schema.createIndex('document_issue_date').on('document').column('issue_date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('document_issue_date').execute();
	await db.schema.dropTable('collection_reminder').execute();
}
