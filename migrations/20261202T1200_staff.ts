/**
 * Issue 18: the company's staff, apart from customers — their accounts (a password and a
 * TOTP key, the key encrypted), ten one-use recovery codes each (hashed), their sessions and
 * the invitation links that open an account. The audit log says which staff member acted,
 * and a service request carries a version, so two clerks cannot overwrite each other. An
 * e-invoice request keeps the agreement's two marks staff set (signed copies received, active
 * from a day), with a version of its own.
 */
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('staff_user')
		.addColumn('id', 'integer', identity(db))
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'clerk')`))
		// Null until the invitation is taken up.
		.addColumn('password_hash', 'text')
		// AES-256-GCM under a key derived from the portal's secret; null until set up.
		.addColumn('totp_key', 'text')
		// The last time step a code was accepted for: a code works once.
		.addColumn('totp_last_step', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('disabled_at', 'text')
		.execute();

	await db.schema
		.createTable('staff_recovery_code')
		.addColumn('id', 'integer', identity(db))
		.addColumn('staff_id', 'integer', (c) =>
			c.notNull().references('staff_user.id').onDelete('cascade')
		)
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema
		.createIndex('staff_recovery_code_staff')
		.on('staff_recovery_code')
		.column('staff_id')
		.execute();

	await db.schema
		.createTable('staff_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('staff_id', 'integer', (c) =>
			c.notNull().references('staff_user.id').onDelete('cascade')
		)
		.addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('staff_session_staff')
		.on('staff_session')
		.column('staff_id')
		.execute();

	await db.schema
		.createTable('staff_invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('staff_id', 'integer', (c) =>
			c.notNull().references('staff_user.id').onDelete('cascade')
		)
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema.alterTable('audit_event').addColumn('staff_id', 'integer').execute();
	// A customer session a staff member opened to see the portal as the customer does: view-only.
	// No foreign key, so it can be dropped again on SQLite; disabling the member deletes them.
	await db.schema.alterTable('session').addColumn('staff_id', 'integer').execute();
	await db.schema
		.alterTable('service_request')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('customer_request')
		.addColumn('agreement_received_at', 'text')
		.execute();
	await db.schema.alterTable('customer_request').addColumn('active_from', 'text').execute();
	await db.schema
		.alterTable('customer_request')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const column of ['version', 'active_from', 'agreement_received_at'])
		await db.schema.alterTable('customer_request').dropColumn(column).execute();
	await db.schema.alterTable('service_request').dropColumn('version').execute();
	await db.schema.alterTable('session').dropColumn('staff_id').execute();
	await db.schema.alterTable('audit_event').dropColumn('staff_id').execute();
	for (const table of ['staff_invitation', 'staff_session', 'staff_recovery_code', 'staff_user'])
		await db.schema.dropTable(table).execute();
}
