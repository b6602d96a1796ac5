/** The two ways in (e-mail + password, contract + personal code) and the view-only demo. */
import { checkContractNumber, EMAIL_MAX } from '../../validators';
import { recordAudit } from '../audit';
import { demoLoginsEnabled } from '../config';
import { customerHasCode, findCustomerByContract, readIdentityCode } from '../customer';
import {
	DEMO_EMAIL,
	DEMO_LEGAL_CONTRACT,
	DEMO_PRIVATE_CONTRACT,
	isDemoContract
} from '../demo/contracts';
import type { AuthContext } from './context';
import { throttleKeys, trustDevice, type TrustedDevice } from './device';
import { decoyHash, PASSWORD_MAX, verifyPassword } from './password';
import { pendingRegistrationHash } from './registration';
import { createSession, generateSecretToken, type Session } from './session';
import { clearFailures, recordFailure, waitFor } from './throttle';

export type LoginResult =
	| { ok: true; token: string; session: Session; device: TrustedDevice | null }
	| { ok: false; reason: 'failed' | 'invalid_code' | 'unconfirmed' | 'demo_off' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

async function signIn(
	ctx: AuthContext,
	owner: Parameters<typeof createSession>[2],
	detail: Record<string, string>,
	/** What the browser is trusted for from now on; the demo logins are never throttled, so none. */
	target: string | null
): Promise<LoginResult> {
	const token = generateSecretToken();
	const session = await createSession(ctx.db, token, owner, ctx.now);
	const device = target ? await trustDevice(ctx, target) : null;
	await recordAudit(ctx, {
		event: 'login',
		outcome: 'success',
		accountId: owner.accountId,
		customerId: owner.customerId,
		detail: { kind: owner.kind, ...detail }
	});
	return { ok: true, token, session, device };
}

async function demoLogin(ctx: AuthContext, contractNumber: string): Promise<LoginResult> {
	if (!demoLoginsEnabled()) return { ok: false, reason: 'demo_off' };
	const customer = await findCustomerByContract(ctx.db, contractNumber);
	if (!customer) return { ok: false, reason: 'demo_off' };
	return signIn(
		ctx,
		{ kind: 'demo', customerId: customer.id, accountId: null },
		{ contract: contractNumber },
		null
	);
}

/** Each wrong guess counts against the address and the target, so neither many addresses nor many targets help. */
async function throttled(
	ctx: AuthContext,
	keys: string[],
	kind: string
): Promise<LoginResult | null> {
	const wait = await waitFor(ctx.db, keys, ctx.now);
	if (wait === 0) return null;
	await recordAudit(ctx, { event: 'throttled', outcome: 'refused', detail: { kind } });
	return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
}

async function failed(
	ctx: AuthContext,
	keys: string[],
	kind: string,
	customerId: number | null = null
): Promise<LoginResult> {
	await recordFailure(ctx.db, keys, ctx.now);
	await recordAudit(ctx, {
		event: 'login',
		outcome: 'failure',
		customerId,
		detail: { kind }
	});
	return { ok: false, reason: 'failed' };
}

/** "Fiziskām personām": contract number and personal code, private persons only. */
export async function loginWithContract(
	ctx: AuthContext,
	contractNumber: string,
	code: string
): Promise<LoginResult> {
	if (contractNumber.trim() === 'demo' && code.trim() === 'demo')
		return demoLogin(ctx, DEMO_PRIVATE_CONTRACT);
	// A number the billing system cannot have issued matches nobody, and is not stored as a key.
	if (!checkContractNumber(contractNumber).ok) return { ok: false, reason: 'failed' };
	const identity = readIdentityCode(code);
	// A code that fails its own checksum cannot match anyone, so it tells nothing and costs no guess.
	if (identity.kind !== 'personal') return { ok: false, reason: 'invalid_code' };
	const target = `contract:${contractNumber.trim()}`;
	const keys = await throttleKeys(ctx, target);
	const wait = await throttled(ctx, keys, 'contract');
	if (wait) return wait;
	const customer = await findCustomerByContract(ctx.db, contractNumber);
	if (!customer || customer.kind !== 'private' || !customerHasCode(customer, identity, ctx.key))
		return failed(ctx, keys, 'contract', customer?.id);
	await clearFailures(ctx.db, keys);
	return signIn(
		ctx,
		{
			kind: isDemoContract(customer.contractNumber) ? 'demo' : 'contract',
			customerId: customer.id,
			accountId: null
		},
		{ contract: customer.contractNumber },
		target
	);
}

/** "Reģistrētiem lietotājiem": e-mail and password. */
export async function loginWithEmail(
	ctx: AuthContext,
	email: string,
	password: string
): Promise<LoginResult> {
	if (email.trim() === DEMO_EMAIL && password === DEMO_EMAIL)
		return demoLogin(ctx, DEMO_LEGAL_CONTRACT);
	const address = email.trim().toLowerCase();
	// No account has an address longer than an e-mail address may be.
	if (address.length > EMAIL_MAX) return { ok: false, reason: 'failed' };
	const target = `email:${address}`;
	const keys = await throttleKeys(ctx, target);
	const wait = await throttled(ctx, keys, 'email');
	if (wait) return wait;
	const account = await ctx.db
		.selectFrom('account')
		.select(['id', 'password_hash', 'email_confirmed_at'])
		.where('email', '=', address)
		.executeTakeFirst();
	// An address with no account yet may have a registration waiting for its link.
	const pendingHash = account ? null : await pendingRegistrationHash(ctx, address);
	// An unknown e-mail costs the same argon2 work as a known one, so timing does not tell
	// them apart. No password longer than the rule allows was ever set, so it cannot match.
	const valid =
		[...password].length <= PASSWORD_MAX &&
		(await verifyPassword(account?.password_hash ?? pendingHash ?? (await decoyHash()), password));
	if (valid && pendingHash) return { ok: false, reason: 'unconfirmed' };
	if (!account || !valid) return failed(ctx, keys, 'email');
	if (account.email_confirmed_at === null) return { ok: false, reason: 'unconfirmed' };
	const contract = await ctx.db
		.selectFrom('account_customer')
		.select('customer_id')
		.where('account_id', '=', account.id)
		.orderBy('linked_at')
		.orderBy('customer_id')
		.executeTakeFirst();
	if (!contract) return failed(ctx, keys, 'email');
	await clearFailures(ctx.db, keys);
	return signIn(
		ctx,
		{ kind: 'account', customerId: contract.customer_id, accountId: account.id },
		{},
		target
	);
}
