/** The customer data the billing system exports every night, and the record of each import. */
import { sql, type Kysely } from 'kysely';
import { clusteredByPrimaryKey, identity } from './dialect';

// Migrations see the database as it was when they were written, so they take Kysely<unknown>.
export async function up(db: Kysely<unknown>): Promise<void> {
	const id = identity(db);
	await db.schema
		.createTable('company')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('brand_name', 'text', (c) => c.notNull())
		.addColumn('legal_name', 'text', (c) => c.notNull())
		.addColumn('registration_number', 'text', (c) => c.notNull())
		.addColumn('vat_number', 'text')
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('phone', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('website', 'text')
		.addColumn('paper_invoice_fee_cents', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('bank_account')
		.addColumn('id', 'integer', id)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('bank_name', 'text', (c) => c.notNull())
		.addColumn('iban', 'text', (c) => c.notNull().unique())
		.addColumn('bic', 'text', (c) => c.notNull())
		.addColumn('internet_bank_url', 'text')
		.execute();

	await db.schema
		.createTable('customer')
		.addColumn('id', 'integer', id)
		.addColumn('contract_number', 'text', (c) => c.notNull().unique())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('private', 'legal')`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('personal_code_hash', 'text')
		.addColumn('registration_number', 'text')
		.addColumn('phone', 'text')
		.addColumn('email', 'text')
		.addColumn('invoice_delivery', 'text', (c) =>
			c.notNull().check(sql`invoice_delivery in ('paper', 'electronic')`)
		)
		.addColumn('e_invoice_agreement', 'text', (c) =>
			c.notNull().check(sql`e_invoice_agreement in ('none', 'received', 'active')`)
		)
		.addColumn('balance_cents', 'integer', (c) => c.notNull())
		.addColumn('balance_as_of', 'text', (c) => c.notNull())
		.addColumn('snapshot_hash', 'text', (c) => c.notNull())
		.addColumn('imported_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('customer_personal_code_hash')
		.on('customer')
		.column('personal_code_hash')
		.execute();
	await db.schema
		.createIndex('customer_registration_number')
		.on('customer')
		.column('registration_number')
		.execute();

	await db.schema
		.createTable('document')
		.addColumn('id', 'integer', id)
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invoice', 'calculation')`))
		.addColumn('number', 'text', (c) => c.notNull())
		.addColumn('issue_date', 'text', (c) => c.notNull())
		.addColumn('due_date', 'text', (c) => c.notNull())
		.addColumn('period_start', 'text', (c) => c.notNull())
		.addColumn('period_end', 'text', (c) => c.notNull())
		.addColumn('net_cents', 'integer', (c) => c.notNull())
		.addColumn('vat_cents', 'integer', (c) => c.notNull())
		.addColumn('total_cents', 'integer', (c) => c.notNull())
		.addColumn('payment_reference', 'text', (c) => c.notNull())
		.addUniqueConstraint('document_customer_number', ['customer_id', 'number'])
		.execute();
	await db.schema
		.createIndex('document_customer_issue')
		.on('document')
		.columns(['customer_id', 'issue_date'])
		.execute();

	await db.schema
		.createTable('document_line')
		.addColumn('id', 'integer', id)
		.addColumn('document_id', 'integer', (c) =>
			c.notNull().references('document.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('quantity_milli', 'integer', (c) => c.notNull())
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('unit_price_cents', 'integer', (c) => c.notNull())
		.addColumn('vat_rate', 'integer', (c) => c.notNull())
		.addColumn('net_cents', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('document_line_document')
		.on('document_line')
		.column('document_id')
		.execute();

	await db.schema
		.createTable('payment')
		.addColumn('id', 'integer', id)
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		.addColumn('document_id', 'integer', (c) => c.references('document.id').onDelete('cascade'))
		.addColumn('payment_date', 'text', (c) => c.notNull())
		.addColumn('amount_cents', 'integer', (c) => c.notNull())
		.addColumn('bank', 'text', (c) => c.notNull())
		.addColumn('reference', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('payment_customer').on('payment').column('customer_id').execute();
	await db.schema.createIndex('payment_document').on('payment').column('document_id').execute();

	await db.schema
		.createTable('container')
		.addColumn('id', 'integer', id)
		.addColumn('customer_id', 'integer', (c) =>
			c.notNull().references('customer.id').onDelete('cascade')
		)
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('fraction', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`fraction in ('mixed', 'paper', 'plastic_metal', 'glass', 'bio', 'packaging_bags')`
				)
		)
		.addColumn('volume_litres', 'integer', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('frequency', 'text', (c) => c.notNull())
		.addUniqueConstraint('container_customer_code', ['customer_id', 'code'])
		.execute();

	await clusteredByPrimaryKey(
		db,
		db.schema
			.createTable('collection_date')
			.addColumn('container_id', 'integer', (c) =>
				c.notNull().references('container.id').onDelete('cascade')
			)
			.addColumn('collection_date', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('collection_date_pk', ['container_id', 'collection_date'])
	).execute();

	await db.schema
		.createTable('import_run')
		.addColumn('id', 'integer', id)
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('finished_at', 'text')
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('running', 'succeeded', 'failed')`)
		)
		.addColumn('as_of', 'text')
		.addColumn('next_update', 'text')
		.addColumn('customers_added', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('customers_updated', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('customers_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_written', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('problem_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('problems', 'text')
		.execute();
	await db.schema
		.createIndex('import_run_status')
		.on('import_run')
		.columns(['status', 'id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'import_run',
		'collection_date',
		'container',
		'payment',
		'document_line',
		'document',
		'customer',
		'bank_account',
		'company'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
