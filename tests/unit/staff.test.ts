/**
 * The staff console's accounts and sign-in (issue 18): the invitation, the password and TOTP
 * steps with a turned clock, recovery codes, throttling, session limits, and a clerk's answer
 * to a request with its version check, e-mail and audit rows.
 */
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '@oslojs/encoding';
import type { Db } from '../../src/lib/server/db/index';
import { addStaff, disableStaff, resetTwoFactor } from '../../src/lib/server/staff/account';
import { acceptInvitation } from '../../src/lib/server/staff/invitation';
import {
	STAFF_IDLE_TIMEOUT_MS,
	STAFF_LIFETIME_MS,
	validateStaffSession,
	type StaffUser
} from '../../src/lib/server/staff/session';
import {
	encodeSetupKey,
	setUpTwoFactor,
	signInStaff,
	useRecoveryCode,
	verifyTwoFactor
} from '../../src/lib/server/staff/sign-in';
import {
	codeAt,
	keyUri,
	matchCode,
	newTotpKey,
	STEP_SECONDS
} from '../../src/lib/server/staff/totp';
import { changeRequestState, listQueue } from '../../src/lib/server/staff/queue';
import { reportMissedCollection } from '../../src/lib/server/service-request';
import {
	getEInvoiceStatus,
	requestElectronicInvoices
} from '../../src/lib/server/customer-request';
import { markAgreement } from '../../src/lib/server/staff/agreement';
import { searchCustomers, startCustomerView } from '../../src/lib/server/staff/customer-lookup';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { DEFAULT_FILTER } from '../../src/lib/domain/staff-queue';
import {
	header,
	KEY,
	memoryDb,
	privateCustomer,
	runImport,
	tempDir,
	writeJsonLines
} from './helpers';

// The TOTP keys are sealed under a key derived from the portal's secret.
process.env.PERSONAL_CODE_KEY ??= KEY.toString('hex');

const ORIGIN = 'https://klientiem.test';
const PASSWORD = 'zaļš kalns pie upes';
const STEP_MS = STEP_SECONDS * 1000;

describe('TOTP', () => {
	const key = newTotpKey();
	// The start of a time step, and the code of that step.
	const start = new Date(Math.floor(Date.parse('2026-12-02T10:00:00Z') / STEP_MS) * STEP_MS);
	const code = codeAt(key, start);
	const at = (ms: number) => new Date(start.getTime() + ms);

	it('accepts a code one step either side, to the millisecond, and no further', () => {
		expect(code).toMatch(/^\d{6}$/);
		expect(matchCode(key, code, start, null)).not.toBeNull();
		// The phone a step ahead: the server's clock is in the step before.
		expect(matchCode(key, code, at(-STEP_MS), null)).not.toBeNull();
		expect(matchCode(key, code, at(-STEP_MS - 1), null)).toBeNull();
		// The phone a step behind: the server is in the step after.
		expect(matchCode(key, code, at(2 * STEP_MS - 1), null)).not.toBeNull();
		expect(matchCode(key, code, at(2 * STEP_MS), null)).toBeNull();
		// Spaces as apps show it; anything but six digits is not looked at.
		expect(matchCode(key, `${code.slice(0, 3)} ${code.slice(3)}`, start, null)).not.toBeNull();
		expect(matchCode(key, `${code}0`, start, null)).toBeNull();
		expect(matchCode(newTotpKey(), code, start, null)).toBeNull();
	});

	it('gives authenticator apps the key, six digits and 30 s steps', () => {
		const uri = new URL(keyUri('anna@example.lv', key));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.searchParams.get('secret')).toMatch(/^[A-Z2-7]{32}$/);
		expect(Object.fromEntries(uri.searchParams)).toMatchObject({
			issuer: 'Klientiem',
			digits: '6',
			period: '30',
			algorithm: 'SHA1'
		});
	});

	it('never accepts a step already used', () => {
		const step = matchCode(key, code, start, null)!;
		expect(matchCode(key, code, start, step)).toBeNull();
		expect(matchCode(key, codeAt(key, at(STEP_MS)), at(STEP_MS), step)).toBe(step + 1);
	});
});

