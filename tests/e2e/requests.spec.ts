/** What customers ask of the company: new contact details and electronic invoices. */
import { expect, test } from '@playwright/test';
import {
	customers,
	demoCustomers,
	loginWithContract,
	loginWithEmail,
	postFrom,
	queryDb,
	registerAndConfirm,
	lvDay,
	rigaToday,
	uniqueEmail
} from './support';

const today = rigaToday();

function requestsOf(contractNumber: string) {
	return queryDb(
		`select r.kind, r.phone, r.email, r.consent_text, r.session_kind, r.account_id, r.locale
		 from customer_request r join customer c on c.id = r.customer_id
		 where c.contract_number = ? order by r.id`,
		[contractNumber]
	);
}

test('a private person asks for a new phone and e-mail: bad input changes nothing, a good request shows as pending', async ({
	page
}) => {
	const { person } = customers(10);
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await page.waitForURL(/\/portal$/);
	await page.getByText('Mainīt tālruni vai e-pastu paziņojumiem').click();
	const contact = page.getByRole('region', { name: 'Kontaktinformācija' });

	await contact.getByLabel('Tālrunis').fill('zvaniet vakarā');
	await contact.getByRole('button', { name: 'Nosūtīt pieprasījumu' }).click();
	await expect(contact.getByText('Tālruņa numurā jābūt 6–20 cipariem')).toBeVisible();
	await expect(contact.getByLabel('Tālrunis')).toHaveAttribute('aria-invalid', 'true');
	expect(await requestsOf(person.contractNumber)).toEqual([]);

	await contact.getByLabel('Tālrunis').fill('+371 26 555 444');
	await contact.getByLabel('E-pasts').fill('jauns.epasts@example.lv');
	await contact.getByRole('button', { name: 'Nosūtīt pieprasījumu' }).click();
	await expect(contact.getByText('Pieprasījums nosūtīts.')).toBeVisible();
	await page.reload();
	const pending = page.getByRole('status').filter({ hasText: 'gaida apstiprinājumu' });
	await expect(pending).toContainText(`Pieprasīts ${lvDay(today)}`);
	await expect(pending).toContainText('+371 26 555 444');
	await expect(pending).toContainText('jauns.epasts@example.lv');
	expect(await requestsOf(person.contractNumber)).toEqual([
		{
			kind: 'contact',
			phone: '+371 26 555 444',
			email: 'jauns.epasts@example.lv',
			consent_text: null,
			session_kind: 'contract',
			account_id: null,
			locale: 'lv'
		}
	]);
});

test('a new legal-entity user is pointed to the e-invoice agreement and asks for electronic invoices; the consent is kept with the account', async ({
	page
}) => {
	const company = demoCustomers().findLast(
		(c) =>
			c.kind === 'legal' &&
			(c as unknown as { invoiceDelivery: string }).invoiceDelivery === 'paper'
	)!;
	const email = uniqueEmail('einvoice');
	await registerAndConfirm(
		page,
		company.contractNumber,
		company.registrationNumber!,
		email,
		'Ziemassvētku-eglīte-2026'
	);
	await loginWithEmail(page, email, 'Ziemassvētku-eglīte-2026');
	await page.waitForURL(/\/portal$/);
	await page.getByRole('link', { name: /Lai rēķinus saņemtu elektroniski/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Vienošanās elektroniskiem rēķiniem'
	);
	await expect(page.getByText('Papīra formātā pa pastu', { exact: true })).toBeVisible();
	await expect(page.getByText(/piemērota maksa [\d,]+\s€ \+ PVN/)).toBeVisible();
	await expect(page.getByText('Nav pieteikts')).toBeVisible();

	// Without the tick the server refuses and keeps nothing (the browser check is bypassed).
	const refused = await page.request.post('/e-invoice?/request', {
		form: {},
		headers: { origin: 'http://localhost:4173', accept: 'text/html' }
	});
	expect(refused.status()).toBe(400);
	expect(await requestsOf(company.contractNumber)).toEqual([]);

	await page.getByLabel(/Piekrītu turpmāk saņemt rēķinus elektroniski/).check();
	await page.getByRole('button', { name: 'Pieteikt elektroniskos rēķinus' }).click();
	await expect(page.getByText('Pieteikums saņemts.')).toBeVisible();
	await expect(
		page.getByText(`Pieteikts ${lvDay(today)}; gaidām parakstītu vienošanos`)
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Pieteikt elektroniskos rēķinus' })).toHaveCount(0);
	const [request] = await requestsOf(company.contractNumber);
	expect(request).toMatchObject({
		kind: 'e_invoice',
		session_kind: 'account',
		consent_text:
			'Piekrītu turpmāk saņemt rēķinus elektroniski klientu portālā un pa e-pastu, nevis papīra formātā pa pastu.'
	});
	expect(request!.account_id).toEqual(expect.any(Number));
});

test('the view-only demo can print the agreement but cannot ask for anything', async ({ page }) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.goto('/e-invoice');
	await expect(page.getByRole('button', { name: 'Pieteikt elektroniskos rēķinus' })).toBeDisabled();
	const cookie = (await page.context().cookies()).find((c) => c.name === 'session')!;
	for (const [path, form] of [
		['/e-invoice?/request', { consent: 'yes' }],
		['/portal?/contact', { phone: '+371 20 000 000' }]
	] as const) {
		const response = await postFrom('127.0.0.1', path, form, {
			cookie: `session=${cookie.value}`
		});
		expect(response.status).toBe(403);
	}
	expect(await requestsOf('demo')).toEqual([]);
});
