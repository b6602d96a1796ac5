/**
 * A registration waits in its own row until its link is opened; only then is an account made,
 * with that registration's password and contract. Before, an unconfirmed account took the
 * latest registration's password, so a second registrant of the same e-mail could take over
 * the first one's contract once the mailbox owner opened the newest link (issue 13.1).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('registration')
		// SHA-256 of the token in the link.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema.createIndex('registration_email').on('registration').column('email').execute();
	// The pending registrations of the old kind, an unconfirmed account with one contract and
	// its unused link, carry on as registrations; an unconfirmed account with more than one
	// contract is what the takeover left behind, and is dropped with its links.
	await sql`
		insert into registration (id, email, password_hash, customer_id, locale, created_at, expires_at)
		select t.id, a.email, a.password_hash, min(ac.customer_id), a.locale, t.created_at, t.expires_at
		from email_token t
		join account a on a.id = t.account_id
		join account_customer ac on ac.account_id = a.id
		where t.purpose = 'confirm' and t.used_at is null and a.email_confirmed_at is null
		group by t.id, a.email, a.password_hash, a.locale, t.created_at, t.expires_at
		having count(*) = 1
	`.execute(db);
	await sql`delete from account where email_confirmed_at is null`.execute(db);
	await sql`delete from email_token where purpose = 'confirm'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('registration').execute();
}
