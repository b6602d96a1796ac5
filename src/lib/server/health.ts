/** What /healthz reports: whether the database answers. */
import { sql } from 'kysely';
import type { Db } from './db';

export async function checkDatabase(db: Db): Promise<boolean> {
	try {
		const result = await sql<{ ok: number }>`select 1 as ok`.execute(db);
		return result.rows[0]?.ok === 1;
	} catch {
		return false;
	}
}
