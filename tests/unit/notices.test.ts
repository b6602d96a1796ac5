/**
 * New-document e-mails and collection reminders, end to end below the browser: the real
 * import, the real outbox, a real SMTP server on loopback, and a clock the test turns.
 */
import { sql } from 'kysely';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Fraction } from '../../src/lib/calendar';
import { addDays, dayInRiga } from '../../src/lib/dates';
import type { Db } from '../../src/lib/server/db/index';
import { demoCompany } from '../../scripts/demo/generate';
import { runJobs, startScheduler } from '../../src/lib/server/jobs';
import { deliverDueMail } from '../../src/lib/server/mail/outbox';
import { smtpTransport } from '../../src/lib/server/mail/smtp';
import {
	findReminderByToken,
	saveReminderSettings,
	unsubscribeReminders
} from '../../src/lib/server/reminders';
import { invoiceIssueDay, loadWorkingDays } from '../../src/lib/server/working-days';
import {
	countNoticeMails,
	publishNotice,
	withdrawNotice
} from '../../src/lib/server/staff/notices';
import {
	header,
	memoryDb,
	POSTGRES_URL,
	privateCustomer,
	runImport,
	tempDir,
	writeJsonLines
} from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

const ORIGIN = 'https://klientiem.test';
const jobs = (db: Db, now: Date) => runJobs({ db, now, origin: ORIGIN });
const calendar = loadWorkingDays();

/** 09:00 in Riga on that day (summer time in May: UTC+3). */
const morning = (day: string) => new Date(`${day}T06:00:00Z`);

function document(number: string, kind: 'invoice' | 'calculation', issueDate: string) {
	return {
		kind,
		number,
		issueDate,
		dueDate: addDays(issueDate, 20),
		periodStart: '2031-04-01',
		periodEnd: '2031-04-30',
		net: '100.00',
		vat: '21.00',
		total: '121.00',
		paymentReference: number,
		lines: [
			{
				description: 'Sadzīves atkritumu izvešana, 240 l',
				quantity: '20',
				unit: 'reizes',
				unitPrice: '5.00',
				vatRate: 21,
				net: '100.00'
			}
		]
	};
}

function legal(contract: string, overrides: Record<string, unknown>, documents: unknown[]) {
	return privateCustomer(contract, {
		kind: 'legal',
		name: `SIA “${contract}”`,
		personalCode: undefined,
		registrationNumber: '40003521600',
		balanceAsOf: '2031-04-30',
		documents,
		payments: [],
		...overrides
	});
}

async function load(db: Db, asOf: string, customers: unknown[]) {
	const file = writeJsonLines(tempDir(), [
		{ ...header(asOf), nextUpdate: addDays(asOf, 1) },
		demoCompany(),
		...customers
	]);
	const result = await runImport(db, file, () => new Date(`${asOf}T22:00:00Z`));
	expect(result.problems).toEqual([]);
}

async function deliver(db: Db, smtp: TestSmtp, at: Date): Promise<ParsedMail[]> {
	const before = smtp.received.length;
	await deliverDueMail(db, smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'no-reply@k.test'), at);
	return Promise.all(smtp.received.slice(before).map((r) => simpleParser(r.raw)));
}

/** April's documents, then an export that brings May's: the month with a moved holiday. */
async function aprilThenMay(db: Db) {
	const april = invoiceIssueDay(2031, 4, calendar);
	const may = invoiceIssueDay(2031, 5, calendar);
	const customers = (withMay: boolean) => [
		legal('J-EL', { email: 'gramatvediba@ozols.example' }, [
			document('R-04-1', 'invoice', april),
			...(withMay ? [document('R-05-1', 'invoice', may)] : [])
		]),
		legal('J-PAPER', { email: 'papirs@example.lv', invoiceDelivery: 'paper' }, [
			document('R-04-2', 'invoice', april),
			...(withMay ? [document('R-05-2', 'invoice', may)] : [])
		]),
		legal('J-NOMAIL', { email: null }, [
			document('R-04-3', 'invoice', april),
			...(withMay ? [document('R-05-3', 'invoice', may)] : [])
		]),
		privateCustomer('F-EL', {
			email: 'liga@example.lv',
			balanceAsOf: '2031-04-30',
			documents: withMay ? [document('A-05-1', 'calculation', '2031-05-02')] : [],
			payments: []
		})
	];
	await load(db, '2031-04-28', customers(false));
	await load(db, '2031-04-30', customers(true));
}

