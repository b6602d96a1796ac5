import { Migrator, NO_MIGRATIONS } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../migrations/index';
import { loadCustomers } from './auth-helpers';
import { emptyDb, memoryDb } from './helpers';

const TABLES = [
	'account',
	'account_customer',
	'audit_event',
	'bank_account',
	'calendar_feed',
	'collection_date',
	'collection_reminder',
	'company',
	'container',
	'customer',
	'customer_request',
	'document',
	'document_line',
	'email_token',
	'health_probe',
	'import_run',
	'lease',
	'outbox',
	'payment',
	'registration',
	'session',
	'throttle',
	'trusted_device'
];

describe('migrations', () => {
	it('bring an empty database to the latest schema, and a second run changes nothing', async () => {
		const db = await emptyDb();
		const first = await migrateToLatest(db);
		expect(first.results?.map((r) => r.status)).toEqual(
			Object.keys(migrations).map(() => 'Success')
		);
		const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
		expect(tables).toEqual(TABLES);
		const second = await migrateToLatest(db);
		expect(second.results).toEqual([]);
	});

	it('carry a pending registration of the old kind over, and drop the accounts a takeover left', async () => {
		const db = await emptyDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		expect((await migrator.migrateTo('20261123T2100_leases')).error).toBeUndefined();
		await loadCustomers(db);
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

	it('can be rolled back to an empty database', async () => {
		const db = await memoryDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		const { error } = await migrator.migrateTo(NO_MIGRATIONS);
		expect(error).toBeUndefined();
		expect(await db.introspection.getTables()).toEqual([]);
	});
});
