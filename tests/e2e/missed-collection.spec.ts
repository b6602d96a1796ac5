/**
 * A missed collection reported and answered, the whole loop (issue 16, items 2 and 3): the
 * question pages without JavaScript, the company's two ways of learning of it (the CSV and
 * the staff API), a status through the import, and the page and the mailbox showing it.
 */
import { expect, test } from '@playwright/test';
import {
	addDays,
	customers,
	importStatuses,
	look,
	loginWithContract,
	lvDay,
	mailCount,
	postFrom,
	queryDb,
	rigaToday,
	runScript as script,
	uniqueEmail,
	waitForMail
} from './support';

const today = rigaToday();
const yesterday = addDays(today, -1);

/**
 * Yesterday was a collection day of the container, with no crew report: it may be reported
 * whatever today is (the second working day after yesterday is never before tomorrow).
 */
async function collectedYesterday(contractNumber: string, code: string) {
	const owner = `(select id from container where code = ? and customer_id = (select id from customer where contract_number = ?))`;
	await queryDb(
		`insert into collection_date (container_id, collection_date) select ${owner}, ?
		 where not exists (select 1 from collection_date where container_id = ${owner} and collection_date = ?)`,
		[code, contractNumber, yesterday, code, contractNumber, yesterday]
	);
	await queryDb(
		`delete from collection_detail where container_id = ${owner} and collection_date = ?`,
		[code, contractNumber, yesterday]
	);
}