/** A trigger that fails every outbox insert after the first, as a dying disk would. */
async function failSecondOutboxInsert(db: Db, on: boolean) {
	if (!POSTGRES_URL) {
		await (
			on
				? sql`create trigger fail_second before insert on outbox
				when (select count(*) from outbox) >= 1
				begin select raise(abort, 'disk I/O error'); end`
				: sql`drop trigger fail_second`
		).execute(db);
		return;
	}
	if (!on) return void (await sql`drop trigger fail_second on outbox`.execute(db));
	await sql`create function fail_second() returns trigger language plpgsql as $$
		begin
			if (select count(*) from outbox) >= 1 then raise exception 'disk I/O error'; end if;
			return new;
		end $$`.execute(db);
	await sql`create trigger fail_second before insert on outbox
		for each row execute function fail_second()`.execute(db);
}

describe('the new-document e-mail', () => {
	it('goes once per document, on its issue day — the second working day after a moved holiday', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		await aprilThenMay(db);
		expect(invoiceIssueDay(2031, 5, calendar)).toBe('2031-05-06');

		const byDay: Record<string, string[]> = {};
		for (let day = '2031-04-30'; day <= '2031-05-08'; day = addDays(day, 1)) {
			await jobs(db, morning(day));
			const mails = await deliver(db, smtp, morning(day));
			if (mails.length > 0)
				byDay[day] = mails.map((mail) => `${(mail.to as { text: string }).text}: ${mail.subject}`);
		}
		// April's documents were there before May's export: not news. Paper and no e-mail: nothing.
		expect(byDay).toEqual({
			'2031-05-02': ['liga@example.lv: Jauns aprēķins A-05-1 – Vidzemes Vide'],
			'2031-05-06': ['gramatvediba@ozols.example: Jauns rēķins R-05-1 – Vidzemes Vide']
		});
	});

	it('says the number, amount, due date and links the document; a rerun sends none', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		await aprilThenMay(db);
		await jobs(db, morning('2031-05-06'));
		// Sent side by side: they arrive in any order.
		const mails = await deliver(db, smtp, morning('2031-05-06'));
		expect(mails.map((m) => m.subject).sort()).toEqual([
			'Jauns aprēķins A-05-1 – Vidzemes Vide',
			'Jauns rēķins R-05-1 – Vidzemes Vide'
		]);
		const invoice = mails.find((m) => m.subject?.startsWith('Jauns rēķins'));
		expect(invoice!.text).toContain('jauns rēķins R-05-1 par līgumu J-EL');
		expect(invoice!.text).toMatch(/Summa: 121,00\s€\. Apmaksas termiņš: 2031\. gada 26\. maijs\./);
		expect(invoice!.text).toContain('Skatīt portālā: https://klientiem.test/documents/R-05-1');
		expect(invoice!.html).toContain('href="https://klientiem.test/documents/R-05-1"');

		expect(await jobs(db, morning('2031-05-06')))!.toMatchObject({
			documentNotices: 0,
			reminders: 0
		});
		// The same export again, and the next morning: still nothing new.
		await load(db, '2031-05-06', []);
		expect((await jobs(db, morning('2031-05-07')))!.documentNotices).toBe(0);
		expect(await deliver(db, smtp, morning('2031-05-07'))).toEqual([]);
	});

	it('after a crash midway, the rerun sends each document exactly once', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		const may = invoiceIssueDay(2031, 5, calendar);
		const customers = (withMay: boolean) =>
			['J-1', 'J-2', 'J-3', 'J-4'].map((contract) =>
				legal(
					contract,
					{ email: `${contract.toLowerCase()}@example.lv` },
					withMay ? [document(`R-${contract}`, 'invoice', may)] : []
				)
			);
		await load(db, '2031-04-28', customers(false));
		await load(db, '2031-04-30', customers(true));
		// The disk fails while the second message is written: the pass dies there.
		await failSecondOutboxInsert(db, true);
		await expect(runJobs({ db, now: morning(may), origin: ORIGIN })).rejects.toThrow(
			/disk I\/O error/
		);
		expect(await deliver(db, smtp, morning(may))).toHaveLength(1);
		await failSecondOutboxInsert(db, false);

		expect((await jobs(db, morning(may)))!.documentNotices).toBe(3);
		await deliver(db, smtp, morning(may));
		expect(await jobs(db, morning(may)))!.toMatchObject({
			documentNotices: 0,
			reminders: 0
		});
		expect(smtp.received.map((r) => r.to[0]).sort()).toEqual([
			'j-1@example.lv',
			'j-2@example.lv',
			'j-3@example.lv',
			'j-4@example.lv'
		]);
	});

	it('two passes at once queue each message once', async () => {
		const db = await memoryDb();
		await aprilThenMay(db);
		await Promise.all([1, 2, 3].map(() => jobs(db, morning('2031-05-06'))));
		const keys = await db.selectFrom('outbox').select('idempotency_key').execute();
		expect(keys.map((k) => k.idempotency_key).sort()).toEqual([
			'document:F-EL/A-05-1:liga@example.lv',
			'document:J-EL/R-05-1:gramatvediba@ozols.example'
		]);
	});
});

