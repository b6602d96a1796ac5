import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { runJobs } from '../../src/lib/server/jobs';
import { acquireLease, releaseLease } from '../../src/lib/server/lease';
import type { Db } from '../../src/lib/server/db/index';
import {
	header,
	KEY,
	memoryDb,
	POSTGRES_URL,
	privateCustomer,
	runImport,
	tempDir,
	writeJsonLines
} from './helpers';
import { importExport } from '../../src/lib/server/import/index';

/** The pid of a process that has ended: a holder killed with -9 leaves one like it. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
		encoding: 'utf8'
	});
	return Number(child.stdout.trim());
}

async function holdLease(db: Db, name: string, holder: string, now: Date, ttlMs = 3_600_000) {
	await db
		.insertInto('lease')
		.values({
			name,
			holder,
			acquired_at: now.toISOString(),
			expires_at: new Date(now.getTime() + ttlMs).toISOString()
		})
		.execute();
}

describe('leases (issue 13.4)', () => {
	it('an import whose process died is taken over at once, and its run marked interrupted', async () => {
		const db = await memoryDb();
		const now = new Date();
		await holdLease(db, 'import', `${os.hostname()}:${deadPid()}:killed`, now);
		const crashed = await db
			.insertInto('import_run')
			.values({ started_at: now.toISOString(), source: 'x.jsonl', status: 'running' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const file = writeJsonLines(tempDir(), [header(), privateCustomer('F-1')]);
		expect((await runImport(db, file)).status).toBe('succeeded');
		const old = await db
			.selectFrom('import_run')
			.select(['status', 'problems'])
			.where('id', '=', crashed.id)
			.executeTakeFirstOrThrow();
		expect(old.status).toBe('failed');
		expect(old.problems).toContain('interrupted');
		expect(await db.selectFrom('lease').select('name').execute()).toEqual([]);
	});

	it('a live holder, or one on another host, keeps its lease until it runs out', async () => {
		const db = await memoryDb();
		const now = new Date('2026-12-01T10:00:00Z');
		await holdLease(db, 'live', `${os.hostname()}:${process.pid}:other`, now);
		expect(await acquireLease(db, 'live', 60_000, now)).toMatchObject({ held: {} });
		await holdLease(db, 'far', `another-host:${deadPid()}:x`, now, 120_000);
		expect(await acquireLease(db, 'far', 60_000, new Date(now.getTime() + 60_000))).toMatchObject({
			held: { acquiredAt: now.toISOString() }
		});
		expect(await acquireLease(db, 'far', 60_000, new Date(now.getTime() + 120_001))).toMatchObject({
			lease: { name: 'far' }
		});
	});

	it('a concurrent import is refused with whose import runs since when, and is recorded', async () => {
		const db = await memoryDb();
		const since = new Date();
		await holdLease(db, 'import', `${os.hostname()}:${process.pid}:running`, since);
		const file = writeJsonLines(tempDir(), [header(), privateCustomer('F-1')]);
		const refused = await runImport(db, file);
		expect(refused.problems.map((p) => p.reason)).toEqual([
			`the import stopped: another import has been running since ${since.toISOString()} (${os.hostname()}:${process.pid}:running)`
		]);
		const run = await db
			.selectFrom('import_run')
			.select('status')
			.where('id', '=', refused.runId!)
			.executeTakeFirstOrThrow();
		expect(run.status).toBe('failed');
	});

	it('the scheduler’s pass follows the same rules: a dead holder does not stop the next pass', async () => {
		const db = await memoryDb();
		const now = new Date();
		await holdLease(db, 'jobs', `${os.hostname()}:${deadPid()}:killed`, now);
		expect(await runJobs({ db, now, origin: 'https://k.test' })).toMatchObject({
			documentNotices: 0,
			reminders: 0
		});
	});

	it('giving a lease back never throws, whatever the database does', async () => {
		const db = await memoryDb();
		const claim = await acquireLease(db, 'gone', 60_000);
		await db.destroy();
		if (!('lease' in claim)) throw new Error('not taken');
		await expect(releaseLease(db, claim.lease, [10, 10])).resolves.toBeUndefined();
	});

	it.skipIf(POSTGRES_URL)(
		'on SQLite, an import while another process holds the write lock fails cleanly and changes nothing',
		async () => {
			const file = path.join(tempDir(), 'locked.sqlite');
			const db = openDatabase(file);
			await migrateToLatest(db);
			const other = new Database(file);
			other.exec('begin immediate');
			try {
				const source = writeJsonLines(tempDir(), [header(), privateCustomer('F-1')]);
				const result = await importExport(db, source, { key: KEY });
				expect(result).toMatchObject({ runId: null, status: 'failed' });
				expect(result.problems.map((p) => p.reason)).toEqual([
					'the import stopped: another import (or process) is writing to the database'
				]);
			} finally {
				other.exec('rollback');
				other.close();
			}
			expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);
			await db.destroy();
		}
	);
});