test('report a missed collection → the CSV and the staff API show it → an imported "scheduled" → the page and the mailbox show it', async ({
	page,
	request
}) => {
	const { person } = customers(18);
	const container = person.containers[0]!;
	await collectedYesterday(person.contractNumber, container.code);
	await page.setViewportSize({ width: 360, height: 800 });
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	await page.getByRole('link', { name: 'Ziņot par neizvestu konteineru' }).click();

	// 1. Which container?
	await expect(
		page.getByRole('heading', { name: 'Kurš konteiners netika izvests?' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('Izvēlieties konteineru');
	await look(page, 'report-1-container');
	const choice = page.locator(`input[name="choice"][value="${yesterday}:${container.code}"]`);
	await choice.check();
	await page.getByRole('button', { name: 'Turpināt' }).click();

	// 2. Where was it put out? "Elsewhere" needs its description.
	await expect(page).toHaveURL(/\/calendar\/report\/location$/);
	await page.getByLabel('Citur (aprakstiet zemāk)').check();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('Aprakstiet, kur konteiners bija novietots');
	await look(page, 'report-2-location');
	await page.getByLabel('Pie ielas vai ceļa malas').check();
	await page.getByRole('button', { name: 'Turpināt' }).click();

	// 3. Contact details, prefilled from the contract.
	await expect(page).toHaveURL(/\/calendar\/report\/contact$/);
	await expect(page.getByLabel('Vārds, uzvārds vai nosaukums')).toHaveValue(person.name);
	const email = uniqueEmail('missed');
	await page.getByLabel('E-pasts').fill('nav-epasts');
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByLabel('E-pasts')).toHaveAttribute('aria-invalid', 'true');
	await look(page, 'report-3-contact');
	await page.getByLabel('E-pasts').fill(email);
	await page.getByRole('button', { name: 'Turpināt' }).click();

	// 4. Check answers; nothing is stored until it is sent.
	await expect(page.getByRole('heading', { name: 'Pārbaudiet atbildes' })).toBeVisible();
	await expect(page.getByText('Pie ielas vai ceļa malas')).toBeVisible();
	await expect(page.getByText(email)).toBeVisible();
	await look(page, 'report-4-check');
	const stored = () =>
		queryDb<{ reference: string; state: string }>(
			`select r.reference, r.state from service_request r join customer c on c.id = r.customer_id
			 where c.contract_number = ?`,
			[person.contractNumber]
		);
	expect(await stored()).toEqual([]);
	await page.getByRole('button', { name: 'Nosūtīt ziņojumu' }).click();

	// 5. Confirmation with the reference and what happens next.
	await expect(page.getByRole('heading', { name: 'Ziņojums nosūtīts' })).toBeVisible();
	const [row] = await stored();
	const reference = row!.reference;
	await expect(page.locator('.reference')).toHaveText(reference);
	await expect(page.getByRole('heading', { name: 'Kas notiks tālāk' })).toBeVisible();
	await look(page, 'report-5-confirmation');
	expect((await waitForMail(email, /Iesniegts/)).text).toContain(reference);

	// The same collection cannot be reported twice: the first page says so.
	await page.goto('/calendar/report');
	await expect(page.getByText(`Jau ziņots: pieteikums ${reference}.`)).toBeVisible();

	// The company learns of it: the CSV, and the staff API with a token (none: 401).
	expect(script('requests', [])).toContain(`;missed_collection;${person.contractNumber};`);
	const token = script('tokens', ['add', `crm-${Date.now()}`]).trim();
	expect((await request.get('/api/staff/v1/requests')).status()).toBe(401);
	const api = await request.get('/api/staff/v1/requests?since=0&limit=500', {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(api.status()).toBe(200);
	const body = (await api.json()) as { requests: { reference: string; state: string }[] };
	expect(body.requests).toContainEqual(
		expect.objectContaining({ reference, state: 'submitted', collectionDate: yesterday })
	);

	// The company's answer through the import, twice: one e-mail.
	const returnDate = addDays(today, 2);
	const answers: Record<string, string>[] = [
		{ request: reference, state: 'received' },
		{ request: reference, state: 'scheduled', date: returnDate }
	];
	expect(await importStatuses(reference, answers)).toContain('requests answered: 2');
	await page.goto(`/requests/${reference}`);
	await expect(page.locator('dd strong')).toHaveText(
		`Ieplānots: atkārtota izvešana ${lvDay(returnDate)}`
	);
	await expect(page.getByRole('listitem').filter({ hasText: 'Saņemts' })).toBeVisible();
	const scheduled = await waitForMail(email, /Ieplānots/);
	expect(scheduled.text).toContain(reference);
	expect(await importStatuses(reference, answers)).toContain('requests answered: 0');
	await page.goto('/portal');
	await expect(page.getByRole('region', { name: 'Jūsu pieteikumi' })).toContainText('Ieplānots');
	// Three states, three e-mails, whatever the reruns.
	await page.waitForTimeout(1500);
	expect(mailCount(email)).toBe(3);
});

test('the view-only demo sees every state of a request, and cannot report', async ({ page }) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const requests = page.getByRole('region', { name: 'Jūsu pieteikumi' });
	for (const state of ['Iesniegts', 'Saņemts', 'Ieplānots', 'Izvests', 'Noraidīts'])
		await expect(requests.locator('[data-state]').filter({ hasText: state })).not.toHaveCount(0);
	// The report pages show what may be reported and why not; every step refuses to go on.
	await page.goto('/calendar/report');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const before = await queryDb(`select count(*) as n from service_request`);
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const refused = await postFrom('127.0.0.1', '/calendar/report', {}, { cookie });
	expect(refused.status).toBe(403);
	expect(refused.body).toContain('Apskates režīmā');
	// Sending is refused too (then the page, with no answers kept, goes back to the first question).
	const sent = await postFrom('127.0.0.1', '/calendar/report/check', {}, { cookie });
	expect(sent.headers.location ?? '').not.toContain('/requests/');
	expect(await queryDb(`select count(*) as n from service_request`)).toEqual(before);
});

test.describe('without JavaScript', () => {
	// One question a page with plain forms: the flow needs no script at all.
	test.use({ javaScriptEnabled: false });

	test('the whole report is made with plain forms', async ({ page }) => {
		const { person } = customers(19);
		const container = person.containers[0]!;
		await collectedYesterday(person.contractNumber, container.code);
		await loginWithContract(page, person.contractNumber, person.personalCode!);
		await page.waitForURL(/\/portal$/);
		await page.goto('/calendar/report');
		await page.locator(`input[name="choice"][value="${yesterday}:${container.code}"]`).check();
		await page.getByRole('button', { name: 'Turpināt' }).click();
		await page.getByLabel('Parastajā vietā').check();
		await page.getByRole('button', { name: 'Turpināt' }).click();
		await page.getByLabel('Tālrunis').fill('+371 26 111 222');
		await page.getByRole('button', { name: 'Turpināt' }).click();
		await page.getByRole('button', { name: 'Nosūtīt ziņojumu' }).click();
		await expect(page.getByRole('heading', { name: 'Ziņojums nosūtīts' })).toBeVisible();
		await expect(page.locator('.reference')).toHaveText(/^KL-[0-9A-Z]{7}$/);
	});
});
