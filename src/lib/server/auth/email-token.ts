/** One-time links sent by e-mail: only the token's hash is stored, each works once and expires. */
import { recordAudit, type AuditEvent } from '../audit';
import type { Db } from '../db';
import type { TokenPurpose } from '../db/schema';
import { generateSecretToken, hashToken, isSecretToken } from './session';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
	reset: 60 * 60 * 1000,
	change_email: 24 * 60 * 60 * 1000
};

/** A new link token; any earlier unused link of the same purpose stops working. */
export async function createEmailToken(
	db: Db,
	accountId: number,
	purpose: TokenPurpose,
	newEmail: string | null = null,
	now = new Date()
): Promise<string> {
	const token = generateSecretToken();
	await db
		.deleteFrom('email_token')
		.where('account_id', '=', accountId)
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.execute();
	await db
		.insertInto('email_token')
		.values({
			id: hashToken(token),
			account_id: accountId,
			purpose,
			new_email: newEmail,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString()
		})
		.execute();
	return token;
}

export type TokenProblem = 'invalid' | 'expired' | 'used';

export type TokenCheck =
	{ ok: true; accountId: number; newEmail: string | null } | { ok: false; reason: TokenProblem };

/** Looks a token up without using it (to show the form behind a link). */
export async function checkEmailToken(
	db: Db,
	token: string,
	purpose: TokenPurpose,
	now = new Date()
): Promise<TokenCheck> {
	if (!isSecretToken(token)) return { ok: false, reason: 'invalid' };
	const row = await db
		.selectFrom('email_token')
		.selectAll()
		.where('id', '=', hashToken(token))
		.where('purpose', '=', purpose)
		.executeTakeFirst();
	if (!row) return { ok: false, reason: 'invalid' };
	if (row.used_at !== null) return { ok: false, reason: 'used' };
	if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'expired' };
	return { ok: true, accountId: row.account_id, newEmail: row.new_email };
}

/** Uses a token: it works once. The update's own condition makes two racing uses yield one success. */
export async function consumeEmailToken(
	db: Db,
	token: string,
	purpose: TokenPurpose,
	now = new Date()
): Promise<TokenCheck> {
	const check = await checkEmailToken(db, token, purpose, now);
	if (!check.ok) return check;
	const result = await db
		.updateTable('email_token')
		.set({ used_at: now.toISOString() })
		.where('id', '=', hashToken(token))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows === 1n ? check : { ok: false, reason: 'used' };
}

/** Records the use of a link, and why it failed when it did. */
export async function auditLinkUse(
	ctx: { db: Db; now: Date; clientAddress: string },
	event: AuditEvent,
	check: TokenCheck
): Promise<void> {
	await recordAudit(ctx, {
		event,
		outcome: check.ok ? 'success' : 'failure',
		accountId: check.ok ? check.accountId : null,
		detail: check.ok ? {} : { reason: check.reason }
	});
}
