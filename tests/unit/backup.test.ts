import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/lib/server/backup';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { IMPORT_LEASE } from '../../src/lib/server/import/index';
import { acquireLease } from '../../src/lib/server/lease';
import { loadCustomers } from './auth-helpers';
import { POSTGRES_URL, tempDir } from './helpers';

describe.skipIf(POSTGRES_URL)('an SQLite backup (issue 13.3)', () => {
	it('copies both files under names that open as one database again, with every row', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'klientiem.sqlite');
		const db = openDatabase(file);
		await migrateToLatest(db);
		await loadCustomers(db);
		await db
			.insertInto('throttle')
			.values({ key: 'kept', count: 1, window_started_at: '2026-12-01T10:00:00.000Z' })
			.execute();
		const folder = path.join(dir, 'backup');
		fs.mkdirSync(folder);
		const result = await backupSqlite(db, file, folder, new Date('2026-12-01T11:30:00Z'));
		expect(result).toEqual({
			files: [
				path.join(folder, 'klientiem-2026-12-01T113000.sqlite'),
				path.join(folder, 'klientiem-2026-12-01T113000-billing.sqlite')
			]
		});
		// The lease is given back: the next import may run.
		expect(await db.selectFrom('lease').selectAll().execute()).toEqual([]);
		const customers = await db.selectFrom('customer').select(['id', 'name']).execute();
		await db.destroy();

		const restored = openDatabase(path.join(folder, 'klientiem-2026-12-01T113000.sqlite'));
		expect(await restored.selectFrom('customer').select(['id', 'name']).execute()).toEqual(
			customers
		);
		expect(await restored.selectFrom('throttle').select('key').execute()).toEqual([
			{ key: 'kept' }
		]);
		await restored.destroy();
	});

	it('waits for no import: while one runs it copies nothing and says who holds the data', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'klientiem.sqlite');
		const db = openDatabase(file);
		await migrateToLatest(db);
		const importing = await acquireLease(db, IMPORT_LEASE.name, IMPORT_LEASE.ttlMs);
		expect('lease' in importing).toBe(true);
		const result = await backupSqlite(db, file, dir);
		expect(result).toMatchObject({ held: { holder: expect.stringContaining(':') } });
		expect(fs.readdirSync(dir).filter((name) => name.startsWith('klientiem-20'))).toEqual([]);
		await db.destroy();
	});
});
