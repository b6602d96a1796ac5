/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
 * that signed in to a contract or e-mail before is trusted for it, and is throttled on its
 * own, so an attacker who keeps that contract throttled does not keep its owner out.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('trusted_device')
		// SHA-256 of the token in the browser's device cookie.
		.addColumn('token_hash', 'text', (c) => c.notNull())
		// The throttle key it is trusted for: contract:… or email:…
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('trusted_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('trusted_device_pk', ['token_hash', 'target'])
		.execute();
	await db.schema
		.createIndex('trusted_device_expiry')
		.on('trusted_device')
		.column('expires_at')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('trusted_device').execute();
}
