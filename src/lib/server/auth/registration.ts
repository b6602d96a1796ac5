/**
 * Registration ("Pirmreizējā reģistrācija") and the e-mail confirmation that completes it.
 * The answer on screen is the same for a new and an existing e-mail; the mailbox owner is
 * told the difference by mail.
 */
import { recordAudit } from '../audit';
import type { AuthContext } from './context';
import { proveContract } from './contract-proof';
import { sendMail } from './context';
import { auditLinkUse, consumeEmailToken, createEmailToken, type TokenCheck } from './email-token';
import { hashPassword } from './password';
import { takeQuota } from './throttle';

export interface Registration {
	contractNumber: string;
	code: { kind: 'personal' | 'registration'; value: string };
	email: string;
	password: string;
}

export type RegistrationResult =
	| { ok: true }
	| { ok: false; reason: 'mismatch' | 'too_many' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

const HOUR = 60 * 60 * 1000;

/** At most 5 messages an hour to one address and 30 from one client, so the form cannot be used to flood a mailbox. */
export async function mayMail(ctx: AuthContext, email: string): Promise<boolean> {
	return (
		(await takeQuota(ctx.db, `mail:${email}`, 5, HOUR, ctx.now)) &&
		(await takeQuota(ctx.db, `mail-from:${ctx.clientAddress}`, 30, HOUR, ctx.now))
	);
}

export async function register(ctx: AuthContext, input: Registration): Promise<RegistrationResult> {
	const proof = await proveContract(ctx, input.contractNumber, input.code, {
		event: 'registration'
	});
	if (!proof.ok) return proof;
	const customer = proof.customer;
	if (!(await mayMail(ctx, input.email))) return { ok: false, reason: 'too_many' };
	// Hashing on every path keeps a new and an existing e-mail equally slow to answer.
	const passwordHash = await hashPassword(input.password);
	const existing = await ctx.db
		.selectFrom('account')
		.select(['id', 'email_confirmed_at'])
		.where('email', '=', input.email)
		.executeTakeFirst();
	if (existing?.email_confirmed_at) {
		await sendMail(ctx, input.email, {
			kind: 'already_registered',
			link: `${ctx.origin}/forgot-password`
		});
		await recordAudit(
			ctx.db,
			{
				event: 'registration',
				outcome: 'refused',
				accountId: existing.id,
				customerId: customer.id,
				clientAddress: ctx.clientAddress,
				detail: { reason: 'e-mail already registered' }
			},
			ctx.now
		);
		return { ok: true };
	}
	const accountId = await ctx.db.transaction().execute(async (trx) => {
		let id = existing?.id;
		if (id === undefined) {
			const row = await trx
				.insertInto('account')
				.values({
					email: input.email,
					password_hash: passwordHash,
					locale: ctx.locale,
					created_at: ctx.now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			id = row.id;
		} else {
			// An unconfirmed account takes the latest registration's password; the link proves the mailbox.
			await trx
				.updateTable('account')
				.set({ password_hash: passwordHash, locale: ctx.locale })
				.where('id', '=', id)
				.execute();
		}
		await trx
			.insertInto('account_customer')
			.values({ account_id: id, customer_id: customer.id, linked_at: ctx.now.toISOString() })
			.onConflict((oc) => oc.columns(['account_id', 'customer_id']).doNothing())
			.execute();
		return id;
	});
	const token = await createEmailToken(ctx.db, accountId, 'confirm', null, ctx.now);
	await sendMail(ctx, input.email, {
		kind: 'confirm',
		link: `${ctx.origin}/confirm?token=${token}`
	});
	await recordAudit(
		ctx.db,
		{
			event: 'registration',
			outcome: 'requested',
			accountId,
			customerId: customer.id,
			clientAddress: ctx.clientAddress
		},
		ctx.now
	);
	return { ok: true };
}

export async function confirmEmail(ctx: AuthContext, token: string): Promise<TokenCheck> {
	const result = await consumeEmailToken(ctx.db, token, 'confirm', ctx.now);
	if (result.ok) {
		await ctx.db
			.updateTable('account')
			.set({ email_confirmed_at: ctx.now.toISOString() })
			.where('id', '=', result.accountId)
			.where('email_confirmed_at', 'is', null)
			.execute();
	}
	await auditLinkUse(ctx, 'email_confirmation', result);
	return result;
}
