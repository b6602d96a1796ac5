/** Accounts and sessions, one-time e-mail links, guessing throttles, the mail outbox and the audit log. */
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
	const id = identity(db);

	await db.schema
		.createTable('account')
		.addColumn('id', 'integer', id)
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('email_confirmed_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('account_customer')
		.addColumn('account_id', 'integer', (c) =>
			c.notNull().references('account.id').onDelete('cascade')
		)
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		.addColumn('linked_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('account_customer_pk', ['account_id', 'customer_id'])
		.execute();
	await db.schema
		.createIndex('account_customer_customer')
		.on('account_customer')
		.column('customer_id')
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('account_id', 'integer', (c) => c.references('account.id').onDelete('cascade'))
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('account', 'contract', 'demo')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_account').on('session').column('account_id').execute();

	await db.schema
		.createTable('email_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('account_id', 'integer', (c) =>
			c.notNull().references('account.id').onDelete('cascade')
		)
		.addColumn('purpose', 'text', (c) =>
			c.notNull().check(sql`purpose in ('confirm', 'reset', 'change_email')`)
		)
		.addColumn('new_email', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema
		.createIndex('email_token_account')
		.on('email_token')
		.columns(['account_id', 'purpose'])
		.execute();

	await db.schema
		.createTable('throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('window_started_at', 'text', (c) => c.notNull())
		.addColumn('blocked_until', 'text')
		.execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'integer', id)
		.addColumn('idempotency_key', 'text', (c) => c.unique())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('html_body', 'text', (c) => c.notNull())
		.addColumn('headers', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('queued', 'sent', 'failed')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('claimed_until', 'text')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.execute();
	await db.schema
		.createIndex('outbox_due')
		.on('outbox')
		.columns(['status', 'next_attempt_at'])
		.execute();
	await db.schema
		.createIndex('outbox_recipient')
		.on('outbox')
		.columns(['recipient', 'id'])
		.execute();

	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'integer', id)
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('event', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('account_id', 'integer')
		.addColumn('customer_id', 'integer')
		.addColumn('client_address', 'text')
		.addColumn('detail', 'text')
		.execute();
	await db.schema.createIndex('audit_event_at').on('audit_event').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'audit_event',
		'outbox',
		'throttle',
		'email_token',
		'session',
		'account_customer',
		'account'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