const NOW = new Date('2026-12-02T10:00:00Z');
const ctxAt = (db: Db, now: Date, clientAddress = '10.0.0.5') => ({ db, now, clientAddress });

/** A staff member through the invitation; signed in with the password only. */
async function invited(db: Db, email: string, role: 'admin' | 'clerk' = 'clerk') {
	const made = await addStaff(db, { email, role }, ORIGIN, NOW);
	if (!('link' in made)) throw new Error(made.refused);
	const token = made.link.split('/').at(-1)!;
	const accepted = await acceptInvitation(ctxAt(db, NOW), token, PASSWORD);
	if (!('staffId' in accepted)) throw new Error(accepted.refused);
	return { token, staffId: accepted.staffId };
}

async function passwordStep(db: Db, email: string, now = NOW): Promise<StaffUser> {
	const signed = await signInStaff(ctxAt(db, now), { email, password: PASSWORD });
	if (!('token' in signed)) throw new Error(JSON.stringify(signed));
	return (await validateStaffSession(db, signed.token, now))!;
}

/** Signed in with both factors, the app set up; the key and the recovery codes. */
async function signedIn(db: Db, email: string, role: 'admin' | 'clerk' = 'clerk') {
	await invited(db, email, role);
	const half = await passwordStep(db, email);
	const key = newTotpKey();
	const set = await setUpTwoFactor(ctxAt(db, NOW), half, {
		key: encodeSetupKey(key),
		code: codeAt(key, NOW)
	});
	if (!('recoveryCodes' in set)) throw new Error(JSON.stringify(set));
	return { key, recoveryCodes: set.recoveryCodes };
}

const audit = (db: Db) =>
	db
		.selectFrom('audit_event')
		.select(['event', 'outcome', 'staff_id', 'client_address'])
		.orderBy('id')
		.execute();

