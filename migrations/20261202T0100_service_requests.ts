/**
 * Requests for a service (issue 16: missed collections; issue 17's orders take the same
 * tables) with their history, and the bearer tokens of the company's systems that read them.
 * Portal data: on SQLite in the portal's own file, beside the outbox its e-mails go through,
 * so a request, its first event and its e-mail commit together.
 *
 * A request names its container by code and keeps what it looked like: an import replaces a
 * changed customer's containers with new rows, and a request outlives them.
 */
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('service_request')
		.addColumn('id', 'integer', identity(db))
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('customer_id', 'integer', (c) => c.notNull())
		.addColumn('account_id', 'integer')
		.addColumn('session_kind', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('missed_collection')`))
		.addColumn('container_code', 'text', (c) => c.notNull())
		.addColumn('fraction', 'text', (c) => c.notNull())
		.addColumn('volume_litres', 'integer', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('collection_date', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull().check(sql`place in ('usual', 'kerb', 'other')`))
		.addColumn('place_note', 'text')
		.addColumn('contact_name', 'text', (c) => c.notNull())
		.addColumn('contact_phone', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.check(sql`state in ('submitted', 'received', 'scheduled', 'collected', 'rejected')`)
		)
		.addColumn('return_date', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// "Not twice for the same container and date", kept by the database whatever races.
	await db.schema
		.createIndex('service_request_missed_once')
		.on('service_request')
		.columns(['customer_id', 'container_code', 'collection_date'])
		.unique()
		.where(sql.ref('kind'), '=', 'missed_collection')
		.execute();
	await db.schema
		.createIndex('service_request_customer')
		.on('service_request')
		.columns(['customer_id', 'id'])
		.execute();
	await db.schema
		.createTable('service_request_event')
		.addColumn('id', 'integer', identity(db))
		.addColumn('request_id', 'integer', (c) =>
			c.notNull().references('service_request.id').onDelete('cascade')
		)
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('return_date', 'text')
		.addColumn('at', 'text', (c) => c.notNull())
		.addUniqueConstraint('service_request_event_once', ['request_id', 'state'])
		.execute();
	await db.schema
		.createTable('staff_token')
		.addColumn('id', 'integer', identity(db))
		.addColumn('name', 'text', (c) => c.notNull().unique())
		// SHA-256 of the token; the token itself is shown once, when it is made.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.addColumn('last_used_at', 'text')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('staff_token').execute();
	await db.schema.dropTable('service_request_event').execute();
	await db.schema.dropTable('service_request').execute();
}
