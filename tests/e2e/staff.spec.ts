/**
 * The staff console (issue 18): an invitation taken up with a password and an authenticator
 * app, a clerk answering a request from the queue to the customer's mailbox, two clerks on one
 * request, a recovery code, the roles, and the two kinds of session kept apart. Every staff
 * page is looked at on a phone and a desk, with axe.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import {
	addDays,
	customers,
	look,
	loginWithContract,
	lvDay,
	queryDb,
	rigaToday,
	runScript,
	uniqueEmail,
	waitForMail
} from './support';

const PASSWORD = 'klusa upe aiz kalna';

/** A request as the portal stores it, of a customer nobody else's test uses. */
async function requestOf(contactEmail: string): Promise<string> {
	const { person } = customers(27);
	const container = person.containers[0]!;
	const reference = `KL-${Math.random()
		.toString(36)
		.slice(2, 9)
		.toUpperCase()
		.replace(/[ILOU]/g, '7')}`;
	const now = new Date().toISOString();
	await queryDb(
		`insert into service_request (reference, customer_id, account_id, session_kind, kind, container_code, fraction,
		   volume_litres, address, collection_date, place, contact_name, contact_email, locale, state, created_at, updated_at)
		 select ?, customer.id, null, 'contract', 'missed_collection', container.code, container.fraction,
		   container.volume_litres, container.address, ?, 'kerb', ?, ?, 'lv', 'submitted', ?, ?
		 from customer join container on container.customer_id = customer.id
		 where customer.contract_number = ? and container.code = ?`,
		[
			reference,
			addDays(rigaToday(), -1),
			person.name,
			contactEmail,
			now,
			now,
			person.contractNumber,
			container.code
		]
	);
	await queryDb(
		`insert into service_request_event (request_id, state, at) select id, 'submitted', ? from service_request where reference = ?`,
		[now, reference]
	);
	return reference;
}