describe('a staff account', () => {
	it('is made by an invitation that sets the password once', async () => {
		const db = await memoryDb();
		const made = await addStaff(db, { email: 'Anna@Example.lv', role: 'clerk' }, ORIGIN, NOW);
		expect(made).toEqual({
			link: expect.stringMatching(/^https:\/\/klientiem\.test\/staff\/invitation\/[a-z2-7]{32}$/)
		});
		const mail = await db
			.selectFrom('outbox')
			.select(['recipient', 'text_body'])
			.executeTakeFirstOrThrow();
		expect(mail.recipient).toBe('anna@example.lv');
		expect(mail.text_body).toContain('link' in made ? made.link : '');
		expect(await addStaff(db, { email: 'anna@example.lv', role: 'admin' }, ORIGIN, NOW)).toEqual({
			refused: 'taken'
		});
		expect(await addStaff(db, { email: 'nav adrese', role: 'admin' }, ORIGIN, NOW)).toEqual({
			refused: 'bad_email'
		});
		const token = ('link' in made ? made.link : '').split('/').at(-1)!;
		expect(await acceptInvitation(ctxAt(db, NOW), token, 'short')).toEqual({
			refused: 'too_short'
		});
		expect(await acceptInvitation(ctxAt(db, NOW), token, PASSWORD)).toEqual({
			staffId: expect.any(Number)
		});
		expect(await acceptInvitation(ctxAt(db, NOW), token, PASSWORD)).toEqual({ refused: 'link' });
		// Three days, no more.
		const late = await addStaff(db, { email: 'late@example.lv', role: 'clerk' }, ORIGIN, NOW);
		const lateToken = ('link' in late ? late.link : '').split('/').at(-1)!;
		const after = new Date(NOW.getTime() + 3 * 86_400_000);
		expect(await acceptInvitation(ctxAt(db, after), lateToken, PASSWORD)).toEqual({
			refused: 'link'
		});
	});

	it('signs in with the password, then the code; the code works once', async () => {
		const db = await memoryDb();
		const { key } = await signedIn(db, 'anna@example.lv');
		const later = new Date(NOW.getTime() + 5 * STEP_MS);
		const half = await passwordStep(db, 'anna@example.lv', later);
		expect(half).toMatchObject({ twoFactorVerified: false, hasTwoFactor: true, role: 'clerk' });
		const code = codeAt(key, later);
		expect(await verifyTwoFactor(ctxAt(db, later), half, '000000')).toEqual({ refused: 'wrong' });
		expect(await verifyTwoFactor(ctxAt(db, later), half, code)).toBe('verified');
		// The same code in another session is spent.
		const other = await passwordStep(db, 'anna@example.lv', later);
		expect(await verifyTwoFactor(ctxAt(db, later), other, code)).toEqual({ refused: 'wrong' });
		const key64 = (await db.selectFrom('staff_user').select('totp_key').executeTakeFirstOrThrow())
			.totp_key!;
		// Kept sealed: the stored value is not the key.
		expect(Buffer.from(decodeBase64(key64)).includes(Buffer.from(key))).toBe(false);
		expect(await audit(db)).toEqual(
			expect.arrayContaining([
				{
					event: 'staff_invitation',
					outcome: 'success',
					staff_id: expect.any(Number),
					client_address: expect.any(String)
				},
				{
					event: 'staff_login',
					outcome: 'success',
					staff_id: expect.any(Number),
					client_address: '10.0.0.5'
				},
				{
					event: 'staff_two_factor',
					outcome: 'failure',
					staff_id: expect.any(Number),
					client_address: '10.0.0.5'
				},
				{
					event: 'staff_two_factor',
					outcome: 'success',
					staff_id: expect.any(Number),
					client_address: '10.0.0.5'
				},
				{
					event: 'staff_two_factor_setup',
					outcome: 'success',
					staff_id: expect.any(Number),
					client_address: '10.0.0.5'
				}
			])
		);
	});

	it('has ten recovery codes, kept hashed, each usable once', async () => {
		const db = await memoryDb();
		const { recoveryCodes } = await signedIn(db, 'anna@example.lv');
		expect(new Set(recoveryCodes).size).toBe(10);
		const stored = await db.selectFrom('staff_recovery_code').select('code_hash').execute();
		expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);
		const first = await passwordStep(db, 'anna@example.lv');
		expect(await useRecoveryCode(ctxAt(db, NOW), first, recoveryCodes[0]!.toUpperCase())).toBe(
			'verified'
		);
		const verified = await db
			.selectFrom('staff_session')
			.select('two_factor_verified')
			.where('id', '=', first.sessionId)
			.executeTakeFirstOrThrow();
		expect(verified.two_factor_verified).toBe(1);
		const second = await passwordStep(db, 'anna@example.lv');
		expect(await useRecoveryCode(ctxAt(db, NOW), second, recoveryCodes[0]!)).toEqual({
			refused: 'wrong'
		});
		expect(await useRecoveryCode(ctxAt(db, NOW), second, recoveryCodes[1]!)).toBe('verified');
	});

	it('throttles wrong passwords and codes, and says so in the audit', async () => {
		const db = await memoryDb();
		const { key } = await signedIn(db, 'anna@example.lv');
		const wrong = { email: 'anna@example.lv', password: 'nepareiza parole' };
		for (let i = 0; i < 4; i++)
			expect(await signInStaff(ctxAt(db, NOW), wrong)).toEqual({ refused: 'wrong' });
		// Past the free attempts: even the right password waits.
		expect(await signInStaff(ctxAt(db, NOW), { ...wrong, password: PASSWORD })).toEqual({
			refused: 'throttled',
			waitMs: 1000
		});
		const later = new Date(NOW.getTime() + 2000);
		const half = await passwordStep(db, 'anna@example.lv', later);
		for (let i = 0; i < 4; i++)
			expect(await verifyTwoFactor(ctxAt(db, later), half, '000000')).toEqual({ refused: 'wrong' });
		expect(await verifyTwoFactor(ctxAt(db, later), half, codeAt(key, later))).toMatchObject({
			refused: 'throttled'
		});
		expect((await audit(db)).filter((row) => row.event === 'throttled')).toHaveLength(2);
	});

	it('ends a session 15 minutes idle or 8 hours after sign-in, and when disabled', async () => {
		const db = await memoryDb();
		await signedIn(db, 'anna@example.lv');
		const signed = await signInStaff(ctxAt(db, NOW), {
			email: 'anna@example.lv',
			password: PASSWORD
		});
		if (!('token' in signed)) throw new Error('refused');
		const at = (ms: number) => new Date(NOW.getTime() + ms);
		expect(
			await validateStaffSession(db, signed.token, at(STAFF_IDLE_TIMEOUT_MS - 1000))
		).not.toBeNull();
		let t = STAFF_IDLE_TIMEOUT_MS - 1000;
		// Kept in use, it lasts its 8 hours and no more.
		while (t + 10 * 60_000 < STAFF_LIFETIME_MS) {
			t += 10 * 60_000;
			expect(await validateStaffSession(db, signed.token, at(t))).not.toBeNull();
		}
		expect(await validateStaffSession(db, signed.token, at(STAFF_LIFETIME_MS))).toBeNull();
		const idle = await signInStaff(ctxAt(db, NOW), {
			email: 'anna@example.lv',
			password: PASSWORD
		});
		if (!('token' in idle)) throw new Error('refused');
		expect(await validateStaffSession(db, idle.token, at(STAFF_IDLE_TIMEOUT_MS))).toBeNull();
		const open = await signInStaff(ctxAt(db, NOW), {
			email: 'anna@example.lv',
			password: PASSWORD
		});
		if (!('token' in open)) throw new Error('refused');
		expect(await disableStaff(db, 'anna@example.lv', NOW)).toBe(true);
		expect(await validateStaffSession(db, open.token, NOW)).toBeNull();
		expect(
			await signInStaff(ctxAt(db, NOW), { email: 'anna@example.lv', password: PASSWORD })
		).toEqual({ refused: 'wrong' });
	});

	it('after a reset of the second factor, sets up a new app', async () => {
		const db = await memoryDb();
		const { recoveryCodes } = await signedIn(db, 'anna@example.lv');
		expect(await resetTwoFactor(db, 'anna@example.lv')).toBe(true);
		const half = await passwordStep(db, 'anna@example.lv');
		expect(half.hasTwoFactor).toBe(false);
		expect(await useRecoveryCode(ctxAt(db, NOW), half, recoveryCodes[2]!)).toEqual({
			refused: 'wrong'
		});
		const key = newTotpKey();
		expect(
			await setUpTwoFactor(ctxAt(db, NOW), half, {
				key: encodeSetupKey(key),
				code: codeAt(key, NOW)
			})
		).toMatchObject({ recoveryCodes: expect.any(Array) });
	});
});

