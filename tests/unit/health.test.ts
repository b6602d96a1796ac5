import { sql } from 'kysely';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { checkWrites, describeDatabaseError } from '../../src/lib/server/health';
import { memoryDb, POSTGRES_URL, tempDir } from './helpers';

describe('health (issue 13.9)', () => {
	it('is ok while writes work', async () => {
		expect(await checkWrites(await memoryDb())).toEqual({ ok: true });
	});

	describe.skipIf(POSTGRES_URL)('on SQLite', () => {
		it('reports a file that refuses writes as read-only, though reads still work', async () => {
			const db = openDatabase(path.join(tempDir(), 'health.sqlite'));
			try {
				await migrateToLatest(db);
				await sql`pragma query_only = 1`.execute(db);
				expect((await sql`select 1 as ok`.execute(db)).rows).toEqual([{ ok: 1 }]);
				expect(await checkWrites(db)).toEqual({ ok: false, reason: 'read-only' });
			} finally {
				await db.destroy();
			}
		});

		it('reports a full disk by SQLite’s own error', async () => {
			const db = openDatabase(path.join(tempDir(), 'full.sqlite'));
			try {
				await sql`create table filler (data blob)`.execute(db);
				const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
				// The file may not grow: SQLite answers as on a full disk.
				await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db);
				const full = await sql`insert into filler values (randomblob(100000))`
					.execute(db)
					.catch((error: unknown) => error);
				expect(describeDatabaseError(full)).toBe('disk full');
			} finally {
				await db.destroy();
			}
		});
	});

	describe.skipIf(!POSTGRES_URL)('on PostgreSQL', () => {
		it('reports a read-only database (a replica, a demoted primary) that still answers reads', async () => {
			const db = await memoryDb();
			const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
			await sql
				.raw(`alter database "${rows[0]!.name}" set default_transaction_read_only = on`)
				.execute(db);
			// The setting holds for new connections: a fresh pool on the same database.
			const url = new URL(POSTGRES_URL!);
			url.pathname = `/${rows[0]!.name}`;
			const replica = openDatabase(url.toString(), 1);
			try {
				expect((await sql`select 1 as ok`.execute(replica)).rows).toEqual([{ ok: 1 }]);
				expect(await checkWrites(replica)).toEqual({ ok: false, reason: 'read-only' });
			} finally {
				await replica.destroy();
				await sql
					.raw(`alter database "${rows[0]!.name}" set default_transaction_read_only = off`)
					.execute(db);
			}
		});
	});
});