/** Līga's account, linked to F-BINS, with reminders switched on. */
async function remindLiga(db: Db, hour: number, fractions: Fraction[], locale = 'lv') {
	const ids = await account(db, 'liga@example.lv', 'F-BINS', locale);
	await saveReminderSettings(db, ids.accountId, ids.customerId, { enabled: true, hour, fractions });
	return ids;
}

/** A confirmed account with the contract linked, as registration leaves it. */
async function account(db: Db, email: string, contract: string, locale = 'lv') {
	const { id } = await db
		.insertInto('account')
		.values({
			email,
			password_hash: 'not used here',
			locale,
			email_confirmed_at: '2031-04-01T10:00:00.000Z',
			created_at: '2031-04-01T10:00:00.000Z'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const customer = await db
		.selectFrom('customer')
		.select('id')
		.where('contract_number', '=', contract)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('account_customer')
		.values({ account_id: id, customer_id: customer.id, linked_at: '2031-04-01T10:00:00.000Z' })
		.execute();
	return { accountId: id, customerId: customer.id };
}

/** A time in Riga in May (summer time, UTC+3). */
const rigaTime = (day: string, time: string) => new Date(`${day}T${time}:00+03:00`);

async function householdWithBins(db: Db) {
	const containers = [
		{
			code: 'K1',
			address: 'Rīgas iela 1, Valmiera',
			fraction: 'mixed',
			volumeLitres: 240,
			count: 1,
			frequency: '1 reizi nedēļā',
			dates: ['2031-05-06', '2031-05-13']
		},
		{
			code: 'K2',
			address: 'Rīgas iela 1, Valmiera',
			fraction: 'paper',
			volumeLitres: 240,
			count: 1,
			frequency: '1 reizi 4 nedēļās',
			dates: ['2031-05-06', '2031-05-20']
		},
		{
			code: 'K3',
			address: 'Dārza iela 2 <Cēsis> & Co',
			fraction: 'mixed',
			volumeLitres: 120,
			count: 1,
			frequency: '1 reizi nedēļā',
			dates: ['2031-05-06']
		}
	];
	await load(db, '2031-04-30', [
		privateCustomer('F-BINS', {
			balanceAsOf: '2031-04-30',
			documents: [],
			payments: [],
			containers
		})
	]);
}

describe('collection reminders', () => {
	it('go from the chosen hour the evening before, for the chosen fractions, once', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		await householdWithBins(db);
		await remindLiga(db, 19, ['mixed']);

		// Queued within the hour before (issue 19), not before it, and sent from 19:00, not earlier.
		expect((await jobs(db, rigaTime('2031-05-05', '17:59')))!.reminders).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-05', '18:00')))!.reminders).toBe(1);
		expect((await jobs(db, rigaTime('2031-05-05', '19:00')))!.reminders).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-05', '21:30')))!.reminders).toBe(0);
		expect(await deliver(db, smtp, rigaTime('2031-05-05', '18:59'))).toEqual([]);
		const [mail] = await deliver(db, smtp, rigaTime('2031-05-05', '19:00'));
		expect(mail!.subject).toBe(
			'Atgādinājums: atkritumu izvešana otrdiena, 6. maijs – Vidzemes Vide'
		);
		// Paper was not chosen; both mixed-waste addresses are listed, the odd one escaped in HTML.
		expect(mail!.text).toContain('- Sadzīves atkritumi – Rīgas iela 1, Valmiera');
		expect(mail!.text).toContain('- Sadzīves atkritumi – Dārza iela 2 <Cēsis> & Co');
		expect(mail!.text).not.toContain('Papīrs');
		expect(mail!.html).toContain('Dārza iela 2 &#60;Cēsis&#62; &#38; Co');

		// RFC 8058: a one-click address in the header, and a link in the message.
		// Unfolded, as a mail program reads it.
		const line = (name: string) =>
			mail!.headerLines.find((h) => h.key === name)?.line.replace(/\r\n\s+/g, ' ');
		const token =
			/^List-Unsubscribe: <https:\/\/klientiem\.test\/unsubscribe\/([a-z2-7]{32})\/one-click>$/.exec(
				line('list-unsubscribe') ?? ''
			)?.[1];
		expect(token).toBeDefined();
		expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect(mail!.text).toContain(
			`Atteikties no šiem atgādinājumiem: ${ORIGIN}/unsubscribe/${token}`
		);
		expect(await findReminderByToken(db, token!)).toEqual({
			contractNumber: 'F-BINS',
			enabled: true
		});
	});

	it('stop after an unsubscribe, and keep the choices for switching on again', async () => {
		const db = await memoryDb();
		await householdWithBins(db);
		const { accountId, customerId } = await remindLiga(db, 18, ['mixed', 'paper'], 'ru');
		await jobs(db, rigaTime('2031-05-05', '18:00'));
		const first = await db
			.selectFrom('outbox')
			.select(['subject', 'headers'])
			.executeTakeFirstOrThrow();
		expect(first.subject).toBe('Напоминание: вывоз отходов вторник, 6 мая – Vidzemes Vide');
		const token = /unsubscribe\/([a-z2-7]{32})/.exec(first.headers!)![1]!;

		expect(await unsubscribeReminders(db, 'a'.repeat(32))).toBe(false);
		expect(await unsubscribeReminders(db, token)).toBe(true);
		expect((await jobs(db, rigaTime('2031-05-12', '20:00')))!.reminders).toBe(0);
		expect(await db.selectFrom('outbox').select('id').execute()).toHaveLength(1);

		// Switched on again in the settings: the same link keeps working for the next e-mails.
		await saveReminderSettings(db, accountId, customerId, {
			enabled: true,
			hour: 18,
			fractions: ['mixed']
		});
		await jobs(db, rigaTime('2031-05-12', '20:00'));
		const second = await db
			.selectFrom('outbox')
			.select('headers')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(second.headers).toContain(token);
	});

	it('are not sent for a contract no longer linked, or to an unconfirmed address', async () => {
		const db = await memoryDb();
		await householdWithBins(db);
		await remindLiga(db, 18, ['mixed']);
		await db.updateTable('account').set({ email_confirmed_at: null }).execute();
		expect((await jobs(db, rigaTime('2031-05-05', '20:00')))!.reminders).toBe(0);
		await db
			.updateTable('account')
			.set({ email_confirmed_at: '2031-04-01T10:00:00.000Z' })
			.execute();
		await db.deleteFrom('account_customer').execute();
		expect((await jobs(db, rigaTime('2031-05-05', '20:00')))!.reminders).toBe(0);
	});
});

/** F-BINS with moved days: mixed waste at both addresses and paper, one move beyond a month. */
async function householdWithMoves(db: Db, asOf = '2031-04-30', balanceAsOf = asOf) {
	const bin = (code: string, address: string, fraction: string, dates: unknown[]) => ({
		code,
		address,
		fraction,
		volumeLitres: 240,
		count: 1,
		frequency: '1 reizi nedēļā',
		dates
	});
	const moved = (date: string, movedFrom: string) => ({
		date,
		movedFrom,
		moveReason: 'Remontdarbi'
	});
	await load(db, asOf, [
		privateCustomer('F-BINS', {
			balanceAsOf,
			documents: [],
			payments: [],
			containers: [
				bin('K1', 'Rīgas iela 1, Valmiera', 'mixed', [
					moved('2031-05-13', '2031-05-12'),
					moved('2031-06-10', '2031-06-09')
				]),
				bin('K2', 'Rīgas iela 1, Valmiera', 'paper', [moved('2031-05-20', '2031-05-19')]),
				bin('K3', 'Dārza iela 2, Cēsis', 'mixed', [moved('2031-05-13', '2031-05-12')])
			]
		})
	]);
}

describe('schedule changes (issue 16)', () => {
	it('announce a moved day once per contract and move, at the reminders’ hour, a month ahead, for the chosen fractions', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		await householdWithMoves(db);
		await remindLiga(db, 18, ['mixed']);

		// Queued in the hour before, sent from the reminders' hour.
		expect((await jobs(db, rigaTime('2031-05-05', '16:59')))!.scheduleChanges).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-05', '17:00')))!.scheduleChanges).toBe(1);
		expect((await jobs(db, rigaTime('2031-05-05', '18:00')))!.scheduleChanges).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-05', '21:00')))!.scheduleChanges).toBe(0);
		expect(await deliver(db, smtp, rigaTime('2031-05-05', '17:59'))).toEqual([]);
		const [mail] = await deliver(db, smtp, rigaTime('2031-05-05', '18:01'));
		expect(mail!.subject).toBe('Izmaiņas izvešanas grafikā – Vidzemes Vide');
		expect(mail!.text).toContain(
			'Izvešana, kas bija paredzēta pirmdiena, 12. maijs, notiks otrdiena, 13. maijs (līgums F-BINS):'
		);
		// Both mixed-waste addresses in one message; paper was not chosen.
		expect(mail!.text).toContain('- Sadzīves atkritumi – Rīgas iela 1, Valmiera');
		expect(mail!.text).toContain('- Sadzīves atkritumi – Dārza iela 2, Cēsis');
		expect(mail!.text).not.toContain('Papīrs');
		expect(mail!.text).toContain('Iemesls: Remontdarbi.');
		expect(mail!.headerLines.map((h) => h.key)).toContain('list-unsubscribe');

		// The customer rewritten by a later import: the same move is not announced again.
		await householdWithMoves(db, '2031-05-06', '2031-05-06');
		expect((await jobs(db, rigaTime('2031-05-06', '19:00')))!.scheduleChanges).toBe(0);
		// The June move once it is within a month.
		expect((await jobs(db, rigaTime('2031-05-09', '19:00')))!.scheduleChanges).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-10', '19:00')))!.scheduleChanges).toBe(1);
		const [june] = await deliver(db, smtp, rigaTime('2031-05-10', '19:01'));
		expect(june!.text).toContain('notiks otrdiena, 10. jūnijs');
		expect(smtp.received).toHaveLength(2);
	});

	it('go in the account’s language, and not with reminders off', async () => {
		const db = await memoryDb();
		await householdWithMoves(db);
		const { accountId, customerId } = await remindLiga(db, 18, ['mixed', 'paper'], 'en');
		await saveReminderSettings(db, accountId, customerId, {
			enabled: false,
			hour: 18,
			fractions: ['mixed', 'paper']
		});
		expect((await jobs(db, rigaTime('2031-05-05', '20:00')))!.scheduleChanges).toBe(0);
		await saveReminderSettings(db, accountId, customerId, {
			enabled: true,
			hour: 18,
			fractions: ['mixed', 'paper']
		});
		// Mixed waste on 13 May and paper on 20 May: two moves, two messages.
		expect((await jobs(db, rigaTime('2031-05-05', '20:00')))!.scheduleChanges).toBe(2);
		const subjects = await db
			.selectFrom('outbox')
			.select(['subject', 'text_body'])
			.orderBy('id')
			.execute();
		expect(subjects.map((row) => row.subject)).toEqual([
			'Change in the collection schedule – Vidzemes Vide',
			'Change in the collection schedule – Vidzemes Vide'
		]);
		expect(subjects[1]!.text_body).toContain(
			'The collection planned for Monday 19 May takes place on Tuesday 20 May instead'
		);
	});
});