describe("a clerk's answer to a request", () => {
	async function withRequest() {
		const db = await memoryDb();
		const customer = privateCustomer('R-1');
		const file = writeJsonLines(tempDir(), [
			header(),
			{
				...customer,
				containers: [
					{ ...customer.containers[0]!, dates: ['2026-11-09', '2026-11-23', '2026-12-07'] }
				]
			}
		]);
		expect((await runImport(db, file)).problems).toEqual([]);
		const { id } = await db.selectFrom('customer').select('id').executeTakeFirstOrThrow();
		const made = await reportMissedCollection(
			{ db, now: new Date('2026-11-24T07:00:00Z'), origin: ORIGIN },
			{ customerId: id, accountId: null, sessionKind: 'contract', locale: 'lv' },
			{
				containerCode: 'K1',
				date: '2026-11-23',
				place: 'kerb',
				placeNote: null,
				contact: { name: 'Līga Ozoliņa', phone: null, email: 'liga@example.lv' }
			},
			'18:00'
		);
		if (!('reference' in made)) throw new Error(JSON.stringify(made));
		await signedIn(db, 'anna@example.lv');
		await invited(db, 'janis@example.lv');
		const anna = await passwordStep(db, 'anna@example.lv');
		const janis = await passwordStep(db, 'janis@example.lv');
		return { db, reference: made.reference, anna, janis };
	}

	it('moves it on, mails the note and is audited; the second clerk is refused', async () => {
		const { db, reference, anna, janis } = await withRequest();
		const ctx = { ...ctxAt(db, NOW), origin: ORIGIN };
		const queued = await listQueue(db, DEFAULT_FILTER, NOW);
		expect(queued.items.map((i) => [i.id, i.state])).toEqual([[reference, 'submitted']]);
		const change = {
			reference,
			state: 'scheduled' as const,
			note: 'Atbrauksim piektdien.',
			returnDate: '2026-12-04',
			version: 1
		};
		expect(await changeRequestState(ctx, anna, change)).toEqual({ changed: true });
		// Jānis read the same page, at version 1.
		expect(
			await changeRequestState(ctx, janis, { ...change, state: 'rejected', note: 'Nē.' })
		).toEqual({ refused: 'stale' });
		const request = await db
			.selectFrom('service_request')
			.select(['state', 'return_date', 'version'])
			.executeTakeFirstOrThrow();
		expect(request).toEqual({ state: 'scheduled', return_date: '2026-12-04', version: 2 });
		const mail = await db
			.selectFrom('outbox')
			.select(['recipient', 'text_body'])
			.where('idempotency_key', '=', `request:${reference}:scheduled`)
			.executeTakeFirstOrThrow();
		expect(mail).toMatchObject({
			recipient: 'liga@example.lv',
			text_body: expect.stringContaining('Atbrauksim piektdien.')
		});
		const changes = await db
			.selectFrom('audit_event')
			.select(['staff_id', 'detail', 'client_address'])
			.where('event', '=', 'staff_request_state')
			.execute();
		expect(changes).toEqual([
			{
				staff_id: anna.id,
				detail: JSON.stringify({ reference, from: 'submitted', to: 'scheduled' }),
				client_address: '10.0.0.5'
			}
		]);
		// Backwards is refused, and so is a resolved request.
		expect(
			await changeRequestState(ctx, janis, { ...change, state: 'received', version: 2 })
		).toEqual({ refused: 'not_onward' });
		expect(
			await changeRequestState(ctx, janis, {
				...change,
				state: 'collected',
				note: null,
				version: 2
			})
		).toEqual({ changed: true });
		expect(
			await changeRequestState(ctx, janis, { ...change, state: 'rejected', version: 3 })
		).toEqual({ refused: 'resolved' });
		expect(
			await db
				.selectFrom('audit_event')
				.where('event', '=', 'staff_request_state')
				.select('id')
				.execute()
		).toHaveLength(2);
	});

	it("is refused when the import's answer came since the page was read", async () => {
		const { db, reference, anna } = await withRequest();
		const file = writeJsonLines(tempDir(), [
			header(),
			{ type: 'requestStatus', request: reference, state: 'received' }
		]);
		// The import deletes no customer that is not in it; this one has only the answer.
		expect((await runImport(db, file)).problems).toEqual([]);
		const ctx = { ...ctxAt(db, NOW), origin: ORIGIN };
		expect(
			await changeRequestState(ctx, anna, {
				reference,
				state: 'collected',
				note: null,
				returnDate: null,
				version: 1
			})
		).toEqual({ refused: 'stale' });
		const queued = await listQueue(db, { ...DEFAULT_FILTER, state: 'received' }, NOW);
		expect(queued.items.map((i) => i.id)).toEqual([reference]);
	});
});