/** A new staff member through the invitation and the app's set-up; the key and recovery codes. */
async function invite(page: Page, role: 'admin' | 'clerk', shots = false) {
	const email = uniqueEmail(role);
	const link = runScript('staff', ['add', email, '--role', role]).trim();
	const mail = await waitForMail(email, /Ielūgums/);
	expect(mail.text).toContain(link);
	await page.goto(new URL(link).pathname);
	await expect(page.getByRole('heading', { name: 'Darbinieka konta izveide' })).toBeVisible();
	if (shots) await look(page, 'staff-invitation');
	await page.getByLabel('Parole', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Parole vēlreiz').fill(PASSWORD);
	await page.getByRole('button', { name: 'Saglabāt paroli' }).click();
	await expect(
		page.getByRole('heading', { name: 'Autentifikācijas lietotnes iestatīšana' })
	).toBeVisible();
	if (shots) await look(page, 'staff-setup');
	const key = decodeBase32IgnorePadding(
		(await page.locator('.typed').innerText()).replace(/\s/g, '')
	);
	await page.getByLabel('Kods').fill('000000');
	await page.getByRole('button', { name: 'Iestatīt' }).click();
	await expect(page.getByRole('alert')).toContainText('Kods nav pareizs');
	await page.getByLabel('Kods').fill(generateTOTP(key, 30, 6));
	await page.getByRole('button', { name: 'Iestatīt' }).click();
	const codes = page.locator('.codes code');
	await expect(codes).toHaveCount(10);
	if (shots) await look(page, 'staff-recovery-codes');
	const recoveryCodes = await codes.allInnerTexts();
	await page.getByRole('link', { name: /turpināt/ }).click();
	await expect(page.getByRole('heading', { name: 'Klientu pieprasījumi' })).toBeVisible();
	return { email, key, recoveryCodes };
}

async function staffPage(browser: Browser) {
	const context = await browser.newContext();
	return context.newPage();
}

test('a clerk takes up the invitation and answers a request from the queue to the customer’s mailbox; a second clerk is refused', async ({
	browser,
	page
}) => {
	const contact = uniqueEmail('klients');
	const reference = await requestOf(contact);
	await invite(page, 'clerk', true);

	// The queue, filtered to missed collections, has it; its CSV too. The filter is chosen
	// while the page's code still loads: starting, the page used to set it back to the URL's.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/staff', { waitUntil: 'commit' });
	await page.getByLabel('Veids').selectOption('missed_collection');
	release();
	await page.waitForLoadState('networkidle');
	await page.unrouteAll();
	await page.getByRole('button', { name: 'Atlasīt' }).click();
	await expect(page).toHaveURL(/type=missed_collection/);
	const row = page.getByRole('row', { name: new RegExp(reference) });
	await expect(row).toContainText('Iesniegts');
	await look(page, 'staff-queue');
	// The menu's link shows the whole queue, and its filter says so; back, the filter again.
	await page
		.getByRole('navigation', { name: 'Darbinieku konsoles izvēlne' })
		.getByRole('link', { name: 'Pieprasījumi' })
		.click();
	await expect(page).toHaveURL(/\/staff$/);
	await expect(page.getByLabel('Veids')).toHaveValue('all');
	await page.goBack();
	await expect(page.getByLabel('Veids')).toHaveValue('missed_collection');
	const csv = await page.request.get(`/staff/requests.csv?type=missed_collection&state=open&age=0`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain(reference);
	expect((await page.request.get('/staff?state=nekas')).status()).toBe(400);

	// A second clerk opens the same request meanwhile.
	const other = await staffPage(browser);
	await invite(other, 'clerk');
	await other.goto(`/staff/requests/${reference}`);

	// Keyboard only: the row's link, then the answer.
	await row.getByRole('link', { name: reference }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: `Pieprasījums ${reference}` })).toBeVisible();
	await look(page, 'staff-request');
	await page.getByLabel('Ieplānots', { exact: true }).check();
	await page.getByRole('button', { name: 'Saglabāt un nosūtīt' }).click();
	await expect(page.getByRole('alert')).toContainText('atkārtotas izvešanas dienu');
	const returnDay = addDays(rigaToday(), 2);
	await page.getByLabel(/Atkārtotas izvešanas diena/).fill(returnDay);
	await page
		.getByLabel('Piezīme klientam')
		.fill('Atbrauksim vēlreiz, lūdzu, atstājiet vārtus vaļā.');
	await page.getByRole('button', { name: 'Saglabāt un nosūtīt' }).click();
	await expect(page.getByRole('status')).toContainText('klientam nosūtīts e-pasts');
	await expect(page.locator('.facts [data-state="scheduled"]')).toBeVisible();

	const mail = await waitForMail(contact, new RegExp(reference));
	expect(mail.text).toContain('Atbrauksim vēlreiz, lūdzu, atstājiet vārtus vaļā.');

	// The second clerk's page still shows "submitted": their answer is refused, and nothing changes.
	await other.getByLabel('Noraidīts').check();
	await other.getByLabel('Piezīme klientam').fill('Konteiners nebija izlikts.');
	await other.getByRole('button', { name: 'Saglabāt un nosūtīt' }).click();
	await expect(other.getByRole('alert')).toContainText('pieprasījumu mainīja kāds cits');
	const [stored] = await queryDb<{ state: string; version: number }>(
		'select state, version from service_request where reference = ?',
		[reference]
	);
	expect(stored).toEqual({ state: 'scheduled', version: 2 });
	const audited = await queryDb<{ n: number }>(
		`select count(*) as n from audit_event where event = 'staff_request_state' and detail like ?`,
		[`%${reference}%`]
	);
	expect(Number(audited[0]!.n)).toBe(1);
	await other.context().close();
});