describe('notices from the import (issue 16)', () => {
	const notice = (overrides: Record<string, unknown> = {}) => ({
		type: 'notice',
		id: 'N-CESIS',
		severity: 'disruption',
		from: '2031-05-05',
		to: '2031-05-09',
		area: 'cēsis',
		fractions: ['mixed'],
		text: { lv: 'Cēsīs ceļu remonta dēļ izvešana kavēsies.', en: 'Road works in Cēsis.' },
		...overrides
	});

	it('go once per notice and account, at the reminders’ hour, to the contracts and addresses they concern', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		await householdWithBins(db);
		await remindLiga(db, 18, ['mixed']);
		await load(db, '2031-05-01', [notice(), notice({ id: 'N-OTHER', contracts: ['F-OTHER'] })]);

		expect((await jobs(db, rigaTime('2031-05-04', '20:00')))!.notices).toBe(0);
		// Queued in the hour before, sent from the reminders' hour.
		expect((await jobs(db, rigaTime('2031-05-05', '16:59')))!.notices).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-05', '17:00')))!.notices).toBe(1);
		expect((await jobs(db, rigaTime('2031-05-05', '18:00')))!.notices).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-05', '19:00')))!.notices).toBe(0);
		expect(await deliver(db, smtp, rigaTime('2031-05-05', '17:59'))).toEqual([]);
		// Beside the evening's reminder for 6 May.
		const mails = await deliver(db, smtp, rigaTime('2031-05-05', '18:01'));
		const mail = mails.find((m) => m.subject === 'Paziņojums: Vidzemes Vide');
		expect(mail!.text).toContain('Cēsīs ceļu remonta dēļ izvešana kavēsies.');
		expect(mail!.text).toContain('Spēkā no 05.05.2031 līdz 09.05.2031 (līgums F-BINS).');
		// Only the address in Cēsis, whatever the letter case the company wrote the area in.
		expect(mail!.text).toContain('- Sadzīves atkritumi – Dārza iela 2 <Cēsis> & Co');
		expect(mail!.text).not.toContain('Rīgas iela 1');
		expect(mail!.headerLines.map((h) => h.key)).toContain('list-unsubscribe');

		// The same notice in the next export is not sent again.
		await load(db, '2031-05-06', [notice()]);
		expect((await jobs(db, rigaTime('2031-05-06', '19:00')))!.notices).toBe(0);
		expect(mails).toHaveLength(2);
	});

	it('are not sent for fractions the account did not choose, or with reminders off', async () => {
		const db = await memoryDb();
		await householdWithBins(db);
		const { accountId, customerId } = await remindLiga(db, 18, ['paper']);
		await load(db, '2031-05-01', [notice()]);
		expect((await jobs(db, rigaTime('2031-05-05', '20:00')))!.notices).toBe(0);
		await saveReminderSettings(db, accountId, customerId, {
			enabled: false,
			hour: 18,
			fractions: ['mixed']
		});
		expect((await jobs(db, rigaTime('2031-05-05', '20:00')))!.notices).toBe(0);
	});
});

