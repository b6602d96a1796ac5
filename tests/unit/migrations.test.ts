import { Migrator, NO_MIGRATIONS } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../migrations/index';
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
	'import_run',
	'lease',
	'outbox',
	'payment',
	'session',
	'throttle'
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

	it('can be rolled back to an empty database', async () => {
		const db = await memoryDb();
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		const { error } = await migrator.migrateTo(NO_MIGRATIONS);
		expect(error).toBeUndefined();
		expect(await db.introspection.getTables()).toEqual([]);
	});
});
