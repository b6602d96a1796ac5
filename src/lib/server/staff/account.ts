/**
 * Staff accounts, made from the command line (`npm run staff`): an account starts as an
 * invitation mailed to its address; the link sets the password, then the authenticator app is
 * set up. Disabling an account ends its sessions at once; resetting its second factor makes
 * the next sign-in set up a new app, with new recovery codes.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';
import type { StaffRole } from '../db/schema';
import type { StaffStatus } from '../../domain/staff-view';
import { generateSecretToken, hashToken } from '../auth/session';
import { queueMail } from '../mail/outbox';
import { loadMailBrand, renderMail } from '../mail/templates';
import { checkEmail } from '../../validators';
import { endStaffSessions } from './session';

export const STAFF_ROLES = ['admin', 'clerk'] as const satisfies readonly StaffRole[];
export const isStaffRole = (value: string): value is StaffRole =>
	(STAFF_ROLES as readonly string[]).includes(value);

/** An invitation is for the person it was meant for: it works for three days, once. */
const INVITATION_MS = 3 * 24 * 60 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;

/**
 * Adds a staff member and mails the invitation; an address already known is refused. The
 * link is returned too, for the operator to hand over when mail is not set up.
 */
export async function addStaff(
	db: Db,
	input: { email: string; role: StaffRole },
	origin: string,
	now: Date
): Promise<{ link: string } | { refused: 'bad_email' | 'taken' }> {
	const email = checkEmail(input.email);
	if (!email.ok) return { refused: 'bad_email' };
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('staff_user')
			.values({ email: email.value, role: input.role, created_at: now.toISOString() })
			.onConflict((oc) => oc.column('email').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!row) return { refused: 'taken' as const };
		const link = await invite(trx, row.id, email.value, origin, now);
		return { link };
	});
}

async function invite(db: Db, staffId: number, email: string, origin: string, now: Date) {
	const token = generateSecretToken();
	await db.deleteFrom('staff_invitation').where('staff_id', '=', staffId).execute();
	await db
		.insertInto('staff_invitation')
		.values({
			id: hashToken(token),
			staff_id: staffId,
			expires_at: new Date(now.getTime() + INVITATION_MS).toISOString()
		})
		.execute();
	const link = `${origin}/staff/invitation/${token}`;
	// In Latvian, the console's first language.
	const rendered = renderMail({ kind: 'staff_invitation', link }, await loadMailBrand(db), 'lv');
	await queueMail(db, { to: email, ...rendered }, now);
	return link;
}

export async function listStaff(db: Db) {
	const rows = await db
		.selectFrom('staff_user')
		.select(['id', 'email', 'role', 'created_at', 'disabled_at', 'password_hash', 'totp_key'])
		.orderBy('email')
		.execute();
	return rows.map(({ password_hash, totp_key, ...row }) => ({
		...row,
		status: statusOf(row.disabled_at, password_hash, totp_key)
	}));
}

function statusOf(
	disabledAt: string | null,
	passwordHash: string | null,
	totpKey: string | null
): StaffStatus {
	if (disabledAt) return 'disabled';
	if (!passwordHash) return 'invited';
	return totpKey ? 'active' : 'setup';
}

/** Disables an account and ends its sessions; false when no such active account. */
export async function disableStaff(db: Db, email: string, now: Date): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('staff_user')
			.set({ disabled_at: now.toISOString() })
			.where('email', '=', email.trim().toLowerCase())
			.where('disabled_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		if (row) await endStaffSessions(trx, row.id);
		return row !== undefined;
	});
}

/** Forgets the authenticator and the recovery codes, and ends the sessions. */
export async function resetTwoFactor(db: Db, email: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('staff_user')
			.set({ totp_key: null, totp_last_step: null })
			.where('email', '=', email.trim().toLowerCase())
			.returning('id')
			.executeTakeFirst();
		if (!row) return false;
		await trx.deleteFrom('staff_recovery_code').where('staff_id', '=', row.id).execute();
		await endStaffSessions(trx, row.id);
		return true;
	});
}

/** A recovery code as shown: four groups of four, 80 random bits. */
function newRecoveryCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	return encodeBase32LowerCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
}

/** A code as typed: case, spaces and hyphens do not matter. */
export const hashRecoveryCode = (input: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(input.toLowerCase().replace(/[\s-]/g, ''))));

/** Ten new codes, instead of any earlier ones; only their hashes are kept. */
export async function replaceRecoveryCodes(db: Db, staffId: number): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
	await db.deleteFrom('staff_recovery_code').where('staff_id', '=', staffId).execute();
	await db
		.insertInto('staff_recovery_code')
		.values(codes.map((code) => ({ staff_id: staffId, code_hash: hashRecoveryCode(code) })))
		.execute();
	return codes;
}
