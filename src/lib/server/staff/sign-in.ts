/**
 * A staff sign-in in two steps, as Lucia's two-factor example has it: the password opens a
 * half session; an authenticator code (or one recovery code) opens it fully. Both steps are
 * throttled as the customers' sign-in is (auth/throttle.ts), by address and by account, and
 * every outcome is audited.
 */
import { encodeBase64, decodeBase64 } from '@oslojs/encoding';
import { recordAudit, type AuditContext } from '../audit';
import { decoyHash, verifyPassword } from '../auth/password';
import { clearFailures, recordFailure, waitFor } from '../auth/throttle';
import { replaceRecoveryCodes, hashRecoveryCode } from './account';
import { createStaffSession, markTwoFactorVerified, type StaffUser } from './session';
import { matchCode, openTotpKey, sealTotpKey } from './totp';

export type Refusal = { refused: 'wrong' } | { refused: 'throttled'; waitMs: number };

const addressKey = (ctx: AuditContext) => `address:staff:${ctx.clientAddress}`;

async function throttled(ctx: AuditContext, keys: string[], staffId: number | null) {
	const waitMs = await waitFor(ctx.db, keys, ctx.now);
	if (waitMs === 0) return null;
	await recordAudit(ctx, { event: 'throttled', outcome: 'refused', staffId, detail: { waitMs } });
	return { refused: 'throttled' as const, waitMs };
}

/** The password step: a half-open session for the account, or why not. */
export async function signInStaff(
	ctx: AuditContext,
	input: { email: string; password: string }
): Promise<{ token: string; expiresAt: Date } | Refusal> {
	const email = input.email.trim().toLowerCase();
	const keys = [addressKey(ctx), `staff:${email}`];
	const blocked = await throttled(ctx, keys, null);
	if (blocked) return blocked;
	const staff = await ctx.db
		.selectFrom('staff_user')
		.select(['id', 'password_hash'])
		.where('email', '=', email)
		.where('disabled_at', 'is', null)
		.executeTakeFirst();
	// An unknown address takes as long as a wrong password: the answer says nothing of who is staff.
	const ok = await verifyPassword(staff?.password_hash ?? (await decoyHash()), input.password);
	if (!staff?.password_hash || !ok) {
		await recordFailure(ctx.db, keys, ctx.now);
		await recordAudit(ctx, {
			event: 'staff_login',
			outcome: 'failure',
			staffId: staff?.id ?? null,
			detail: { step: 'password' }
		});
		return { refused: 'wrong' };
	}
	await clearFailures(ctx.db, [`staff:${email}`]);
	await recordAudit(ctx, {
		event: 'staff_login',
		outcome: 'success',
		staffId: staff.id,
		detail: { step: 'password' }
	});
	return createStaffSession(ctx.db, staff.id, ctx.now);
}

/**
 * A second-factor attempt: throttled by address and by member (a guessed code is a guessed
 * password), audited, and on success the session opens fully.
 */
async function secondFactor(
	ctx: AuditContext,
	staff: StaffUser,
	event: 'staff_two_factor' | 'staff_recovery_code' | 'staff_two_factor_setup',
	check: () => Promise<boolean>
): Promise<'verified' | Refusal> {
	const keys = [addressKey(ctx), `staff-2fa:${staff.id}`];
	const blocked = await throttled(ctx, keys, staff.id);
	if (blocked) return blocked;
	return finishSecondFactor(ctx, staff, keys, await check(), event);
}

/** The second step with the authenticator's code. */
export function verifyTwoFactor(
	ctx: AuditContext,
	staff: StaffUser,
	code: string
): Promise<'verified' | Refusal> {
	return secondFactor(ctx, staff, 'staff_two_factor', async () => {
		const row = await ctx.db
			.selectFrom('staff_user')
			.select(['totp_key', 'totp_last_step'])
			.where('id', '=', staff.id)
			.executeTakeFirst();
		const step = row?.totp_key
			? matchCode(openTotpKey(row.totp_key), code, ctx.now, row.totp_last_step)
			: null;
		if (step === null) return false;
		// Spent in the same statement that checks it is newer: of two requests with one code, one wins.
		const spent = await ctx.db
			.updateTable('staff_user')
			.set({ totp_last_step: step })
			.where('id', '=', staff.id)
			.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
			.executeTakeFirst();
		return spent.numUpdatedRows > 0n;
	});
}

async function finishSecondFactor(
	ctx: AuditContext,
	staff: StaffUser,
	keys: string[],
	ok: boolean,
	event: 'staff_two_factor' | 'staff_recovery_code' | 'staff_two_factor_setup'
): Promise<'verified' | Refusal> {
	if (!ok) {
		await recordFailure(ctx.db, keys, ctx.now);
		await recordAudit(ctx, { event, outcome: 'failure', staffId: staff.id });
		return { refused: 'wrong' };
	}
	await clearFailures(ctx.db, [keys[1]!]);
	await markTwoFactorVerified(ctx.db, staff.sessionId);
	await recordAudit(ctx, { event, outcome: 'success', staffId: staff.id });
	return 'verified';
}

/** The second step with a recovery code instead: each works once. */
export function useRecoveryCode(
	ctx: AuditContext,
	staff: StaffUser,
	code: string
): Promise<'verified' | Refusal> {
	return secondFactor(ctx, staff, 'staff_recovery_code', async () => {
		const used = await ctx.db
			.updateTable('staff_recovery_code')
			.set({ used_at: ctx.now.toISOString() })
			.where('staff_id', '=', staff.id)
			.where('code_hash', '=', hashRecoveryCode(code))
			.where('used_at', 'is', null)
			.executeTakeFirst();
		return used.numUpdatedRows > 0n;
	});
}

/** A new authenticator key for the set-up page, as the form carries it. */
export const encodeSetupKey = (key: Uint8Array) => encodeBase64(key);

/**
 * Sets up the authenticator: the key the page showed, proved by a code from the app. Only
 * while the account has none (after the invitation or a reset). Gives the ten recovery codes,
 * shown once.
 */
export async function setUpTwoFactor(
	ctx: AuditContext,
	staff: StaffUser,
	input: { key: string; code: string }
): Promise<{ recoveryCodes: string[] } | Refusal | { refused: 'already' }> {
	if (staff.hasTwoFactor) return { refused: 'already' };
	let key: Uint8Array;
	try {
		key = decodeBase64(input.key);
	} catch {
		return { refused: 'wrong' };
	}
	if (key.length !== 20) return { refused: 'wrong' };
	const made: { recoveryCodes: string[] | null } = { recoveryCodes: null };
	const outcome = await secondFactor(ctx, staff, 'staff_two_factor_setup', async () => {
		const step = matchCode(key, input.code, ctx.now, null);
		if (step === null) return false;
		made.recoveryCodes = await ctx.db.transaction().execute(async (trx) => {
			// Only while it has none: of two tabs setting up, the first one's key stays.
			const set = await trx
				.updateTable('staff_user')
				.set({ totp_key: sealTotpKey(key), totp_last_step: step })
				.where('id', '=', staff.id)
				.where('totp_key', 'is', null)
				.executeTakeFirst();
			return set.numUpdatedRows > 0n ? replaceRecoveryCodes(trx, staff.id) : null;
		});
		return made.recoveryCodes !== null;
	});
	if (outcome !== 'verified') return outcome;
	return made.recoveryCodes ? { recoveryCodes: made.recoveryCodes } : { refused: 'already' };
}
