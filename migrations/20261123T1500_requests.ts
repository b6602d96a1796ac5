/**
 * What customers ask of the company through the portal: a new phone or e-mail for notices,
 * and electronic invoices instead of paper. The billing system stays the source of truth,
 * so a request stays open until an import shows it done; staff pick open ones up.
 */
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('customer_request')
		.addColumn('id', 'integer', identity(db))
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		// Null for a contract login, which has no account; the session kind says who asked.
		.addColumn('account_id', 'integer', (c) => c.references('account.id').onDelete('set null'))
		.addColumn('session_kind', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('contact', 'e_invoice')`))
		.addColumn('phone', 'text')
		.addColumn('email', 'text')
		// The consent exactly as the customer saw it, in their language.
		.addColumn('consent_text', 'text')
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('requested_at', 'text', (c) => c.notNull())
		.addColumn('superseded_at', 'text')
		.addColumn('confirmed_at', 'text')
		.execute();
	await db.schema
		.createIndex('customer_request_customer')
		.on('customer_request')
		.columns(['customer_id', 'kind', 'requested_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('customer_request').execute();
}
