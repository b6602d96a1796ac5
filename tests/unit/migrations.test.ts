import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../migrations/index';
import type { Db } from '../../src/lib/server/db/index';
import {
	emptyDb,
	header,
	memoryDb,
	POSTGRES_URL,
	privateCustomer,
	runImport,
	tempDir,
	writeJsonLines
} from './helpers';

/** The billing tables migration 20261201T1200 moved to their own file on SQLite. */
const MOVED_TABLES = [
	'bank_account',
	'collection_date',
	'company',
	'container',
	'customer',
	'document',
	'document_line',
	'payment'
];
/** The billing system's data: on SQLite in a file of its own, attached as `billing`. */
const BILLING_TABLES = [...MOVED_TABLES, 'collection_detail', 'notice', 'service_offer'].sort();

/** The portal's own. */
const PORTAL_TABLES = [
	'account',
	'account_customer',
	'audit_event',
	'calendar_feed',
	'collection_reminder',
	'customer_request',
	'email_token',
	'health_probe',
	'import_run',
	'lease',
	'outbox',
	'registration',
	'service_request',
	'service_request_event',
	'session',
	'staff_invitation',
	'staff_notice',
	'staff_recovery_code',
	'staff_session',
	'staff_token',
	'staff_user',
	'throttle',
	'trusted_device'
];

/** The tables of each file on SQLite, all of them on PostgreSQL. */
async function tablesOf(db: Db): Promise<{ main: string[]; billing: string[] }> {
	const main = (await db.introspection.getTables())
		.map((t) => t.name)
		// Not the schema's: SQLite's connection makes it (src/lib/server/db/index.ts).
		.filter((name) => name !== 'write_lock')
		.sort();
	if (POSTGRES_URL) return { main, billing: [] };
	const { rows } = await sql<{
		name: string;
	}>`select name from billing.sqlite_master where type = 'table' and name != 'sqlite_sequence' order by name`.execute(
		db
	);
	return { main, billing: rows.map((row) => row.name) };
}

/**
 * Billing rows in the billing tables' first schema (unchanged until 20261201T1300), written by
 * hand: the importer writes the latest schema, whose columns an older one lacks.
 */
async function seedFirstBillingSchema(db: Db): Promise<void> {
	const at = '2026-11-23T10:00:00.000Z';
	for (const statement of [
		sql`insert into company (id, brand_name, legal_name, registration_number, vat_number, address, phone, email, website, paper_invoice_fee_cents, updated_at)
			values (1, 'Vidzemes Vide', 'SIA “Vidzemes Vide”', '40003521600', null, 'Rūpniecības iela 12, Valmiera', '+371 64200100', 'klienti@vv.example', null, 150, ${at})`,
		sql`insert into bank_account (position, bank_name, iban, bic, internet_bank_url) values (0, 'Swedbank', 'LV33HABA0551000000000', 'HABALV22', null)`,
		sql`insert into customer (contract_number, kind, name, personal_code_hash, registration_number, phone, email, invoice_delivery, e_invoice_agreement, balance_cents, balance_as_of, snapshot_hash, imported_at)
			values ('F-1', 'private', 'Jānis Bērziņš', 'hash', null, null, null, 'paper', 'none', 0, '2026-11-23', 'h1', ${at}),
			       ('J-1', 'legal', 'SIA “Gaujas maiznīca”', null, '40003521600', null, null, 'electronic', 'active', 1200, '2026-11-23', 'h2', ${at})`,
		sql`insert into document (customer_id, kind, number, issue_date, due_date, period_start, period_end, net_cents, vat_cents, total_cents, payment_reference)
			select id, 'invoice', 'R-1', '2026-11-01', '2026-11-20', '2026-10-01', '2026-10-31', 1000, 210, 1210, 'R-1' from customer where contract_number = 'J-1'`,
		sql`insert into document_line (document_id, position, description, quantity_milli, unit, unit_price_cents, vat_rate, net_cents)
			select id, 0, 'Sadzīves atkritumi', 4000, 'reizes', 250, 21, 1000 from document`,
		sql`insert into payment (customer_id, document_id, payment_date, amount_cents, bank, reference)
			select customer_id, id, '2026-11-10', 10, 'Swedbank', 'R-1' from document`,
		sql`insert into container (customer_id, code, address, fraction, volume_litres, count, frequency)
			select id, 'K1', 'Rīgas iela 1, Valmiera', 'mixed', 240, 1, '1 reizi 2 nedēļās' from customer`,
		sql`insert into collection_date (container_id, collection_date)
			select id, '2026-12-03' from container union all select id, '2026-12-17' from container`
	])
		await statement.execute(db);
}