describe('the e-invoice agreement’s marks', () => {
	it('received, then active from a day: the portal shows each, the customer gets a mail for each', async () => {
		const db = await memoryDb();
		const customer = privateCustomer('R-2', {
			email: 'ruta@example.lv',
			invoiceDelivery: 'paper',
			eInvoiceAgreement: 'none'
		});
		expect((await runImport(db, writeJsonLines(tempDir(), [header(), customer]))).problems).toEqual(
			[]
		);
		const { id: customerId } = await db
			.selectFrom('customer')
			.select('id')
			.executeTakeFirstOrThrow();
		const who = { customerId, accountId: null, sessionKind: 'contract' as const, locale: 'lv' };
		expect(await requestElectronicInvoices(db, who, 'Piekrītu.', NOW)).toBe('requested');
		await signedIn(db, 'anna@example.lv');
		const anna = await passwordStep(db, 'anna@example.lv');
		const ctx = { ...ctxAt(db, NOW), origin: ORIGIN };
		const { id } = await db.selectFrom('customer_request').select('id').executeTakeFirstOrThrow();
		const mark = (version: number, step: 'received' | 'active') =>
			markAgreement(
				ctx,
				anna,
				{ id, version },
				step === 'active' ? { step, activeFrom: '2027-01-01' } : { step }
			);
		expect(await mark(1, 'active')).toEqual({ refused: 'not_received' });
		expect(await mark(1, 'received')).toEqual({ marked: true });
		expect(await getEInvoiceStatus(db, customerId)).toMatchObject({ state: 'received' });
		// A page read before the mark is out of date.
		expect(await mark(1, 'active')).toEqual({ refused: 'stale' });
		expect(await mark(2, 'active')).toEqual({ marked: true });
		expect(await getEInvoiceStatus(db, customerId)).toMatchObject({
			state: 'active',
			activeFrom: '2027-01-01'
		});
		const queued = await listQueue(db, { ...DEFAULT_FILTER, type: 'e_invoice' }, NOW);
		expect(queued.items.map((i) => i.state)).toEqual(['active']);
		const mails = await db
			.selectFrom('outbox')
			.select(['recipient', 'idempotency_key', 'text_body'])
			.where('recipient', '=', 'ruta@example.lv')
			.orderBy('id')
			.execute();
		expect(mails.map((mail) => mail.idempotency_key)).toEqual([
			`agreement:${id}:received`,
			`agreement:${id}:active`
		]);
		expect(mails[1]!.text_body).toContain('No 01.01.2027 līguma R-2 rēķini būs elektroniski');
		const audited = await db
			.selectFrom('audit_event')
			.select(['staff_id', 'detail'])
			.where('event', '=', 'staff_agreement')
			.execute();
		expect(audited.map((row) => JSON.parse(row.detail!).step)).toEqual(['received', 'active']);
		expect(audited.every((row) => row.staff_id === anna.id)).toBe(true);
	});
});

