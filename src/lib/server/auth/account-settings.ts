/** What a registered user changes in account settings: password, e-mail, the contracts held. */
import { recordAudit } from '../audit';
import { prepared } from '../db/prepared';
import type { AuthContext } from './context';
import { proveContract } from './contract-proof';
import { sendMail } from './context';
import { consumeEmailToken, createEmailToken, type TokenCheck } from './email-token';
import { hashPassword, verifyPassword } from './password';
import { mayMail } from './registration';
import { invalidateAccountSessions, switchSessionCustomer } from './session';

export interface HeldContract {
	customerId: number;
	contractNumber: string;
	name: string;
}

const contractRows = prepared(1, (db, accountId: number) =>
	db
		.selectFrom('account_customer')
		.innerJoin('customer', 'customer.id', 'account_customer.customer_id')
		.select(['customer.id', 'customer.contract_number', 'customer.name'])
		.where('account_customer.account_id', '=', accountId)
		.orderBy('account_customer.linked_at')
		.orderBy('customer.id')
);

/** The contracts the account holds, in the order they were linked. */
export async function listContracts(
	ctx: Pick<AuthContext, 'db'>,
	accountId: number
): Promise<HeldContract[]> {
	const rows = await contractRows(ctx.db, accountId);
	return rows.map((row) => ({
		customerId: row.id,
		contractNumber: row.contract_number,
		name: row.name
	}));
}

/** Moves the session to another of the account's contracts; false when the account does not hold it. */
export async function switchContract(
	ctx: AuthContext,
	session: { id: string; accountId: number },
	customerId: number
): Promise<boolean> {
	const held = await ctx.db
		.selectFrom('account_customer')
		.select('customer_id')
		.where('account_id', '=', session.accountId)
		.where('customer_id', '=', customerId)
		.executeTakeFirst();
	if (!held) return false;
	await switchSessionCustomer(ctx.db, session.id, customerId);
	await recordAudit(ctx, {
		event: 'contract_switch',
		outcome: 'success',
		accountId: session.accountId,
		customerId
	});
	return true;
}

export type LinkResult =
	| { ok: true; contractNumber: string }
	| { ok: false; reason: 'mismatch' | 'demo' | 'already' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Adds a contract to the account; its number and code are checked and throttled like a login. */
export async function linkContract(
	ctx: AuthContext,
	accountId: number,
	contractNumber: string,
	code: { kind: 'personal' | 'registration'; value: string }
): Promise<LinkResult> {
	const proof = await proveContract(ctx, contractNumber, code, {
		event: 'contract_link',
		accountId
	});
	if (!proof.ok) return proof;
	const customer = proof.customer;
	const inserted = await ctx.db
		.insertInto('account_customer')
		.values({ account_id: accountId, customer_id: customer.id, linked_at: ctx.now.toISOString() })
		.onConflict((oc) => oc.columns(['account_id', 'customer_id']).doNothing())
		.executeTakeFirst();
	if (inserted.numInsertedOrUpdatedRows === 0n) return { ok: false, reason: 'already' };
	await recordAudit(ctx, {
		event: 'contract_link',
		outcome: 'success',
		accountId,
		customerId: customer.id,
		detail: { contract: customer.contractNumber }
	});
	return { ok: true, contractNumber: customer.contractNumber };
}

/** Changes the password when the current one is right; every other session of the account ends. */
export async function changePassword(
	ctx: AuthContext,
	session: { id: string; accountId: number },
	current: string,
	next: string
): Promise<boolean> {
	const account = await ctx.db
		.selectFrom('account')
		.select(['password_hash', 'email'])
		.where('id', '=', session.accountId)
		.executeTakeFirstOrThrow();
	if (!(await verifyPassword(account.password_hash, current))) {
		await recordAudit(ctx, {
			event: 'password_change',
			outcome: 'failure',
			accountId: session.accountId
		});
		return false;
	}
	await ctx.db
		.updateTable('account')
		.set({ password_hash: await hashPassword(next) })
		.where('id', '=', session.accountId)
		.execute();
	await invalidateAccountSessions(ctx.db, session.accountId, session.id);
	await sendMail(ctx, account.email, {
		kind: 'password_changed',
		link: `${ctx.origin}/forgot-password`
	});
	await recordAudit(ctx, {
		event: 'password_change',
		outcome: 'success',
		accountId: session.accountId
	});
	return true;
}

/** Sends a confirmation link to the new address; the e-mail changes only when it is opened. */
export async function requestEmailChange(
	ctx: AuthContext,
	accountId: number,
	newEmail: string
): Promise<boolean> {
	if (!(await mayMail(ctx, newEmail))) return false;
	const token = await createEmailToken(ctx.db, accountId, 'change_email', newEmail, ctx.now);
	await sendMail(ctx, newEmail, {
		kind: 'change_email',
		link: `${ctx.origin}/confirm-email-change?token=${token}`
	});
	await recordAudit(ctx, {
		event: 'email_change_request',
		outcome: 'requested',
		accountId
	});
	return true;
}

export async function confirmEmailChange(
	ctx: AuthContext,
	token: string
): Promise<TokenCheck | { ok: false; reason: 'taken' }> {
	const result = await consumeEmailToken(ctx.db, token, 'change_email', ctx.now);
	if (!result.ok || result.newEmail === null)
		return result.ok ? { ok: false, reason: 'invalid' } : result;
	const newEmail = result.newEmail;
	const taken = await ctx.db
		.selectFrom('account')
		.select('id')
		.where('email', '=', newEmail)
		.where('id', '!=', result.accountId)
		.executeTakeFirst();
	if (taken) return { ok: false, reason: 'taken' };
	const old = await ctx.db
		.selectFrom('account')
		.select('email')
		.where('id', '=', result.accountId)
		.executeTakeFirstOrThrow();
	await ctx.db
		.updateTable('account')
		.set({ email: newEmail })
		.where('id', '=', result.accountId)
		.execute();
	await sendMail(ctx, old.email, { kind: 'email_changed', newEmail });
	await recordAudit(ctx, {
		event: 'email_change',
		outcome: 'success',
		accountId: result.accountId
	});
	return result;
}