describe('notices written in the staff console (issue 18)', () => {
	it('go as the export’s do, from their publishing time, with their own key, and stop when withdrawn', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		await householdWithBins(db);
		await remindLiga(db, 18, ['mixed']);
		await load(db, '2031-05-01', []);
		const staff = await db
			.insertInto('staff_user')
			.values({ email: 'anna@vv.lv', role: 'admin', created_at: '2031-05-01T08:00:00Z' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const ctx = { db, now: rigaTime('2031-05-04', '10:00'), clientAddress: '127.0.0.1' };
		const notice = {
			severity: 'disruption' as const,
			from: '2031-05-05',
			to: '2031-05-09',
			fractions: [],
			contracts: [],
			area: 'CĒSIS',
			text: { lv: 'Cēsīs slēgta Dārza iela.', en: null, ru: null }
		};
		// One at once, one for 6 May at 12:00, one withdrawn before anything went.
		const now = await publishNotice(ctx, staff.id, { notice, publishAt: null });
		const later = await publishNotice(ctx, staff.id, {
			notice: { ...notice, text: { ...notice.text, lv: 'Otrs paziņojums.' } },
			publishAt: rigaTime('2031-05-06', '12:00').toISOString()
		});
		const gone = await publishNotice(ctx, staff.id, {
			notice: { ...notice, text: { ...notice.text, lv: 'Atsaukts.' } },
			publishAt: null
		});
		expect(await withdrawNotice(ctx, staff.id, gone)).toBe(true);

		expect((await jobs(db, rigaTime('2031-05-05', '18:00')))!.notices).toBe(1);
		const mails = await deliver(db, smtp, rigaTime('2031-05-05', '18:01'));
		const mail = mails.find((m) => m.subject === 'Paziņojums: Vidzemes Vide');
		expect(mail!.text).toContain('Cēsīs slēgta Dārza iela.');
		expect(mail!.text).toContain('- Sadzīves atkritumi – Dārza iela 2 <Cēsis> & Co');
		expect(mail!.text).not.toContain('Rīgas iela 1');
		expect(await countNoticeMails(db, now)).toEqual({ queued: 0, sent: 1, failed: 0 });
		expect(await countNoticeMails(db, later)).toEqual({ queued: 0, sent: 0, failed: 0 });
		// The scheduled one at the first reminders' hour after its time; the first not again.
		expect((await jobs(db, rigaTime('2031-05-06', '11:59')))!.notices).toBe(0);
		expect((await jobs(db, rigaTime('2031-05-06', '18:00')))!.notices).toBe(1);
		expect(await countNoticeMails(db, later)).toEqual({ queued: 1, sent: 0, failed: 0 });
		expect(await countNoticeMails(db, gone)).toEqual({ queued: 0, sent: 0, failed: 0 });
		await smtp.stop();
	});
});

describe('with the SMTP server down', () => {
	it('notices and reminders wait, and each arrives once when it is back', async () => {
		const db = await memoryDb();
		await aprilThenMay(db);
		await householdWithBins(db);
		await remindLiga(db, 18, ['mixed']);
		const probe = await startSmtp();
		await probe.stop();
		const evening = rigaTime('2031-05-05', '18:30');
		// The calculation of 2 May and the reminder for 6 May.
		expect(await jobs(db, evening))!.toMatchObject({
			documentNotices: 1,
			reminders: 1
		});
		const transport = smtpTransport(`smtp://127.0.0.1:${probe.port}`, 'no-reply@k.test');
		expect(await deliverDueMail(db, transport, evening)).toBe(0);
		expect(await jobs(db, new Date(evening.getTime() + 60_000)))!.toMatchObject({
			documentNotices: 0,
			reminders: 0
		});
		const smtp = await startSmtp(probe.port);
		expect(await deliverDueMail(db, transport, new Date(evening.getTime() + 30_000))).toBe(2);
		expect(await deliverDueMail(db, transport, new Date(evening.getTime() + 3_600_000))).toBe(0);
		expect(smtp.received.map((r) => r.to[0])).toEqual(['liga@example.lv', 'liga@example.lv']);
	});
});

describe('the scheduler of the server process', () => {
	it('queues a document issued today on its first pass, by the real clock', async () => {
		const db = await memoryDb();
		const today = dayInRiga();
		const company = (documents: unknown[]) => [
			legal('J-NOW', { email: 'rekini@example.lv', balanceAsOf: addDays(today, -2) }, documents)
		];
		await load(db, addDays(today, -2), company([]));
		await load(db, addDays(today, -1), company([document('R-NOW', 'invoice', today)]));
		const stop = startScheduler(db, ORIGIN, 60_000);
		try {
			await expect
				.poll(async () =>
					(await db.selectFrom('outbox').select('subject').execute()).map((r) => r.subject)
				)
				.toEqual(['Jauns rēķins R-NOW – Vidzemes Vide']);
		} finally {
			stop();
		}
	});
});
