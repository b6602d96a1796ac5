import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	changePassword,
	confirmEmailChange,
	linkContract,
	listContracts,
	requestEmailChange,
	switchContract
} from '../../src/lib/server/auth/account-settings';
import {
	loginWithContract,
	loginWithEmail,
	type LoginResult
} from '../../src/lib/server/auth/login';
import { requestPasswordReset, resetPassword } from '../../src/lib/server/auth/password-reset';
import { confirmEmail, register } from '../../src/lib/server/auth/registration';
import { validateSessionToken } from '../../src/lib/server/auth/session';

// The tests' clock (auth-helpers' context): sessions are checked at the time they were made.
const SIGNED_IN_AT = new Date('2026-11-23T10:00:00Z');
import type { Db } from '../../src/lib/server/db/index';
import { context, LEGAL, lastLinkToken, later, loadCustomers, PRIVATE } from './auth-helpers';
import { memoryDb } from './helpers';

const PASSWORD = 'Gaujas krasts 2026';
let db: Db;

beforeEach(async () => {
	db = await memoryDb();
	await loadCustomers(db);
});
afterEach(() => {
	delete process.env.DEMO_LOGINS;
});

const personal = (value: string) => ({ kind: 'personal' as const, value: value.replace('-', '') });
const registration = (value: string) => ({ kind: 'registration' as const, value });

async function registeredAccount(email = 'liga@example.lv') {
	const ctx = context(db);
	expect(
		await register(ctx, {
			contractNumber: LEGAL.contract,
			code: registration(LEGAL.code),
			email,
			password: PASSWORD
		})
	).toEqual({ ok: true });
	expect((await confirmEmail(ctx, await lastLinkToken(db, email))).ok).toBe(true);
	return ctx;
}

function token(result: LoginResult): string {
	if (!result.ok) throw new Error(`login failed: ${result.reason}`);
	return result.token;
}