describe('customer lookup and the view as the customer', () => {
	it('finds by contract, name, e-mail or address, ignoring case; a wildcard is a letter', async () => {
		const db = await memoryDb();
		const file = writeJsonLines(tempDir(), [
			header(),
			privateCustomer('R-10', { name: 'Rūta Kalniņa', email: 'ruta@example.lv' }),
			privateCustomer('R-11', { name: 'Jānis Bērziņš', email: 'janis@example.lv' })
		]);
		expect((await runImport(db, file)).problems).toEqual([]);
		const contracts = async (words: string) =>
			(await searchCustomers(db, words)).map((c) => c.contractNumber);
		expect(await contracts('r-10')).toEqual(['R-10']);
		expect(await contracts('kalniņa')).toEqual(['R-10']);
		expect(await contracts('JANIS@')).toEqual(['R-11']);
		expect(await contracts('example.lv')).toEqual(['R-11', 'R-10']);
		const address = privateCustomer('R-10').containers[0]!.address;
		expect(await contracts(address.slice(0, 8).toLowerCase())).toEqual(['R-11', 'R-10']);
		expect(await contracts('%')).toEqual([]);
		expect(await contracts('_')).toEqual([]);
		expect(await contracts('x')).toEqual([]);
	});

	it('opens a view-only customer session marked as the staff member’s, and audits it', async () => {
		const db = await memoryDb();
		expect(
			(await runImport(db, writeJsonLines(tempDir(), [header(), privateCustomer('R-12')]))).problems
		).toEqual([]);
		const { id } = await db.selectFrom('customer').select('id').executeTakeFirstOrThrow();
		await signedIn(db, 'anna@example.lv');
		const anna = await passwordStep(db, 'anna@example.lv');
		const view = await startCustomerView(ctxAt(db, NOW), anna, id);
		if (!view) throw new Error('no view');
		const user = await validateSessionToken(db, view.token, NOW);
		expect(user).toMatchObject({
			customer: { id, contractNumber: 'R-12' },
			viewOnly: true,
			staffView: { staffId: anna.id }
		});
		// An hour at most.
		expect(view.expiresAt.getTime() - NOW.getTime()).toBe(60 * 60 * 1000);
		expect(await startCustomerView(ctxAt(db, NOW), anna, id + 100)).toBeNull();
		const audited = await db
			.selectFrom('audit_event')
			.select(['staff_id', 'customer_id'])
			.where('event', '=', 'staff_view')
			.execute();
		expect(audited).toEqual([{ staff_id: anna.id, customer_id: id }]);
		// Disabling the member ends the view too.
		await disableStaff(db, 'anna@example.lv', NOW);
		expect(await validateSessionToken(db, view.token, NOW)).toBeNull();
	});
});
