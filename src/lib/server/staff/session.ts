/**
 * Staff sessions: as customers' (auth/session.ts: a random token in the cookie, its SHA-256
 * in the database), but shorter — 15 minutes idle, 8 hours in all — under their own cookie,
 * sent only to /staff, so a staff session never reaches a customer page nor the other way
 * round. A session is half-open after the password and opens fully with the second factor.
 */
import type { Cookies } from '@sveltejs/kit';
import { cookieAttributes } from '../cookies';
import type { Db } from '../db';
import type { StaffRole } from '../db/schema';
import { generateSecretToken, hashToken, isSecretToken } from '../auth/session';

export const STAFF_COOKIE = 'staff_session';
export const STAFF_PATH = '/staff';
export const STAFF_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
export const STAFF_LIFETIME_MS = 8 * 60 * 60 * 1000;
// As for customers: not a write on every page, but the idle clock is kept to the half minute.
const TOUCH_AFTER_MS = 30 * 1000;

export interface StaffUser {
	id: number;
	email: string;
	role: StaffRole;
	sessionId: string;
	expiresAt: Date;
	/** The second factor was given in this session. */
	twoFactorVerified: boolean;
	/** An authenticator app is set up (not yet after the invitation or a reset). */
	hasTwoFactor: boolean;
}

/** Whether a path is the staff console's: its own cookie, its own sign-in. */
export const isStaffPath = (pathname: string) =>
	pathname === STAFF_PATH || pathname.startsWith(`${STAFF_PATH}/`);

/** A new session, half-open until the second factor; its token for the cookie. */
export async function createStaffSession(
	db: Db,
	staffId: number,
	now: Date
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateSecretToken();
	const expiresAt = new Date(now.getTime() + STAFF_LIFETIME_MS);
	await db
		.insertInto('staff_session')
		.values({
			id: hashToken(token),
			staff_id: staffId,
			two_factor_verified: 0,
			created_at: now.toISOString(),
			last_used_at: now.toISOString(),
			expires_at: expiresAt.toISOString()
		})
		.execute();
	return { token, expiresAt };
}

/** The staff member of a cookie's token; null when unknown, idle, expired or disabled. */
export async function validateStaffSession(
	db: Db,
	token: string,
	now: Date
): Promise<StaffUser | null> {
	if (!isSecretToken(token)) return null;
	const row = await db
		.selectFrom('staff_session')
		.innerJoin('staff_user', 'staff_user.id', 'staff_session.staff_id')
		.select([
			'staff_session.id',
			'staff_session.two_factor_verified',
			'staff_session.last_used_at',
			'staff_session.expires_at',
			'staff_user.id as staff_id',
			'staff_user.email',
			'staff_user.role',
			'staff_user.totp_key',
			'staff_user.disabled_at'
		])
		.where('staff_session.id', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return null;
	const lastUsed = Date.parse(row.last_used_at);
	if (
		row.disabled_at !== null ||
		now.getTime() >= Date.parse(row.expires_at) ||
		now.getTime() - lastUsed >= STAFF_IDLE_TIMEOUT_MS
	) {
		await endStaffSession(db, row.id);
		return null;
	}
	if (now.getTime() - lastUsed >= TOUCH_AFTER_MS)
		await db
			.updateTable('staff_session')
			.set({ last_used_at: now.toISOString() })
			.where('id', '=', row.id)
			.execute();
	return {
		id: row.staff_id,
		email: row.email,
		role: row.role,
		sessionId: row.id,
		expiresAt: new Date(row.expires_at),
		twoFactorVerified: row.two_factor_verified === 1,
		hasTwoFactor: row.totp_key !== null
	};
}

export async function markTwoFactorVerified(db: Db, sessionId: string): Promise<void> {
	await db
		.updateTable('staff_session')
		.set({ two_factor_verified: 1 })
		.where('id', '=', sessionId)
		.execute();
}

export async function endStaffSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('staff_session').where('id', '=', sessionId).execute();
}

/** Every session of the member's: the console's, and the views as a customer. */
export async function endStaffSessions(db: Db, staffId: number): Promise<void> {
	await db.deleteFrom('staff_session').where('staff_id', '=', staffId).execute();
	await db.deleteFrom('session').where('staff_id', '=', staffId).execute();
}

const attributes = (url: URL) => ({
	...cookieAttributes(url),
	path: STAFF_PATH,
	sameSite: 'strict' as const
});

export function setStaffCookie(
	{ cookies, url }: { cookies: Cookies; url: URL },
	token: string,
	expiresAt: Date
): void {
	cookies.set(STAFF_COOKIE, token, { ...attributes(url), expires: expiresAt });
}

export function deleteStaffCookie({ cookies, url }: { cookies: Cookies; url: URL }): void {
	cookies.delete(STAFF_COOKIE, attributes(url));
}
