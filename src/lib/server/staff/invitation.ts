/**
 * Taking up an invitation (account.ts mails it): the link shows whose it is while it works,
 * and sets that member's password once. Apart from account.ts, which the command line runs,
 * since the password rules read their list through Vite.
 */
import { recordAudit, type AuditContext } from '../audit';
import type { Db } from '../db';
import { hashToken, isSecretToken } from '../auth/session';
import { checkNewPassword, hashPassword, type PasswordProblem } from '../auth/password';

/** The staff member an invitation link is for, while it works. */
export async function findInvitation(db: Db, token: string, now: Date) {
	if (!isSecretToken(token)) return null;
	const row = await db
		.selectFrom('staff_invitation')
		.innerJoin('staff_user', 'staff_user.id', 'staff_invitation.staff_id')
		.select(['staff_user.id', 'staff_user.email', 'staff_invitation.expires_at'])
		.where('staff_invitation.id', '=', hashToken(token))
		.where('staff_user.disabled_at', 'is', null)
		.executeTakeFirst();
	return row && Date.parse(row.expires_at) > now.getTime() ? row : null;
}

/** Sets the invited member's password and spends the link. */
export async function acceptInvitation(
	ctx: AuditContext,
	token: string,
	password: string
): Promise<{ staffId: number } | { refused: PasswordProblem | 'link' }> {
	const { db, now } = ctx;
	const problem = checkNewPassword(password);
	if (problem) return { refused: problem };
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		const invitation = await findInvitation(trx, token, now);
		if (!invitation) return { refused: 'link' as const };
		// Deleted first: of two tabs sending the form, one spends the link.
		const spent = await trx
			.deleteFrom('staff_invitation')
			.where('id', '=', hashToken(token))
			.executeTakeFirst();
		if (spent.numDeletedRows === 0n) return { refused: 'link' as const };
		await trx
			.updateTable('staff_user')
			.set({ password_hash: passwordHash })
			.where('id', '=', invitation.id)
			.execute();
		await recordAudit(
			{ ...ctx, db: trx },
			{
				event: 'staff_invitation',
				outcome: 'success',
				staffId: invitation.id
			}
		);
		return { staffId: invitation.id };
	});
}
