/**
 * Sessions as the Lucia guide describes them: a random token in the cookie, only its
 * SHA-256 in the database, so a copy of the database cannot be used to sign in.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { isDemoContract } from '../demo/contracts';
import type { CustomerKind } from '../../domain/customer';
import type { SessionKind } from '../db/schema';
import { cookieAttributes } from '../cookies';

export const SESSION_COOKIE = 'session';
/** A session ends after this long without a request… */
export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
// Writing last_used_at on every request would make every page view a database write.
const TOUCH_AFTER_MS = 60 * 1000;

export interface Session {
	id: string;
	kind: SessionKind;
	accountId: number | null;
	customerId: number;
	expiresAt: Date;
}

/** What every signed-in request knows about who is there. */
export interface SessionUser {
	session: Session;
	customer: { id: number; contractNumber: string; name: string; kind: CustomerKind };
	account: { id: number; email: string } | null;
	/** The demo logins and staff views: everything can be seen, nothing changed or sent. */
	viewOnly: boolean;
	/** A staff member seeing the portal as this customer (staff/customer-lookup.ts). */
	staffView: { staffId: number } | null;
}

/** 160 random bits, base32: more than the 120 bits the guide asks for. Also the secret of feed and unsubscribe addresses. */
export function generateSecretToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Whether a string has the shape generateSecretToken gives: anything else is not looked up. */
export function isSecretToken(token: string): boolean {
	return /^[a-z2-7]{32}$/.test(token);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Db,
	token: string,
	owner: { kind: SessionKind; customerId: number; accountId: number | null },
	now = new Date(),
	staffView: { staffId: number; lifetimeMs: number } | null = null
): Promise<Session> {
	const session: Session = {
		id: hashToken(token),
		...owner,
		expiresAt: new Date(now.getTime() + (staffView?.lifetimeMs ?? ABSOLUTE_LIFETIME_MS))
	};
	await db
		.insertInto('session')
		.values({
			id: session.id,
			kind: session.kind,
			account_id: session.accountId,
			customer_id: session.customerId,
			created_at: now.toISOString(),
			last_used_at: now.toISOString(),
			expires_at: session.expiresAt.toISOString(),
			staff_id: staffView?.staffId ?? null
		})
		.execute();
	return session;
}

/** The session with its customer and account: every signed-in request's first query. */
const sessionRows = prepared(1, (db, id: string) =>
	db
		.selectFrom('session')
		.innerJoin('customer', 'customer.id', 'session.customer_id')
		.leftJoin('account', 'account.id', 'session.account_id')
		.select([
			'session.id',
			'session.kind',
			'session.account_id',
			'session.customer_id',
			'session.last_used_at',
			'session.expires_at',
			'session.staff_id',
			'customer.contract_number',
			'customer.name',
			'customer.kind as customer_kind',
			'account.email'
		])
		.where('session.id', '=', id)
);

/** The session of a cookie's token, or null when it is unknown, idle too long or expired (then it is deleted). */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): Promise<SessionUser | null> {
	if (!isSecretToken(token)) return null;
	const [row] = await sessionRows(db, hashToken(token));
	if (!row) return null;
	const lastUsed = Date.parse(row.last_used_at);
	if (now.getTime() >= Date.parse(row.expires_at) || now.getTime() - lastUsed >= IDLE_TIMEOUT_MS) {
		await invalidateSession(db, row.id);
		return null;
	}
	if (now.getTime() - lastUsed >= TOUCH_AFTER_MS) {
		await db
			.updateTable('session')
			.set({ last_used_at: now.toISOString() })
			.where('id', '=', row.id)
			.execute();
	}
	return {
		session: {
			id: row.id,
			kind: row.kind,
			accountId: row.account_id,
			customerId: row.customer_id,
			expiresAt: new Date(row.expires_at)
		},
		customer: {
			id: row.customer_id,
			contractNumber: row.contract_number,
			name: row.name,
			kind: row.customer_kind
		},
		account:
			row.account_id !== null && row.email !== null
				? { id: row.account_id, email: row.email }
				: null,
		viewOnly: row.kind === 'demo' || isDemoContract(row.contract_number) || row.staff_id !== null,
		staffView: row.staff_id === null ? null : { staffId: row.staff_id }
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of an account, but the one given (after a password change, say). */
export async function invalidateAccountSessions(
	db: Db,
	accountId: number,
	except?: string
): Promise<void> {
	let query = db.deleteFrom('session').where('account_id', '=', accountId);
	if (except) query = query.where('id', '!=', except);
	await query.execute();
}

export async function switchSessionCustomer(
	db: Db,
	sessionId: string,
	customerId: number
): Promise<void> {
	await db
		.updateTable('session')
		.set({ customer_id: customerId })
		.where('id', '=', sessionId)
		.execute();
}

export function setSessionCookie(
	{ cookies, url }: { cookies: Cookies; url: URL },
	token: string,
	expiresAt: Date
): void {
	cookies.set(SESSION_COOKIE, token, { ...cookieAttributes(url), expires: expiresAt });
}

export function deleteSessionCookie({ cookies, url }: { cookies: Cookies; url: URL }): void {
	cookies.delete(SESSION_COOKIE, cookieAttributes(url));
}
