/**
 * What a B2B invoice names of its buyer besides the registration number: the VAT number and
 * the legal address, which can differ from every service address (issue 14).
 * On SQLite `customer` is in the billing file; an unqualified name finds it there.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('customer').addColumn('vat_number', 'text').execute();
	await db.schema.alterTable('customer').addColumn('legal_address', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('customer').dropColumn('legal_address').execute();
	await db.schema.alterTable('customer').dropColumn('vat_number').execute();
}
