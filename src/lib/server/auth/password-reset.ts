/** "Aizmirsu paroli?": a one-hour, single-use link by e-mail; the same answer for known and unknown e-mails. */
import { recordAudit } from '../audit';
import type { AuthContext } from './context';
import { sendMail } from './context';
import { auditLinkUse, consumeEmailToken, createEmailToken, type TokenCheck } from './email-token';
import { hashPassword } from './password';
import { mayMail } from './registration';
import { invalidateAccountSessions } from './session';

/** Sends a reset link when the e-mail has an account; false only when the mail quota is used up. */
export async function requestPasswordReset(ctx: AuthContext, email: string): Promise<boolean> {
	if (!(await mayMail(ctx, email))) return false;
	const account = await ctx.db
		.selectFrom('account')
		.select(['id', 'locale'])
		.where('email', '=', email)
		.executeTakeFirst();
	await recordAudit(ctx, {
		event: 'password_reset_request',
		outcome: 'requested',
		accountId: account?.id ?? null
	});
	if (!account) return true;
	const token = await createEmailToken(ctx.db, account.id, 'reset', null, ctx.now);
	await sendMail(ctx, email, {
		kind: 'reset',
		link: `${ctx.origin}/reset-password?token=${token}`
	});
	return true;
}

/** Sets the new password and ends every session of the account; the link also proves the mailbox. */
export async function resetPassword(
	ctx: AuthContext,
	token: string,
	password: string
): Promise<TokenCheck> {
	const passwordHash = await hashPassword(password);
	const result = await consumeEmailToken(ctx.db, token, 'reset', ctx.now);
	if (result.ok) {
		await ctx.db
			.updateTable('account')
			.set((eb) => ({
				password_hash: passwordHash,
				email_confirmed_at: eb.fn.coalesce('email_confirmed_at', eb.val(ctx.now.toISOString()))
			}))
			.where('id', '=', result.accountId)
			.execute();
		await invalidateAccountSessions(ctx.db, result.accountId);
	}
	await auditLinkUse(ctx, 'password_reset', result);
	return result;
}
