/**
 * Registration ("Pirmreizējā reģistrācija") and the e-mail confirmation that completes it.
 * The answer on screen is the same for a new and an existing e-mail; the mailbox owner is
 * told the difference by mail.
 */
import { recordAudit } from '../audit';
import type { AuthContext } from './context';
import { proveContract } from './contract-proof';
import { sendMail } from './context';
import type { TokenProblem } from './email-token';
import { hashPassword } from './password';
import { generateSecretToken, hashToken, isSecretToken } from './session';
import { takeQuota } from './throttle';

export interface Registration {
	contractNumber: string;
	code: { kind: 'personal' | 'registration'; value: string };
	email: string;
	password: string;
}

export type RegistrationResult =
	| { ok: true }
	| { ok: false; reason: 'mismatch' | 'demo' | 'too_many' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

const HOUR = 60 * 60 * 1000;

/** At most 5 messages an hour to one address and 30 from one client, so the form cannot be used to flood a mailbox. */
export async function mayMail(ctx: AuthContext, email: string): Promise<boolean> {
	return (
		(await takeQuota(ctx.db, `mail:${email}`, 5, HOUR, ctx.now)) &&
		(await takeQuota(ctx.db, `mail-from:${ctx.clientAddress}`, 30, HOUR, ctx.now))
	);
}

const REGISTRATION_LIFETIME_MS = 24 * HOUR;

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
		.select('id')
		.where('email', '=', input.email)
		.executeTakeFirst();
	const audit = {
		event: 'registration' as const,
		customerId: customer.id
	};
	if (existing) {
		await sendMail(ctx, input.email, {
			kind: 'already_registered',
			link: `${ctx.origin}/forgot-password`
		});
		await recordAudit(ctx, {
			...audit,
			outcome: 'refused',
			accountId: existing.id,
			detail: { reason: 'e-mail already registered' }
		});
		return { ok: true };
	}
	// Each registration waits on its own and is confirmed by its own link only: a second one
	// for the same address never touches the first one's password or contract.
	const pending = await countPendingRegistrations(ctx, input.email);
	const token = generateSecretToken();
	await ctx.db
		.insertInto('registration')
		.values({
			id: hashToken(token),
			email: input.email,
			password_hash: passwordHash,
			customer_id: customer.id,
			locale: ctx.locale,
			created_at: ctx.now.toISOString(),
			expires_at: new Date(ctx.now.getTime() + REGISTRATION_LIFETIME_MS).toISOString()
		})
		.execute();
	await sendMail(ctx, input.email, {
		kind: 'confirm',
		link: `${ctx.origin}/confirm?token=${token}`,
		contractNumber: customer.contractNumber,
		another: pending > 0
	});
	await recordAudit(ctx, {
		...audit,
		outcome: 'requested',
		detail: pending > 0 ? { pendingBefore: String(pending) } : {}
	});
	return { ok: true };
}

async function countPendingRegistrations(ctx: AuthContext, email: string): Promise<number> {
	const row = await ctx.db
		.selectFrom('registration')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('email', '=', email)
		.where('used_at', 'is', null)
		.where('expires_at', '>', ctx.now.toISOString())
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export type RegistrationCheck =
	| { ok: true; email: string; contractNumber: string }
	| { ok: false; reason: TokenProblem | 'taken' };

/** What a confirmation link would confirm, without using it (the page behind the link shows it). */
export async function checkRegistration(
	ctx: Pick<AuthContext, 'db' | 'now'>,
	token: string
): Promise<RegistrationCheck> {
	if (!isSecretToken(token)) return { ok: false, reason: 'invalid' };
	const row = await ctx.db
		.selectFrom('registration')
		.innerJoin('customer', 'customer.id', 'registration.customer_id')
		.select([
			'registration.email',
			'registration.used_at',
			'registration.expires_at',
			'customer.contract_number'
		])
		.where('registration.id', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return { ok: false, reason: 'invalid' };
	if (row.used_at !== null) return { ok: false, reason: 'used' };
	if (Date.parse(row.expires_at) <= ctx.now.getTime()) return { ok: false, reason: 'expired' };
	return { ok: true, email: row.email, contractNumber: row.contract_number };
}

/**
 * Opens a registration's link: the account is made with exactly that registration's password
 * and contract. An address that has an account by now (another of its links was opened
 * first) is refused, and nothing of that account changes.
 */
export async function confirmEmail(ctx: AuthContext, token: string): Promise<RegistrationCheck> {
	const check = await checkRegistration(ctx, token);
	const result: RegistrationCheck = check.ok
		? await ctx.db.transaction().execute(async (trx) => {
				const id = hashToken(token);
				const used = await trx
					.updateTable('registration')
					.set({ used_at: ctx.now.toISOString() })
					.where('id', '=', id)
					.where('used_at', 'is', null)
					.returning(['email', 'password_hash', 'customer_id', 'locale'])
					.executeTakeFirst();
				if (!used) return { ok: false, reason: 'used' };
				const account = await trx
					.insertInto('account')
					.values({
						email: used.email,
						password_hash: used.password_hash,
						locale: used.locale,
						email_confirmed_at: ctx.now.toISOString(),
						created_at: ctx.now.toISOString()
					})
					.onConflict((oc) => oc.column('email').doNothing())
					.returning('id')
					.executeTakeFirst();
				if (!account) return { ok: false, reason: 'taken' };
				await trx
					.insertInto('account_customer')
					.values({
						account_id: account.id,
						customer_id: used.customer_id,
						linked_at: ctx.now.toISOString()
					})
					.execute();
				return check;
			})
		: check;
	await recordAudit(ctx, {
		event: 'email_confirmation',
		outcome: result.ok ? 'success' : 'failure',
		detail: result.ok ? { contract: result.contractNumber } : { reason: result.reason }
	});
	return result;
}

/** The password hash of the address's newest unconfirmed registration, so a login can tell why it failed. */
export async function pendingRegistrationHash(
	ctx: Pick<AuthContext, 'db' | 'now'>,
	email: string
): Promise<string | null> {
	const row = await ctx.db
		.selectFrom('registration')
		.select('password_hash')
		.where('email', '=', email)
		.where('used_at', 'is', null)
		.where('expires_at', '>', ctx.now.toISOString())
		.orderBy('created_at', 'desc')
		.executeTakeFirst();
	return row?.password_hash ?? null;
}
