/**
 * Rows that can never be used again, deleted in each scheduler pass: ended sessions, devices
 * no longer trusted, registrations and e-mail links past use, and throttles that have been
 * forgotten. A session is otherwise deleted only when its cookie comes back after it ended,
 * and most never come back.
 */
import type { Db } from './db';
import { IDLE_TIMEOUT_MS } from './auth/session';
import { STAFF_IDLE_TIMEOUT_MS } from './staff/session';

/** A throttle key with no failure for this long starts from zero anyway (throttle.ts). */
const THROTTLE_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Used and expired links stay a week, for the audit of a customer's "the link did not work". */
const LINKS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export interface Purged {
	sessions: number;
	staffSessions: number;
	trustedDevices: number;
	registrations: number;
	emailTokens: number;
	throttles: number;
}

export async function purgeExpired(db: Db, now = new Date()): Promise<Purged> {
	const at = now.toISOString();
	const idleSince = new Date(now.getTime() - IDLE_TIMEOUT_MS).toISOString();
	const linksBefore = new Date(now.getTime() - LINKS_KEPT_MS).toISOString();
	const throttlesBefore = new Date(now.getTime() - THROTTLE_MEMORY_MS).toISOString();
	const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
	return {
		sessions: count(
			await db
				.deleteFrom('session')
				.where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_used_at', '<=', idleSince)]))
				.executeTakeFirst()
		),
		staffSessions: count(
			await db
				.deleteFrom('staff_session')
				.where((eb) =>
					eb.or([
						eb('expires_at', '<=', at),
						eb('last_used_at', '<=', new Date(now.getTime() - STAFF_IDLE_TIMEOUT_MS).toISOString())
					])
				)
				.executeTakeFirst()
		),
		trustedDevices: count(
			await db.deleteFrom('trusted_device').where('expires_at', '<=', at).executeTakeFirst()
		),
		registrations: count(
			await db.deleteFrom('registration').where('expires_at', '<=', linksBefore).executeTakeFirst()
		),
		emailTokens: count(
			await db.deleteFrom('email_token').where('expires_at', '<=', linksBefore).executeTakeFirst()
		),
		throttles: count(
			await db
				.deleteFrom('throttle')
				.where('window_started_at', '<=', throttlesBefore)
				.where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', at)]))
				.executeTakeFirst()
		)
	};
}
