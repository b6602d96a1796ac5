/**
 * Throttles kept in the database, so a restart does not reset them and every server process
 * sees the same counts. Two kinds share the table:
 * - failure throttles: each wrong guess under a key (address, contract, e-mail) makes the
 *   next attempt wait longer, so spreading guesses over many addresses does not help
 *   against one contract;
 * - quotas: at most N events (e-mails sent, say) per key in a window.
 */
import type { Db } from '../db';

/**
 * Guesses allowed before any delay; then 1 s, 2 s, 4 s, … up to MAX_DELAY_MS. An address is
 * allowed more than a contract or e-mail: a household or office shares one, and its
 * people mistype; one contract or e-mail has one owner.
 */
const FREE_FAILURES = { address: 20, target: 3 };
const MAX_DELAY_MS = 15 * 60 * 1000;
/** A key with no failure for this long starts again from zero. */
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

export function delayAfter(failures: number, key = 'target'): number {
	const free = key.startsWith('address:') ? FREE_FAILURES.address : FREE_FAILURES.target;
	if (failures <= free) return 0;
	return Math.min(1000 * 2 ** (failures - free - 1), MAX_DELAY_MS);
}

/** Milliseconds until any of the keys may be tried again; 0 when none is blocked. */
export async function waitFor(db: Db, keys: string[], now = new Date()): Promise<number> {
	const rows = await db
		.selectFrom('throttle')
		.select(['blocked_until'])
		.where('key', 'in', keys)
		.execute();
	const until = Math.max(
		0,
		...rows.map((row) => (row.blocked_until ? Date.parse(row.blocked_until) : 0))
	);
	return Math.max(0, until - now.getTime());
}

export async function recordFailure(db: Db, keys: string[], now = new Date()): Promise<void> {
	for (const key of keys) {
		const row = await db
			.selectFrom('throttle')
			.select(['count', 'window_started_at'])
			.where('key', '=', key)
			.executeTakeFirst();
		const fresh = !row || now.getTime() - Date.parse(row.window_started_at) > FAILURE_MEMORY_MS;
		const count = fresh ? 1 : row.count + 1;
		const delay = delayAfter(count, key);
		const values = {
			count,
			window_started_at: fresh ? now.toISOString() : row.window_started_at,
			blocked_until: delay > 0 ? new Date(now.getTime() + delay).toISOString() : null
		};
		await db
			.insertInto('throttle')
			.values({ key, ...values })
			.onConflict((oc) => oc.column('key').doUpdateSet(values))
			.execute();
	}
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
	await db.deleteFrom('throttle').where('key', 'in', keys).execute();
}

/** Takes one event from a key's quota; false when the quota for the window is used up. */
export async function takeQuota(
	db: Db,
	key: string,
	limit: number,
	windowMs: number,
	now = new Date()
): Promise<boolean> {
	const row = await db
		.selectFrom('throttle')
		.select(['count', 'window_started_at'])
		.where('key', '=', key)
		.executeTakeFirst();
	const fresh = !row || now.getTime() - Date.parse(row.window_started_at) >= windowMs;
	if (!fresh && row.count >= limit) return false;
	const values = {
		count: fresh ? 1 : row.count + 1,
		window_started_at: fresh ? now.toISOString() : row.window_started_at,
		blocked_until: null
	};
	await db
		.insertInto('throttle')
		.values({ key, ...values })
		.onConflict((oc) => oc.column('key').doUpdateSet(values))
		.execute();
	return true;
}