test('sign-in with a recovery code, the roles, and customer and staff sessions kept apart', async ({
	browser,
	page
}) => {
	const clerk = await invite(page, 'clerk');
	// A clerk is refused the admin pages.
	expect((await page.goto('/staff/accounts'))!.status()).toBe(403);
	expect((await page.request.get('/staff/accounts.csv')).status()).toBe(403);
	expect((await page.request.get('/staff/outbox')).status()).toBe(403);
	expect((await page.request.get('/staff/imports')).status()).toBe(403);
	expect((await page.request.get('/staff/imports.csv')).status()).toBe(403);
	expect((await page.request.get('/staff/notices/new')).status()).toBe(403);
	expect((await page.request.get('/staff/notices.csv')).status()).toBe(403);
	expect((await page.request.get('/staff/tokens')).status()).toBe(403);
	// The staff cookie is not sent to the customer pages: there, nobody is signed in.
	await page.goto('/portal');
	await expect(page).toHaveURL(/\/\?session-ended/);
	await page.goto('/staff');
	await page.getByRole('button', { name: 'Iziet' }).click();
	await expect(page.getByRole('heading', { name: 'Darbinieku pieslēgšanās' })).toBeVisible();
	await look(page, 'staff-login');

	// Signing in again, with a recovery code instead of the app.
	await page.getByLabel('E-pasts').fill(clerk.email);
	await page.getByLabel('Parole').fill('nepareiza parole');
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('nav pareiza');
	await page.getByLabel('Parole').fill(PASSWORD);
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('heading', { name: 'Apstiprinājuma kods' })).toBeVisible();
	// Half signed in: the queue sends back to the code.
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/staff\/two-factor/);
	await look(page, 'staff-two-factor');
	await page.getByRole('link', { name: /atkopšanas kodu/ }).click();
	await look(page, 'staff-recovery');
	await page.getByLabel('Atkopšanas kods').fill(clerk.recoveryCodes[0]!);
	await page.getByRole('button', { name: 'Apstiprināt' }).click();
	await expect(page.getByRole('heading', { name: 'Klientu pieprasījumi' })).toBeVisible();

	// The same code again is refused.
	const again = await staffPage(browser);
	await again.goto('/staff/login');
	await again.getByLabel('E-pasts').fill(clerk.email);
	await again.getByLabel('Parole').fill(PASSWORD);
	await again.getByRole('button', { name: 'Turpināt' }).click();
	await again.getByRole('link', { name: /atkopšanas kodu/ }).click();
	await again.getByLabel('Atkopšanas kods').fill(clerk.recoveryCodes[0]!);
	await again.getByRole('button', { name: 'Apstiprināt' }).click();
	await expect(again.getByRole('alert')).toContainText('jau izmantots');
	await again.context().close();

	// An admin sees the accounts.
	const admin = await staffPage(browser);
	await invite(admin, 'admin');
	await admin.getByRole('link', { name: 'Darbinieki' }).click();
	await expect(admin.getByRole('row', { name: new RegExp(clerk.email) })).toContainText('Aktīvs');
	await look(admin, 'staff-accounts');

	// A token for the company's CRM, shown once; it reads the staff API until revoked.
	await admin.getByRole('link', { name: 'API marķieri' }).click();
	const tokenName = `CRM ${Date.now()}`;
	await admin.getByLabel('Nosaukums').fill(tokenName);
	await admin.getByRole('button', { name: 'Izveidot marķieri' }).click();
	const token = await admin.getByRole('status').locator('code').innerText();
	expect(token).toMatch(/^kls_/);
	const api = () =>
		admin.request.get('/api/staff/v1/requests', { headers: { authorization: `Bearer ${token}` } });
	expect((await api()).status()).toBe(200);
	await look(admin, 'staff-tokens');
	await admin.getByRole('button', { name: `Atsaukt marķieri ${tokenName}` }).click();
	await expect(admin.getByRole('status')).toContainText('atsaukts');
	expect((await api()).status()).toBe(401);
	expect(
		await queryDb(
			`select count(*) as n from audit_event where event = 'staff_token' and detail like ?`,
			[`%${tokenName}%`]
		)
	).toEqual([{ n: 2 }]);
	await admin.getByLabel('Nosaukums').fill('<script>');
	await admin.getByRole('button', { name: 'Izveidot marķieri' }).click();
	await expect(admin.getByRole('alert')).toContainText('Nosaukumā var būt');

	// A message the relay refused for good: the admin sees its error and sends it again.
	const to = uniqueEmail('refused');
	const now = new Date().toISOString();
	await queryDb(
		`insert into outbox (recipient, subject, text_body, html_body, status, attempts, next_attempt_at, last_error, created_at)
		 values (?, 'Atgādinājums', 'Sveiki!', '<p>Sveiki!</p>', 'failed', 1, ?, '550 mailbox unavailable', ?)`,
		[to, now, now]
	);
	await admin.getByRole('link', { name: 'E-pasti' }).click();
	const failed = admin.getByRole('row', { name: new RegExp(to) });
	await expect(failed).toContainText('550 mailbox unavailable');
	await look(admin, 'staff-outbox');
	await failed.getByRole('button', { name: /Sūtīt vēlreiz/ }).click();
	await expect(admin.getByRole('status')).toContainText('atkal rindā');
	expect((await waitForMail(to)).subject).toBe('Atgādinājums');

	// The import runs, and a failed one's problems with their file and row.
	const problems = Array.from({ length: 60 }, (_, i) => ({
		file: 'customers.csv',
		row: i + 2,
		field: 'contractNumber',
		reason: 'is required'
	}));
	await queryDb(
		`insert into import_run (started_at, finished_at, source, status, problem_count, problems)
		 values (?, ?, 'export-bad.jsonl', 'failed', 60, ?)`,
		[now, now, JSON.stringify(problems)]
	);
	await admin.getByRole('link', { name: 'Imports' }).click();
	await expect(admin.getByRole('row', { name: /Izdevās/ }).first()).toBeVisible();
	await look(admin, 'staff-imports');
	expect(await (await admin.request.get('/staff/imports.csv')).text()).toContain(
		'export-bad.jsonl'
	);
	await admin
		.getByRole('row', { name: /Neizdevās/ })
		.first()
		.getByRole('link')
		.click();
	await expect(admin.getByRole('heading', { name: 'Problēmas: 60' })).toBeVisible();
	await expect(admin.getByText('Rādītas pirmās 50.')).toBeVisible();
	await expect(admin.getByRole('row', { name: /customers\.csv 51 contractNumber/ })).toBeVisible();
	await expect(admin.getByRole('row', { name: /customers\.csv 52 / })).toHaveCount(0);
	await look(admin, 'staff-import');
	await admin.context().close();

	// A customer's session does not open the console.
	const customer = await staffPage(browser);
	const { person } = customers(27);
	await loginWithContract(customer, person.contractNumber, person.personalCode!);
	await customer.waitForURL(/\/portal$/);
	await customer.goto('/staff');
	await expect(customer).toHaveURL(/\/staff\/login/);
	const csv = await customer.request.get('/staff/requests.csv', { maxRedirects: 0 });
	expect(csv.status()).toBe(303);
	expect(csv.headers().location).toMatch(/^\/staff\/login/);
	await customer.context().close();
});