describe('contract + personal code login', () => {
	it('lets the private person in, and refuses a wrong code, a legal entity and a bad checksum', async () => {
		const ctx = context(db);
		const ok = await loginWithContract(ctx, PRIVATE.contract, PRIVATE.code);
		expect((await validateSessionToken(db, token(ok), SIGNED_IN_AT))?.customer.contractNumber).toBe(
			'F-1'
		);
		expect(await loginWithContract(ctx, PRIVATE.contract, '010101-10006')).toEqual({
			ok: false,
			reason: 'failed'
		});
		expect(await loginWithContract(ctx, LEGAL.contract, LEGAL.code)).toEqual({
			ok: false,
			reason: 'invalid_code'
		});
		expect(await loginWithContract(ctx, PRIVATE.contract, '161175-19996')).toEqual({
			ok: false,
			reason: 'invalid_code'
		});
		expect(await loginWithContract(ctx, 'no-such', PRIVATE.code)).toEqual({
			ok: false,
			reason: 'failed'
		});
	});

	it('throttles guesses against one contract from many addresses, and lets the customer in after the wait', async () => {
		const start = context(db);
		const results = [];
		for (let i = 0; i < 50; i++)
			results.push(
				await loginWithContract(
					later(start, i * 100, `10.0.${i}.1`),
					PRIVATE.contract,
					'010101-10006'
				)
			);
		const throttled = results.filter((r) => !r.ok && r.reason === 'throttled');
		expect(throttled.length).toBeGreaterThan(40);
		const right = later(start, 5000, '192.0.2.7');
		const blocked = await loginWithContract(right, PRIVATE.contract, PRIVATE.code);
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		const wait = !blocked.ok && blocked.reason === 'throttled' ? blocked.retryAfterSeconds : 0;
		expect(
			(await loginWithContract(later(right, wait * 1000), PRIVATE.contract, PRIVATE.code)).ok
		).toBe(true);
		const audit = await db
			.selectFrom('audit_event')
			.select(['event', 'outcome'])
			.where('event', '=', 'throttled')
			.execute();
		expect(audit.length).toBe(throttled.length + 1);
	});

	it('lets a browser that signed in before in at once while an attacker keeps the contract and e-mail throttled (issue 13.12)', async () => {
		await registeredAccount('owner@example.lv');
		const home = later(context(db), 0, '192.0.2.7');
		const byContract = await loginWithContract(home, PRIVATE.contract, PRIVATE.code);
		const byEmail = await loginWithEmail(
			{ ...home, device: byContract.ok ? (byContract.device?.token ?? null) : null },
			'owner@example.lv',
			PASSWORD
		);
		if (!byContract.ok || !byEmail.ok) throw new Error('the owner could not sign in');
		// One device cookie per browser, trusted for each contract and e-mail it signed in to.
		expect(byEmail.device?.token).toBe(byContract.device?.token);
		const device = byContract.device!.token;
		// An hour of wrong guesses from many addresses, one each time the delay runs out.
		let at = later(home, 60_000);
		for (let i = 0; i < 60; i++) {
			at = later(at, 20_000, `10.6.${i}.1`);
			await loginWithContract(at, PRIVATE.contract, '010101-10006');
			await loginWithEmail(at, 'owner@example.lv', 'Nepareiza parole 1');
		}
		const stranger = later(at, 1000, '198.51.100.1');
		expect(await loginWithContract(stranger, PRIVATE.contract, PRIVATE.code)).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
		expect(await loginWithEmail(stranger, 'owner@example.lv', PASSWORD)).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
		const owner = { ...later(at, 1000, '192.0.2.7'), device };
		expect((await loginWithContract(owner, PRIVATE.contract, PRIVATE.code)).ok).toBe(true);
		expect((await loginWithEmail(owner, 'owner@example.lv', PASSWORD)).ok).toBe(true);
		// The device is trusted for what it signed in to, not for another contract.
		expect(
			await db.selectFrom('trusted_device').select('target').orderBy('target').execute()
		).toEqual([{ target: 'contract:F-1' }, { target: 'email:owner@example.lv' }]);
		// Wrong guesses with a trusted device are throttled on that device alone.
		for (let i = 0; i < 4; i++)
			await loginWithContract(later(owner, 2000 + i), PRIVATE.contract, '010101-10006');
		expect(
			await loginWithContract({ ...later(owner, 2010), device }, PRIVATE.contract, '010101-10006')
		).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('opens the view-only demo with demo/demo, unless demo logins are switched off', async () => {
		const ctx = context(db);
		const demo = await loginWithContract(ctx, 'demo', 'demo');
		expect(await validateSessionToken(db, token(demo), SIGNED_IN_AT)).toMatchObject({
			viewOnly: true,
			customer: { contractNumber: 'demo' }
		});
		process.env.DEMO_LOGINS = 'off';
		expect(await loginWithContract(ctx, 'demo', 'demo')).toEqual({ ok: false, reason: 'demo_off' });
	});
});

describe('the demo contracts (issue 13.7)', () => {
	it('are view-only whatever proved them, and can be neither registered nor added', async () => {
		const ctx = context(db);
		// The code the demo generator gives the demo contract, as the export holds it.
		const signedIn = await loginWithContract(ctx, 'demo', '010101-10006');
		expect((await validateSessionToken(db, token(signedIn), SIGNED_IN_AT))?.viewOnly).toBe(true);
		expect(
			await register(ctx, {
				contractNumber: 'demo',
				code: personal('010101-10006'),
				email: 'demo-owner@example.lv',
				password: PASSWORD
			})
		).toEqual({ ok: false, reason: 'demo' });
		expect(await db.selectFrom('registration').select('id').execute()).toEqual([]);
		await registeredAccount();
		const account = await db.selectFrom('account').select('id').executeTakeFirstOrThrow();
		expect(await linkContract(ctx, account.id, 'demo', personal('010101-10006'))).toEqual({
			ok: false,
			reason: 'demo'
		});
	});
});

describe('registration', () => {
	it('needs a contract and code that match, and answers a mismatch the same whichever part is wrong', async () => {
		const ctx = context(db);
		const wrongCode = await register(ctx, {
			contractNumber: LEGAL.contract,
			code: registration('40103521601'),
			email: 'a@example.lv',
			password: PASSWORD
		});
		const wrongContract = await register(ctx, {
			contractNumber: 'J-404',
			code: registration(LEGAL.code),
			email: 'a@example.lv',
			password: PASSWORD
		});
		expect(wrongCode).toEqual({ ok: false, reason: 'mismatch' });
		expect(wrongContract).toEqual(wrongCode);
		expect(await db.selectFrom('account').select('id').execute()).toEqual([]);
	});

	it('works only after the e-mailed link is opened, and the link works once', async () => {
		const ctx = context(db);
		await register(ctx, {
			contractNumber: PRIVATE.contract,
			code: personal(PRIVATE.code),
			email: 'liga@example.lv',
			password: PASSWORD
		});
		expect(await loginWithEmail(ctx, 'liga@example.lv', PASSWORD)).toEqual({
			ok: false,
			reason: 'unconfirmed'
		});
		const link = await lastLinkToken(db, 'liga@example.lv');
		const stored = await db.selectFrom('email_token').select('id').execute();
		expect(JSON.stringify(stored)).not.toContain(link);
		expect((await confirmEmail(ctx, link)).ok).toBe(true);
		expect(await confirmEmail(ctx, link)).toEqual({ ok: false, reason: 'used' });
		const login = await loginWithEmail(ctx, '  Liga@Example.LV ', PASSWORD);
		expect((await validateSessionToken(db, token(login), SIGNED_IN_AT))?.account?.email).toBe(
			'liga@example.lv'
		);
	});

	it('lets a confirmation link expire after 24 hours', async () => {
		const ctx = context(db);
		await register(ctx, {
			contractNumber: PRIVATE.contract,
			code: personal(PRIVATE.code),
			email: 'liga@example.lv',
			password: PASSWORD
		});
		expect(
			await confirmEmail(
				later(ctx, 24 * 60 * 60 * 1000 + 1),
				await lastLinkToken(db, 'liga@example.lv')
			)
		).toEqual({ ok: false, reason: 'expired' });
	});

	it('gives an existing e-mail the same answer and tells the mailbox owner by mail instead', async () => {
		const ctx = await registeredAccount();
		const again = await register(ctx, {
			contractNumber: PRIVATE.contract,
			code: personal(PRIVATE.code),
			email: 'liga@example.lv',
			password: 'Cits teikums 2027'
		});
		expect(again).toEqual({ ok: true });
		const last = await db
			.selectFrom('outbox')
			.select(['subject', 'text_body'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(last.subject).toContain('jau ir konts');
		expect((await loginWithEmail(ctx, 'liga@example.lv', PASSWORD)).ok).toBe(true);
	});

	it('never lets a second registration of a pending e-mail take the account over (issue 13.1)', async () => {
		const victim = context(db, '2026-11-23T10:00:00Z', '10.0.0.1');
		const attacker = later(victim, 60_000, '10.6.6.6');
		const email = 'liga@example.lv';
		expect(
			await register(victim, {
				contractNumber: PRIVATE.contract,
				code: personal(PRIVATE.code),
				email,
				password: PASSWORD
			})
		).toEqual({ ok: true });
		const victimLink = await lastLinkToken(db, email);
		// The attacker's own contract and password, the victim's e-mail: the same neutral answer.
		expect(
			await register(attacker, {
				contractNumber: LEGAL.contract,
				code: registration(LEGAL.code),
				email,
				password: 'Uzbrucēja parole 99'
			})
		).toEqual({ ok: true });
		const told = await db
			.selectFrom('outbox')
			.select(['subject', 'text_body'])
			.where('recipient', '=', email)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		// The mailbox owner is told that this second registration is another one, and for which contract.
		expect(told.text_body).toContain(LEGAL.contract);
		expect(told.text_body).toContain('vēl viena');
		// The victim opens the newest mail: it confirms the attacker's registration only.
		const attackerLink = await lastLinkToken(db, email);
		expect(attackerLink).not.toBe(victimLink);
		expect((await confirmEmail(later(victim, 120_000), attackerLink)).ok).toBe(true);
		const signedIn = await loginWithEmail(later(attacker, 180_000), email, 'Uzbrucēja parole 99');
		const user = await validateSessionToken(db, token(signedIn), new Date('2026-11-23T10:03:00Z'));
		expect(user?.customer.contractNumber).toBe(LEGAL.contract);
		const contracts = await listContracts({ db }, user!.account!.id);
		expect(contracts.map((c) => c.contractNumber)).toEqual([LEGAL.contract]);
		// The victim's own link confirms nothing once the address has an account, and changes nothing.
		expect(await confirmEmail(later(victim, 240_000), victimLink)).toEqual({
			ok: false,
			reason: 'taken'
		});
		expect((await listContracts({ db }, user!.account!.id)).map((c) => c.contractNumber)).toEqual([
			LEGAL.contract
		]);
		expect((await loginWithEmail(later(victim, 300_000), email, PASSWORD)).ok).toBe(false);
	});

	it('confirms, with its own link, exactly the password and contract that registration asked for', async () => {
		const first = context(db);
		const email = 'liga@example.lv';
		await register(first, {
			contractNumber: PRIVATE.contract,
			code: personal(PRIVATE.code),
			email,
			password: PASSWORD
		});
		const firstLink = await lastLinkToken(db, email);
		await register(later(first, 1000, '10.6.6.6'), {
			contractNumber: LEGAL.contract,
			code: registration(LEGAL.code),
			email,
			password: 'Uzbrucēja parole 99'
		});
		expect((await confirmEmail(later(first, 2000), firstLink)).ok).toBe(true);
		const signedIn = await loginWithEmail(later(first, 3000), email, PASSWORD);
		const user = await validateSessionToken(db, token(signedIn), new Date('2026-11-23T10:00:03Z'));
		expect((await listContracts({ db }, user!.account!.id)).map((c) => c.contractNumber)).toEqual([
			PRIVATE.contract
		]);
		expect((await loginWithEmail(later(first, 4000), email, 'Uzbrucēja parole 99')).ok).toBe(false);
	});

	it('limits the mail one address can be sent', async () => {
		const ctx = context(db);
		const results = [];
		for (let i = 0; i < 7; i++)
			results.push(
				await register(ctx, {
					contractNumber: PRIVATE.contract,
					code: personal(PRIVATE.code),
					email: 'flood@example.lv',
					password: PASSWORD
				})
			);
		expect(results.slice(5)).toEqual([
			{ ok: false, reason: 'too_many' },
			{ ok: false, reason: 'too_many' }
		]);
	});
});

describe('password reset', () => {
	it('answers alike for known and unknown e-mails, and mails only the known one', async () => {
		const ctx = await registeredAccount();
		const before = (await db.selectFrom('outbox').select('id').execute()).length;
		expect(await requestPasswordReset(ctx, 'nobody@example.lv')).toBe(true);
		expect((await db.selectFrom('outbox').select('id').execute()).length).toBe(before);
		expect(await requestPasswordReset(ctx, 'liga@example.lv')).toBe(true);
		expect((await db.selectFrom('outbox').select('id').execute()).length).toBe(before + 1);
	});

	it('sets the new password, ends every session, and the link works once within the hour', async () => {
		const ctx = await registeredAccount();
		const session = token(await loginWithEmail(ctx, 'liga@example.lv', PASSWORD));
		await requestPasswordReset(ctx, 'liga@example.lv');
		const link = await lastLinkToken(db, 'liga@example.lv');
		expect((await resetPassword(ctx, link, 'Jauna parole pie jūras')).ok).toBe(true);
		expect(await validateSessionToken(db, session, SIGNED_IN_AT)).toBeNull();
		expect(await resetPassword(ctx, link, 'Vēl cita parole 1')).toEqual({
			ok: false,
			reason: 'used'
		});
		expect((await loginWithEmail(ctx, 'liga@example.lv', 'Jauna parole pie jūras')).ok).toBe(true);
		await requestPasswordReset(ctx, 'liga@example.lv');
		expect(
			await resetPassword(
				later(ctx, 60 * 60 * 1000 + 1),
				await lastLinkToken(db, 'liga@example.lv'),
				'Vēl cita parole 1'
			)
		).toEqual({ ok: false, reason: 'expired' });
	});
});

describe('account settings', () => {
	it('add a second contract by its number and code, and switch between them', async () => {
		const ctx = await registeredAccount();
		const login = token(await loginWithEmail(ctx, 'liga@example.lv', PASSWORD));
		const user = (await validateSessionToken(db, login, SIGNED_IN_AT))!;
		const accountId = user.account!.id;
		expect(await linkContract(ctx, accountId, PRIVATE.contract, personal('010101-10006'))).toEqual({
			ok: false,
			reason: 'mismatch'
		});
		expect(
			await linkContract(later(ctx, 1000), accountId, PRIVATE.contract, personal(PRIVATE.code))
		).toEqual({ ok: true, contractNumber: 'F-1' });
		expect(await linkContract(ctx, accountId, PRIVATE.contract, personal(PRIVATE.code))).toEqual({
			ok: false,
			reason: 'already'
		});
		const contracts = await listContracts(ctx, accountId);
		expect(contracts.map((c) => c.contractNumber)).toEqual(['J-1', 'F-1']);
		expect(
			await switchContract(ctx, { id: user.session.id, accountId }, contracts[1]!.customerId)
		).toBe(true);
		expect((await validateSessionToken(db, login, SIGNED_IN_AT))?.customer.contractNumber).toBe(
			'F-1'
		);
		const demo = await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', 'demo')
			.executeTakeFirstOrThrow();
		expect(await switchContract(ctx, { id: user.session.id, accountId }, demo.id)).toBe(false);
	});

	it('change the password only with the current one, ending the other sessions', async () => {
		const ctx = await registeredAccount();
		const first = token(await loginWithEmail(ctx, 'liga@example.lv', PASSWORD));
		const second = token(await loginWithEmail(ctx, 'liga@example.lv', PASSWORD));
		const user = (await validateSessionToken(db, second, SIGNED_IN_AT))!;
		const session = { id: user.session.id, accountId: user.account!.id };
		expect(await changePassword(ctx, session, 'wrong one', 'Jauna parole pie jūras')).toBe(false);
		expect(await changePassword(ctx, session, PASSWORD, 'Jauna parole pie jūras')).toBe(true);
		expect(await validateSessionToken(db, first, SIGNED_IN_AT)).toBeNull();
		expect(await validateSessionToken(db, second, SIGNED_IN_AT)).not.toBeNull();
	});

	it('change the e-mail once the new address confirms it, and tell the old one', async () => {
		const ctx = await registeredAccount();
		const user = (await validateSessionToken(
			db,
			token(await loginWithEmail(ctx, 'liga@example.lv', PASSWORD)),
			SIGNED_IN_AT
		))!;
		expect(await requestEmailChange(ctx, user.account!.id, 'jauna@example.lv')).toBe(true);
		expect((await confirmEmailChange(ctx, await lastLinkToken(db, 'jauna@example.lv'))).ok).toBe(
			true
		);
		expect((await loginWithEmail(ctx, 'jauna@example.lv', PASSWORD)).ok).toBe(true);
		const notice = await db
			.selectFrom('outbox')
			.select('subject')
			.where('recipient', '=', 'liga@example.lv')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(notice.subject).toContain('nomainīts');
	});
});