describe('migrations', () => {
	it('bring an empty database to the latest schema, and a second run changes nothing', async () => {
		const db = await emptyDb();
		const first = await migrateToLatest(db);
		expect(first.results?.map((r) => r.status)).toEqual(
			Object.keys(migrations).map(() => 'Success')
		);
		expect(await tablesOf(db)).toEqual(
			POSTGRES_URL
				? { main: [...BILLING_TABLES, ...PORTAL_TABLES].sort(), billing: [] }
				: { main: PORTAL_TABLES, billing: BILLING_TABLES }
		);
		const second = await migrateToLatest(db);
		expect(second.results).toEqual([]);
	});

	it('carry a pending registration of the old kind over, and drop the accounts a takeover left', async () => {
		const db = await emptyDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		expect((await migrator.migrateTo('20261123T2100_leases')).error).toBeUndefined();
		await seedFirstBillingSchema(db);
		const customers = await db.selectFrom('customer').select('id').orderBy('id').execute();
		const at = '2026-11-30T10:00:00.000Z';
		for (const [email, links] of [
			['one@example.lv', [customers[0]!.id]],
			['two@example.lv', [customers[0]!.id, customers[1]!.id]]
		] as const) {
			const { id } = await db
				.insertInto('account')
				.values({ email, password_hash: `hash-${email}`, locale: 'en', created_at: at })
				.returning('id')
				.executeTakeFirstOrThrow();
			for (const customerId of links)
				await db
					.insertInto('account_customer')
					.values({ account_id: id, customer_id: customerId, linked_at: at })
					.execute();
			await db
				.insertInto('email_token')
				// The old schema's purpose, which the new types no longer name.
				.values({
					id: `token-${email}`,
					account_id: id,
					purpose: 'confirm' as 'reset',
					created_at: at,
					expires_at: '2026-12-01T10:00:00.000Z'
				})
				.execute();
		}
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(await db.selectFrom('registration').selectAll().execute()).toEqual([
			{
				id: 'token-one@example.lv',
				email: 'one@example.lv',
				password_hash: 'hash-one@example.lv',
				customer_id: customers[0]!.id,
				locale: 'en',
				created_at: at,
				expires_at: '2026-12-01T10:00:00.000Z',
				used_at: null
			}
		]);
		expect(await db.selectFrom('account').select('email').execute()).toEqual([]);
		expect(await db.selectFrom('email_token').select('id').execute()).toEqual([]);
	});

	it('widen the requests for orders, keeping every report, its events and their foreign key (issue 17)', async () => {
		const db = await emptyDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		expect((await migrator.migrateTo('20261202T0100_service_requests')).error).toBeUndefined();
		const at = '2026-12-01T10:00:00.000Z';
		const report = {
			reference: 'KL-7Q2M4XH',
			customer_id: 1,
			account_id: null,
			session_kind: 'contract' as const,
			kind: 'missed_collection' as const,
			container_code: 'K1',
			fraction: 'mixed' as const,
			volume_litres: 240,
			address: 'Rīgas iela 1, Valmiera',
			collection_date: '2026-11-30',
			place: 'usual' as const,
			place_note: null,
			contact_name: 'Līga Ozoliņa',
			contact_phone: null,
			contact_email: 'liga@example.lv',
			locale: 'lv',
			state: 'submitted' as const,
			return_date: null,
			created_at: at,
			updated_at: at
		};
		const { id } = await db
			.insertInto('service_request')
			.values(report)
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('service_request_event')
			.values({ request_id: id, state: 'submitted', note: null, return_date: null, at })
			.execute();
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(await db.selectFrom('service_request').selectAll().execute()).toEqual([
			expect.objectContaining({ ...report, id, new_date: null, price_cents: null })
		]);
		expect(await db.selectFrom('service_request_event').select('request_id').execute()).toEqual([
			{ request_id: id }
		]);
		// A container to be added has no code, and an order no put-out place.
		const added = await db
			.insertInto('service_request')
			.values({
				...report,
				reference: 'KL-8Q2M4XH',
				kind: 'container_change',
				container_change: 'add',
				container_code: null,
				place: null,
				collection_date: '2027-01-01'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(added.id).toBeGreaterThan(id);
		// The events still go with their request.
		await db.deleteFrom('service_request').where('id', '=', id).execute();
		expect(await db.selectFrom('service_request_event').select('id').execute()).toEqual([]);
	});

	it('can be rolled back to an empty database', async () => {
		const db = await memoryDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		const { error } = await migrator.migrateTo(NO_MIGRATIONS);
		expect(error).toBeUndefined();
		expect(await tablesOf(db)).toEqual({ main: [], billing: [] });
	});

	it.skipIf(POSTGRES_URL)(
		'on SQLite, move the billing data to its own file with every row, index and id kept, and the portal’s rows with it (issue 13.3)',
		async () => {
			const db = await emptyDb();
			{
				const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
				expect((await migrator.migrateTo('20261201T1100_trusted_devices')).error).toBeUndefined();
				await seedFirstBillingSchema(db);
				const counted = async () =>
					Object.fromEntries(
						await Promise.all(
							MOVED_TABLES.map(async (table) => {
								const { rows } = await sql<{
									n: number;
								}>`select count(*) as n from ${sql.table(table)}`.execute(db);
								return [table, rows[0]!.n] as const;
							})
						)
					);
				const before = await counted();
				expect(before.customer).toBeGreaterThan(0);
				expect(before.collection_date).toBeGreaterThan(0);
				const customer = await db
					.selectFrom('customer')
					.select('id')
					.orderBy('id')
					.executeTakeFirstOrThrow();
				const at = '2026-12-01T10:00:00.000Z';
				await db
					.insertInto('session')
					.values({
						id: 'kept',
						customer_id: customer.id,
						kind: 'contract',
						created_at: at,
						last_used_at: at,
						expires_at: at
					})
					.execute();
				const highest = await db
					.selectFrom('customer')
					.select((eb) => eb.fn.max('id').as('id'))
					.executeTakeFirstOrThrow();
				expect((await migrator.migrateToLatest()).error).toBeUndefined();

				expect(await counted()).toEqual(before);
				expect(await tablesOf(db)).toEqual({
					main: PORTAL_TABLES,
					billing: BILLING_TABLES
				});
				const { rows: indexes } = await sql<{
					name: string;
				}>`select name from billing.sqlite_master where type = 'index' and sql is not null order by name`.execute(
					db
				);
				expect(indexes.map((row) => row.name)).toContain('customer_personal_code_hash');
				// The session still names its customer, and nothing points across files.
				expect(await db.selectFrom('session').select(['id', 'customer_id']).execute()).toEqual([
					{ id: 'kept', customer_id: customer.id }
				]);
				const { rows: keys } = await sql<{
					table: string;
				}>`select p."table" from main.sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table'`.execute(
					db
				);
				// Keys within the portal's file (to account, to a request) stay.
				expect(
					keys.map((key) => key.table).filter((table) => !PORTAL_TABLES.includes(table))
				).toEqual([]);
				// AUTOINCREMENT goes on from where it was: an id once used is not given again.
				await db.deleteFrom('customer').where('id', '=', highest.id!).execute();
				const result = await runImport(
					db,
					writeJsonLines(tempDir(), [header(), privateCustomer('NEW-1')])
				);
				expect(result.status).toBe('succeeded');
				const added = await db
					.selectFrom('customer')
					.select('id')
					.where('contract_number', '=', 'NEW-1')
					.executeTakeFirstOrThrow();
				expect(added.id).toBeGreaterThan(highest.id!);
			}
		}
	);
});