test('an admin writes a notice in three languages, previews it, publishes it to one contract and withdraws it; the customer sees it in between', async ({
	browser,
	page
}) => {
	const { person } = customers(27);
	const text = `Ielas remonta dēļ konteineru izvešana kavēsies (${Date.now()}).`;
	await invite(page, 'admin');
	await page.getByRole('link', { name: 'Paziņojumi' }).click();
	await expect(page.getByRole('heading', { name: 'Paziņojumi klientiem' })).toBeVisible();
	// The demo export's snow notice is listed as the import's.
	await expect(page.getByRole('row', { name: /Imports/ }).first()).toBeVisible();
	await look(page, 'staff-notices');
	await page.getByRole('link', { name: 'Jauns paziņojums' }).click();
	await look(page, 'staff-notice-new');

	// Refused whole, with the reason, and nothing stored.
	await page.getByLabel('Rādīt līdz (ieskaitot)').fill(addDays(rigaToday(), 2));
	await page.getByRole('button', { name: 'Publicēt' }).click();
	await expect(page.getByRole('alert')).toHaveText('Uzrakstiet tekstu latviski.');
	await page.getByLabel('Līgumi').fill('NAV-TADA-LIGUMA');
	await page.getByLabel('Teksts latviski').fill(text);
	await page.getByRole('button', { name: 'Publicēt' }).click();
	await expect(page.getByRole('alert')).toHaveText('Nav tāda līguma: NAV-TADA-LIGUMA.');
	expect(await queryDb(`select id from staff_notice where text_lv = ?`, [text])).toEqual([]);

	await page.getByLabel('Traucējumi izvešanā').check();
	await page.getByLabel('Līgumi').fill(person.contractNumber);
	await page.getByLabel('Teksts angliski (nav obligāts)').fill('Road works delay collections.');
	await page.getByRole('button', { name: 'Priekšskatīt' }).click();
	const preview = page.getByRole('region', { name: 'Priekšskatījums' });
	await expect(preview.locator('[lang="lv"]')).toContainText(text);
	await expect(preview.locator('[lang="en"]')).toContainText('Road works delay collections.');
	await expect(preview.locator('[lang="en"]')).toContainText('Until');
	// No Russian text: the Russian page shows the Latvian one, and the preview says so.
	await expect(preview.locator('[lang="ru"]')).toContainText(text);
	await expect(preview.locator('[lang="ru"]')).toContainText('До ');
	await expect(preview).toContainText('Nav tulkojuma');
	await look(page, 'staff-notice-preview');
	await page.getByRole('button', { name: 'Publicēt' }).click();
	await expect(page.getByRole('status')).toHaveText('Paziņojums publicēts.');
	await expect(page.getByRole('definition').filter({ hasText: /^1$/ })).toBeVisible();
	await look(page, 'staff-notice');
	expect(await (await page.request.get('/staff/notices.csv')).text()).toContain(text);

	const customer = await staffPage(browser);
	await loginWithContract(customer, person.contractNumber, person.personalCode!);
	await customer.waitForURL(/\/portal$/);
	await expect(customer.getByRole('region', { name: 'Paziņojumi' })).toContainText(text);

	await page.getByRole('button', { name: 'Atsaukt paziņojumu' }).click();
	await expect(page.getByRole('status')).toContainText('Paziņojums atsaukts');
	await customer.reload();
	await expect(customer.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(customer.getByText(text)).toHaveCount(0);
	await customer.context().close();
	expect(
		await queryDb<{ outcome: string }>(
			`select outcome from audit_event where event = 'staff_notice' and detail like ?`,
			[
				`%"notice":${(await queryDb<{ id: number }>(`select id from staff_notice where text_lv = ?`, [text]))[0]!.id},%`
			]
		)
	).toHaveLength(2);
});

test('an admin uploads an export: a bad one shows its problems and changes nothing, a good one is imported, one too large or none is refused', async ({
	page
}) => {
	await invite(page, 'admin');
	await page.getByRole('link', { name: 'Imports' }).click();
	const upload = async (name: string, content: string) => {
		await page.getByLabel('Eksporta fails').setInputFiles({
			name,
			mimeType: 'application/x-ndjson',
			buffer: Buffer.from(content)
		});
		await page.getByRole('button', { name: 'Augšupielādēt un importēt' }).click();
	};
	const asOf = (
		await queryDb<{ as_of: string }>(
			`select max(as_of) as as_of from import_run where status = 'succeeded'`
		)
	)[0]!.as_of;
	const exportHeader = JSON.stringify({
		type: 'export',
		format: 'klientiem-export/1',
		asOf,
		nextUpdate: addDays(asOf, 1)
	});
	const customerCount = async () =>
		(await queryDb<{ n: number }>('select count(*) as n from customer'))[0]!.n;
	const before = await customerCount();

	// A customer without a contract number: the run's page shows the problem with its row.
	await upload('slikts.jsonl', `${exportHeader}\n{"type":"customer","name":"Bez līguma"}\n`);
	await expect(page).toHaveURL(/\/staff\/imports\/\d+$/);
	await expect(page.getByRole('heading', { name: /Problēmas: [1-9]/ })).toBeVisible({
		timeout: 30_000
	});
	await expect(page.getByRole('row', { name: /slikts\.jsonl 2 contractNumber/ })).toBeVisible();
	await look(page, 'staff-import-upload-failed');
	const problems = await page.request.get(`${new URL(page.url()).pathname}/problems.csv`);
	expect(await problems.text()).toContain('slikts.jsonl;2;contractNumber;is required');
	expect(await customerCount()).toBe(before);

	await page
		.getByRole('link', { name: /Imports/ })
		.first()
		.click();
	await upload('labs.jsonl', `${exportHeader}\n`);
	await expect(page.getByText('Izdevās')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('heading', { name: 'Problēmas: 0' })).toBeVisible();

	await page.goto('/staff/imports');
	await page.getByRole('button', { name: 'Augšupielādēt un importēt' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Izvēlieties eksporta failu; tukšu failu neielādē.'
	);
	await upload('liels.jsonl', 'x'.repeat(400 * 1024));
	await expect(page.getByText('Fails ir lielāks par 256 KiB')).toBeVisible();
	expect(await customerCount()).toBe(before);
	const audited = await queryDb<{ outcome: string }>(
		`select outcome from audit_event where event = 'staff_import_upload' order by id desc limit 2`
	);
	expect(audited).toEqual([{ outcome: 'success' }, { outcome: 'success' }]);
});

/** A private customer on paper invoices with an e-mail in the billing data, whom no other test uses. */
async function paperCustomer() {
	for (let index = 28; index < 80; index++) {
		const { person } = customers(index);
		const [row] = await queryDb<{
			invoice_delivery: string;
			e_invoice_agreement: string;
			email: string | null;
		}>(
			'select invoice_delivery, e_invoice_agreement, email from customer where contract_number = ?',
			[person.contractNumber]
		);
		if (row?.invoice_delivery === 'paper' && row.e_invoice_agreement === 'none' && row.email)
			return { person, email: row.email };
	}
	throw new Error('no paper customer in the demo data');
}

test('the e-invoice agreement’s loop: the customer asks, a clerk marks the signed copies received and the start day; the customer sees each and gets a mail for each', async ({
	browser,
	page
}) => {
	const { person, email } = await paperCustomer();
	const customer = await staffPage(browser);
	await loginWithContract(customer, person.contractNumber, person.personalCode!);
	await customer.waitForURL(/\/portal$/);
	await customer.goto('/e-invoice');
	await customer.getByLabel(/Piekrītu turpmāk saņemt rēķinus elektroniski/).check();
	await customer.getByRole('button', { name: 'Pieteikt elektroniskos rēķinus' }).click();
	await expect(customer.locator('[data-state="requested"]')).toBeVisible();

	await invite(page, 'clerk');
	await page.getByLabel('Veids').selectOption('e_invoice');
	await page.getByRole('button', { name: 'Atlasīt' }).click();
	await page
		.getByRole('row', { name: new RegExp(person.contractNumber) })
		.getByRole('link')
		.click();
	await expect(page.getByRole('heading', { name: 'E-rēķinu vienošanās' })).toBeVisible();
	await page.getByRole('button', { name: 'Parakstīta vienošanās saņemta' }).click();
	await expect(page.getByRole('status')).toContainText('klientam nosūtīts e-pasts');
	expect((await waitForMail(email, /Parakstītā vienošanās saņemta/)).text).toContain(
		person.contractNumber
	);
	await customer.reload();
	await expect(customer.locator('[data-state="received"]')).toBeVisible();

	const start = addDays(rigaToday(), 7);
	await page.getByLabel('Elektroniski rēķini no').fill(start);
	await page.getByRole('button', { name: 'Aktivizēt' }).click();
	await expect(page.getByText(`Aktīva no ${lvDay(start)}.`)).toBeVisible();
	await look(page, 'staff-agreement');
	const mail = await waitForMail(email, /Elektroniskie rēķini/);
	expect(mail.text).toContain(`No ${lvDay(start)}`);
	await customer.reload();
	await expect(customer.locator('[data-state="active"]')).toContainText('Aktīva no');
	await customer.context().close();

	// The clerk finds the customer and sees the portal as they do: read-only, and audited.
	await page.getByRole('link', { name: 'Klienti', exact: true }).click();
	await page.getByLabel('Meklēt').fill(person.contractNumber.toLowerCase());
	await page.getByRole('button', { name: 'Meklēt' }).click();
	const found = await page.request.get(
		`/staff/customers.csv?q=${encodeURIComponent(person.contractNumber)}`
	);
	expect(await found.text()).toContain(`${person.contractNumber};`);
	await look(page, 'staff-customers');
	await page.getByRole('link', { name: person.contractNumber }).click();
	await expect(page.getByRole('heading', { name: person.name })).toBeVisible();
	await look(page, 'staff-customer');
	// What was looked at is audited; a personal code typed into the search is not kept.
	await page.goto(`/staff/customers?q=${encodeURIComponent(person.personalCode!)}`);
	const lookups = await queryDb<{ customer_id: number | null; detail: string }>(
		`select customer_id, detail from audit_event where event = 'staff_lookup' order by id desc limit 3`
	);
	expect(lookups.map((row) => JSON.parse(row.detail))).toEqual([
		{ search: '[personas kods]', found: 0 },
		{ page: 'customer' },
		{ search: person.contractNumber, found: 1, csv: true }
	]);
	expect(lookups[1]!.customer_id).not.toBeNull();
	await page.goBack();
	await page.getByRole('button', { name: 'Skatīt kā klients' }).click();
	await expect(page).toHaveURL(/\/portal$/);
	await expect(page.getByRole('status').filter({ hasText: 'Darbinieka skatījums' })).toBeVisible();
	await look(page, 'staff-view-portal');
	await page.goto('/settings');
	await expect(page.getByText('Apskates režīmā nav pieejams.').first()).toBeVisible();
	const seen = await queryDb<{ detail: string }>(
		`select detail from audit_event where event = 'staff_view' and customer_id = (select id from customer where contract_number = ?) order by id`,
		[person.contractNumber]
	);
	const paths = seen.map((row) => JSON.parse(row.detail).path ?? 'start');
	expect(paths[0]).toBe('start');
	expect(paths).toEqual(expect.arrayContaining(['/portal', '/settings']));
	await page.getByRole('button', { name: 'Beigt skatījumu' }).click();
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/portal');
	await expect(page).toHaveURL(/session-ended/);
	await page.goto('/staff');
	await expect(page.getByRole('heading', { name: 'Klientu pieprasījumi' })).toBeVisible();
});
