import { sql } from 'kysely';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loginWithContract } from '../../src/lib/server/auth/login';
import { requestContactChange } from '../../src/lib/server/customer-request';
import { billingFileOf } from '../../src/lib/server/config';
import { openDatabase, waitForDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { checkWrites } from '../../src/lib/server/health';
import { context, loadCustomers, PRIVATE } from './auth-helpers';
import { memoryDb, POSTGRES_URL, tempDir } from './helpers';

describe.skipIf(!POSTGRES_URL)('the PostgreSQL pool', () => {
	it('outlives connections the server ends, and the next query gets a new one', async () => {
		const db = await memoryDb();
		// Several idle connections in the pool, as a server has between requests.
		await Promise.all(Array.from({ length: 3 }, () => sql`select pg_sleep(0.05)`.execute(db)));
		const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
		const admin = openDatabase(POSTGRES_URL!, 1);
		try {
			// The pids first: in one query PostgreSQL may call the function before it filters.
			const pool = await sql<{ pid: number }>`
				select pid from pg_stat_activity where datname = ${rows[0]!.name}
			`.execute(admin);
			expect(pool.rows.length).toBeGreaterThanOrEqual(1);
			for (const { pid } of pool.rows)
				await sql`select pg_terminate_backend(${pid})`.execute(admin);
		} finally {
			await admin.destroy();
		}
		// The ended connections report their error while idle; the process carries on.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await checkWrites(db)).toEqual({ ok: true });
	});

	it('outlives a connection ended in the middle of a transaction: that transaction fails, nothing else', async () => {
		const db = await memoryDb();
		await sql`create table kept (n integer)`.execute(db);
		const admin = openDatabase(POSTGRES_URL!, 1);
		try {
			await expect(
				db.transaction().execute(async (trx) => {
					await sql`insert into kept values (1)`.execute(trx);
					const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
					await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin);
					// The ending arrives while no query of this connection is running.
					await new Promise((resolve) => setTimeout(resolve, 200));
					await sql`insert into kept values (2)`.execute(trx);
				})
			).rejects.toThrow();
		} finally {
			await admin.destroy();
		}
		expect(await checkWrites(db)).toEqual({ ok: true });
		const { rows } = await sql<{ count: string }>`select count(*) as count from kept`.execute(db);
		expect(Number(rows[0]!.count)).toBe(0);
	});
});

describe.skipIf(POSTGRES_URL)('an SQLite file shared by processes', () => {
	it('a transaction that read before another process wrote still writes; the other waits for it', async () => {
		const file = path.join(tempDir(), 'shared.sqlite');
		const db = openDatabase(file);
		try {
			await sql`create table kept (n integer)`.execute(db);
			let otherWrote = false;
			let other: Promise<void> | undefined;
			await db.transaction().execute(async (trx) => {
				await sql`select count(*) from kept`.execute(trx);
				// Another process's writer, as the import CLI or the jobs CLI would be: its own
				// thread and connection, so it can wait for the lock while this one goes on.
				other = new Promise<void>((resolve, reject) => {
					const worker = new Worker(
						`const Database = require('better-sqlite3');
						const { workerData, parentPort } = require('node:worker_threads');
						const db = new Database(workerData.file);
						db.pragma('busy_timeout = 5000');
						db.prepare('insert into kept values (2)').run();
						db.close();
						parentPort.postMessage('written');`,
						{ eval: true, workerData: { file } }
					);
					worker.on('message', () => {
						otherWrote = true;
						resolve();
					});
					worker.on('error', reject);
				});
				await new Promise((resolve) => setTimeout(resolve, 300));
				expect(otherWrote, 'the other writer waits while this transaction is open').toBe(false);
				await sql`insert into kept values (1)`.execute(trx);
			});
			await other;
			const { rows } = await sql<{ n: number }>`select n from kept order by n`.execute(db);
			expect(rows.map((row) => row.n)).toEqual([1, 2]);
		} finally {
			await db.destroy();
		}
	});
});

describe.skipIf(POSTGRES_URL)('the billing data in a file of its own (issue 13.3)', () => {
	it('while the import holds its write lock, sign-ins, requests, health and reads go on without waiting', async () => {
		const file = path.join(tempDir(), 'klientiem.sqlite');
		const db = openDatabase(file);
		await migrateToLatest(db);
		await loadCustomers(db);
		// The import's long transaction, as its own connection to the billing file holds it.
		const importing = new Database(billingFileOf(file));
		importing.exec('begin immediate');
		importing.exec("update customer set name = 'Not yet imported'");
		try {
			const ctx = context(db);
			const signedIn = await loginWithContract(ctx, PRIVATE.contract, PRIVATE.code);
			expect(signedIn.ok).toBe(true);
			// A wrong code writes its throttle.
			expect(await loginWithContract(ctx, PRIVATE.contract, '010101-10006')).toEqual({
				ok: false,
				reason: 'failed'
			});
			const customer = await db
				.selectFrom('customer')
				.select(['id', 'name'])
				.where('contract_number', '=', PRIVATE.contract)
				.executeTakeFirstOrThrow();
			// The data as it was before the import, until the import commits.
			expect(customer.name).not.toBe('Not yet imported');
			expect(
				await requestContactChange(
					db,
					{ customerId: customer.id, accountId: null, sessionKind: 'contract', locale: 'lv' },
					{ phone: '+37120000000', email: null }
				)
			).toBe('requested');
			expect(await checkWrites(db)).toEqual({ ok: true });
		} finally {
			importing.exec('commit');
			importing.close();
		}
		const after = await db
			.selectFrom('customer')
			.select('name')
			.where('contract_number', '=', PRIVATE.contract)
			.executeTakeFirstOrThrow();
		expect(after.name).toBe('Not yet imported');
		await db.destroy();
	});
});

describe.skipIf(!POSTGRES_URL)('starting on a database that is not there yet (issue 13.13)', () => {
	it('tries again with a growing wait, logging each attempt, until the database answers', async () => {
		const admin = await memoryDb();
		const name = `klientiem_late_${process.pid}`;
		const url = new URL(POSTGRES_URL!);
		url.pathname = `/${name}`;
		const db = openDatabase(url.toString(), 1);
		const log: string[] = [];
		const started = Date.now();
		try {
			const waiting = waitForDatabase(db, (line) => log.push(line));
			// The database appears after the first two attempts (at 0 s and 1 s).
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await sql`create database ${sql.id(name)}`.execute(admin);
			await waiting;
		} finally {
			await db.destroy();
			await sql`drop database if exists ${sql.id(name)}`.execute(admin);
		}
		expect(log.slice(0, 2)).toEqual([
			expect.stringMatching(/^database not reached \(attempt 1: .*\); trying again in 1 s$/),
			expect.stringMatching(/^database not reached \(attempt 2: .*\); trying again in 2 s$/)
		]);
		expect(log.at(-1)).toBe('database reached on attempt 3');
		expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
	});
});
