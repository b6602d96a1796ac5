/**
 * A backup of an SQLite database: its two files (the portal's own and the billing data, see
 * migrations/20261201T1200_billing_file.ts), copied by VACUUM INTO while the portal runs.
 *
 * The two belong together: the portal's rows name customers by id, and a billing file from
 * another moment may lack a customer or give its id to another one. So the copy is taken
 * under the import's lease, when no import can change the billing data between the two.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { billingFileOf } from './config';
import type { Db } from './db';
import { IMPORT_LEASE } from './import';
import { acquireLease, keepLease, releaseLease, type LeaseHeld } from './lease';

/**
 * Writes `<name>-<time><ext>` and its billing file beside it into `folder`, named as the
 * portal expects them side by side, so a restore copies both back under the live names.
 */
export async function backupSqlite(
	db: Db,
	file: string,
	folder: string,
	now = new Date()
): Promise<{ files: string[] } | { held: LeaseHeld }> {
	const { name, ext } = path.parse(file);
	const stamp = now.toISOString().slice(0, 19).replaceAll(':', '');
	const copy = path.resolve(folder, `${name}-${stamp}${ext}`);
	const claim = await acquireLease(db, IMPORT_LEASE.name, IMPORT_LEASE.ttlMs, now);
	if ('held' in claim) return claim;
	const stopRenewing = keepLease(db, claim.lease, IMPORT_LEASE.ttlMs);
	try {
		await sql`vacuum main into ${copy}`.execute(db);
		await sql`vacuum billing into ${billingFileOf(copy)}`.execute(db);
		return { files: [copy, billingFileOf(copy)] };
	} finally {
		stopRenewing();
		await releaseLease(db, claim.lease);
	}
}
