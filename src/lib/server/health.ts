/**
 * What /healthz reports: whether the database takes writes. A database that answers reads
 * but refuses every write (a full disk, a read-only replica or a demoted primary, no free
 * connection) fails every sign-in, so a load balancer must take that process out.
 */
import type { Db } from './db';

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

// PostgreSQL's SQLSTATE codes (Appendix A of its manual) and SQLite's result codes.
const REASONS: [RegExp, string][] = [
	[/^(SQLITE_FULL|53100)$/, 'disk full'],
	[/^(SQLITE_READONLY.*|25006)$/, 'read-only'],
	[/^(53300|53400)$/, 'too many connections'],
	[/^(SQLITE_BUSY.*|55P03)$/, 'locked'],
	[/^(57014)$/, 'statement timeout'],
	[/^(57P01|57P02|57P03|ECONNREFUSED|ECONNRESET|ENOTFOUND)$/, 'unreachable']
];

/** The reason a database error gives, in an operator's words. */
export function describeDatabaseError(error: unknown): string {
	const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
	const found = REASONS.find(([pattern]) => typeof code === 'string' && pattern.test(code));
	if (found) return found[1];
	// node-pg's own wording: its client-side query timeout, and a connection not had in time.
	if (error instanceof Error && /query read timeout/i.test(error.message))
		return 'statement timeout';
	if (error instanceof Error && /timeout/i.test(error.message)) return 'no connection in time';
	return 'failing';
}

/** Writes the probe row: the same path a sign-in's session takes. */
export async function checkWrites(db: Db, now = new Date()): Promise<DatabaseHealth> {
	try {
		await db
			.insertInto('health_probe')
			.values({ id: 1, checked_at: now.toISOString() })
			.onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: now.toISOString() }))
			.execute();
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: describeDatabaseError(error) };
	}
}

const FRESH_MS = 2000;

/**
 * The database's health as of at most two seconds ago: a load balancer or a benchmark asking
 * many times a second shares one probe, so health checks add no write load of their own.
 */
export function healthMonitor(db: Db): () => Promise<DatabaseHealth> {
	let last: { at: number; result: Promise<DatabaseHealth> } | null = null;
	return () => {
		const now = Date.now();
		if (!last || now - last.at >= FRESH_MS) last = { at: now, result: checkWrites(db) };
		return last.result;
	};
}
