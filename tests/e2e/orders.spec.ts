/**
 * Orders, each type end to end (issue 17): placed on the portal from the calendar, seen by the
 * company in the CSV and the staff API, answered through the import, and shown by the
 * calendar and the mailbox. Every new page is looked at on both widths and checked with axe.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
	addDays,
	customers,
	expectAccessible,
	importStatuses,
	look,
	loginWithContract,
	lvDay,
	postFrom,
	queryDb,
	rigaToday,
	runScript as script,
	uniqueEmail,
	waitForMail
} from './support';

const today = rigaToday();

// One token for the file's tests: each `npm run tokens` is a process start.
let token: string | undefined;

async function staffRequests(request: APIRequestContext) {
	token ??= script('tokens', ['add', `crm-orders-${Date.now()}`]).trim();
	const api = await request.get('/api/staff/v1/requests?since=0&limit=500', {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(api.status()).toBe(200);
	return ((await api.json()) as { requests: Record<string, unknown>[] }).requests;
}

/** Contact and check pages, then send: the order's reference. */
async function sendOrder(page: Page, email: string, shoot: boolean): Promise<string> {
	await expect(
		page.getByRole('heading', { name: 'Kā ar jums sazināties par šo pasūtījumu?' })
	).toBeVisible();
	await page.getByLabel('E-pasts').fill(email);
	if (shoot) await look(page, 'order-contact');
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('heading', { name: 'Pārbaudiet atbildes' })).toBeVisible();
	await expect(page.getByText(email)).toBeVisible();
	return page.url();
}

async function confirm(page: Page, shoot: string | null): Promise<string> {
	await page.getByRole('button', { name: 'Nosūtīt pasūtījumu' }).click();
	await expect(page.getByRole('heading', { name: 'Pasūtījums nosūtīts' })).toBeVisible();
	const reference = (await page.locator('.reference').textContent())!.trim();
	expect(reference).toMatch(/^KL-[0-9A-Z]{7}$/);
	if (shoot) await look(page, shoot);
	return reference;
}

test('skip one emptying and move another → the CSV and the API show them → imported answers → the calendar and the mailbox show them', async ({
	page,
	request
}) => {
	const { person } = customers(23);
	const container = person.containers[0]!;
	// Two emptyings far enough ahead that their cut-off is still to come.
	const [skipDay, moveDay] = container.dates.filter((d) => d > addDays(today, 5));
	await page.setViewportSize({ width: 360, height: 800 });
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	const orderLink = (day: string) =>
		page.locator(`a[href*="container=${container.code}"][href*="date=${day}"]`).first();
	await expect(orderLink(skipDay!)).toContainText('Atcelt vai pārcelt');
	// The cut-off is said beside it.
	await expect(orderLink(skipDay!).locator('xpath=..')).toContainText('līdz 12:00');
	await orderLink(skipDay!).click();

	// Skip: the question, a refused empty answer, then the choice.
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Ko darīt ar izvešanu');
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('Izvēlieties, ko darīt ar izvešanu');
	await look(page, 'order-1-date');
	await page.getByLabel('Atcelt šo izvešanu').check();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	const email = uniqueEmail('orders');
	await sendOrder(page, email, true);
	await expect(page.getByText('Izvešanas atcelšana')).toBeVisible();
	await look(page, 'order-check-skip');
	const skip = await confirm(page, 'order-confirmation');
	expect((await waitForMail(email, /Iesniegts/)).text).toContain('Mēs saņēmām jūsu pasūtījumu');

	// The calendar marks the day; the link to order is gone from it.
	await page.goto('/calendar');
	await expect(page.locator(`a.ordered[href$="/requests/${skip}"]`).first()).toHaveText(
		'Pieprasīts atcelt'
	);
	await expect(orderLink(skipDay!)).toHaveCount(0);
	await look(page, 'order-calendar');

	// Move the other emptying to the first day offered.
	await orderLink(moveDay!).click();
	await page.getByLabel('Pārcelt uz citu dienu').check();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('Izvēlieties dienu, uz kuru pārcelt');
	await page.getByLabel('Pārcelt uz citu dienu').check();
	const newDate = (await page.locator('input[name="newDate"]').first().getAttribute('value'))!;
	await page.locator('input[name="newDate"]').first().check();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await sendOrder(page, email, false);
	const move = await confirm(page, null);
	await page.goto('/calendar');
	await expect(page.locator(`a.ordered[href$="/requests/${move}"]`).first()).toHaveText(
		`Pieprasīts pārcelt uz ${lvDay(newDate)}`
	);

	// The company learns of both.
	const csv = script('requests', []);
	expect(csv).toContain(`;skip;${person.contractNumber};`);
	expect(csv).toContain(`;${newDate};`);
	const api = await staffRequests(request);
	expect(api).toContainEqual(
		expect.objectContaining({ reference: skip, kind: 'skip', collectionDate: skipDay })
	);
	expect(api).toContainEqual(
		expect.objectContaining({
			reference: move,
			kind: 'move',
			order: expect.objectContaining({ newDate })
		})
	);

	// Its answers: the skip received, the move scheduled.
	expect(
		await importStatuses('dates', [
			{ request: skip, state: 'received' },
			{ request: move, state: 'scheduled', date: newDate }
		])
	).toContain('requests answered: 2');
	await page.goto('/calendar');
	const requests = page.getByRole('region', { name: 'Jūsu pieteikumi' });
	await expect(requests.locator(`[data-reference="${skip}"] .state`)).toHaveText('Saņemts');
	await expect(requests.locator(`[data-reference="${move}"] .state`)).toHaveText(
		`Ieplānots: ${lvDay(newDate)}`
	);
	await expect(page.locator(`a.ordered[href$="/requests/${skip}"]`).first()).toHaveText(
		'Pieprasīts atcelt'
	);
	expect((await waitForMail(email, /Ieplānots/)).text).toContain(`Pasūtījums ${move} ir ieplānots`);
	expect((await waitForMail(email, /Saņemts/)).text).toContain(skip);
});

test('order an extra emptying and change a container → the export shows them → imported answers → the calendar and the mailbox show them', async ({
	page,
	request
}) => {
	const { person } = customers(26);
	const mixed = person.containers.find((c) => c.fraction === 'mixed')!;
	await page.setViewportSize({ width: 360, height: 800 });
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	const card = page.locator('.containers li').filter({ hasText: 'Sadzīves atkritumi' });
	await card.getByRole('link', { name: 'Pasūtīt papildu izvešanu' }).click();

	// Extra: the price with VAT, the days offered with their cut-off.
	await expect(page.getByRole('heading', { name: 'Kurā dienā izvest?' })).toBeVisible();
	// 240 l at 6.85 € + 21 % VAT.
	await expect(page.getByText('8,29 € ar PVN (6,85 € + PVN 21 %)')).toBeVisible();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('Izvēlieties dienu');
	await look(page, 'order-1-extra');
	const extraDay = (await page.locator('input[name="date"]').first().getAttribute('value'))!;
	await page.locator('input[name="date"]').first().check();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	const email = uniqueEmail('orders');
	await sendOrder(page, email, false);
	await expect(page.getByText('8,29 € ar PVN')).toBeVisible();
	const extra = await confirm(page, null);

	// Offline, the form is set aside with the reason.
	await page.goto(`/orders/extra?container=${mixed.code}`);
	await page.context().setOffline(true);
	await expect(page.locator('main form')).toHaveAttribute('inert', '');
	await page.context().setOffline(false);

	// Container change: the month before and after, then a smaller size.
	await page.goto('/calendar');
	await card.getByRole('link', { name: 'Mainīt konteineru' }).click();
	await expect(page.getByRole('heading', { name: 'Ko vēlaties mainīt?' })).toBeVisible();
	// Now: 240 l every two weeks, (6.85 × 26 / 12 = 14.84) + VAT = 17.96 €.
	await expect(
		page.getByText('Tagad: 240 l, 1 reizi 2 nedēļās, 17,96 € mēnesī ar PVN.')
	).toBeVisible();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await expect(page.getByRole('alert')).toContainText('Izvēlieties, ko mainīt');
	await look(page, 'order-1-container');
	await page.locator('input[name="change"][value="120:1 reizi 4 nedēļās"]').check();
	await page.getByRole('button', { name: 'Turpināt' }).click();
	await sendOrder(page, email, false);
	await expect(page.getByText('Mēnesī tagad')).toBeVisible();
	// 120 l every four weeks: 4.12 × 13 / 12 = 4.46 + VAT = 5.40 €.
	await expect(page.getByText('5,40 € mēnesī ar PVN')).toBeVisible();
	await look(page, 'order-check-change');
	const change = await confirm(page, null);

	const api = await staffRequests(request);
	expect(api).toContainEqual(
		expect.objectContaining({
			reference: extra,
			kind: 'extra',
			collectionDate: extraDay,
			order: expect.objectContaining({ priceCents: 685, vatRate: 21 })
		})
	);
	expect(api).toContainEqual(
		expect.objectContaining({
			reference: change,
			kind: 'container_change',
			order: expect.objectContaining({ change: 'resize', newVolumeLitres: 120, priceCents: 446 })
		})
	);

	expect(
		await importStatuses('extra', [
			{ request: extra, state: 'collected' },
			{ request: change, state: 'rejected', note: 'Jūsu mājsaimniecībai 120 l ir par mazu.' }
		])
	).toContain('requests answered: 2');
	await page.goto('/calendar');
	const requests = page.getByRole('region', { name: 'Jūsu pieteikumi' });
	await expect(requests.locator(`[data-reference="${extra}"] .state`)).toHaveText('Izpildīts');
	await expect(requests.locator(`[data-reference="${change}"] .state`)).toHaveText('Noraidīts');
	await expect(requests).toContainText('Jūsu mājsaimniecībai 120 l ir par mazu.');
	expect((await waitForMail(email, /Izpildīts/)).text).toContain(
		`Pasūtījums ${extra} ir izpildīts`
	);
	expect((await waitForMail(email, /Noraidīts/)).text).toContain('120 l ir par mazu');
});

test('the view-only demo sees every state of an order, and cannot order', async ({ page }) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	const requests = page.getByRole('region', { name: 'Jūsu pieteikumi' });
	for (const kind of ['Izvešanas atcelšana', 'Izvešanas pārcelšana', 'Papildu izvešana'])
		await expect(requests).toContainText(kind);
	await expect(requests.locator('[data-state]').filter({ hasText: 'Izpildīts' })).not.toHaveCount(
		0
	);
	await page.getByRole('link', { name: 'Pievienot konteineru' }).click();
	await expect(page.getByRole('heading', { name: 'Kādu konteineru pievienot?' })).toBeVisible();
	await look(page, 'order-1-add');
	const before = await queryDb(`select count(*) as n from service_request`);
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const refused = await postFrom('127.0.0.1', '/orders/container/add', {}, { cookie });
	expect(refused.status).toBe(403);
	expect(refused.body).toContain('Apskates režīmā');
	// Sending is refused too (then the page, with no order begun, goes back to the calendar).
	const sent = await postFrom('127.0.0.1', '/orders/check', {}, { cookie });
	expect(sent.headers.location ?? '').not.toContain('/requests/');
	expect(await queryDb(`select count(*) as n from service_request`)).toEqual(before);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a container is added with plain forms, and bad answers change nothing', async ({
		page
	}) => {
		const { person } = customers(25);
		await loginWithContract(page, person.contractNumber, person.personalCode!);
		await page.waitForURL(/\/portal$/);
		await page.goto('/orders/container/add');
		// A value the page never offered is refused with the page's words.
		await page.evaluate(() => {
			const input = document.querySelector<HTMLInputElement>('input[name="container"]')!;
			input.value = '0|bio|240:1 reizi 8 nedēļās';
			input.checked = true;
		});
		await page.getByRole('button', { name: 'Turpināt' }).click();
		await expect(page.getByRole('alert')).toContainText('netiek piedāvāts');
		const bio = page.locator('input[name="container"][value*="|bio|140:"]').first();
		await bio.check();
		await page.getByRole('button', { name: 'Turpināt' }).click();
		await page.getByLabel('Tālrunis').fill('+371 26 111 333');
		await page.getByRole('button', { name: 'Turpināt' }).click();
		await expect(page.getByText('Jauns konteiners')).toHaveCount(0);
		await expect(page.getByText('Mēnesī pēc izmaiņām')).toBeVisible();
		await page.getByRole('button', { name: 'Nosūtīt pasūtījumu' }).click();
		await expect(page.getByRole('heading', { name: 'Pasūtījums nosūtīts' })).toBeVisible();
		await expect(page.locator('.reference')).toHaveText(/^KL-[0-9A-Z]{7}$/);
		// A calendar address naming no emptying, and a cookie someone wrote, both refused plainly.
		expect((await page.goto('/orders/date?container=K1&date=2026-02-30'))!.status()).toBe(400);
		await page
			.context()
			.addCookies([
				{ name: 'order', value: '{"customerId":1,"answers":{"kind":"skip"}}', url: page.url() }
			]);
		await page.goto('/orders/check');
		await expect(page).toHaveURL(/\/calendar$/);
	});
});

test('in English and Russian the order pages are translated, fit a phone and stay accessible', async ({
	page
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.setViewportSize({ width: 360, height: 800 });
	for (const [language, lang, headings] of [
		[
			'English',
			'en',
			[
				'What should happen to the emptying on',
				'On which day?',
				'What would you like to change?',
				'Which container should be added?'
			]
		],
		[
			'Русский',
			'ru',
			[
				'Что сделать с вывозом',
				'В какой день вывезти?',
				'Что вы хотите изменить?',
				'Какой контейнер добавить?'
			]
		]
	] as const) {
		await page.goto('/calendar');
		await page.getByRole('button', { name: language }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		const date = (await page.locator('a[href*="/orders/date?"]').first().getAttribute('href'))!;
		const extra = (await page.locator('a[href*="/orders/extra?"]').first().getAttribute('href'))!;
		const change = (await page
			.locator('a[href*="/orders/container?"]')
			.first()
			.getAttribute('href'))!;
		for (const [i, target] of [date, extra, change, '/orders/container/add'].entries()) {
			// Russian's two longest pages are enough: messages.test.ts holds every key to all three.
			if (lang === 'ru' && i < 2) continue;
			await page.goto(target);
			await expect(page.getByRole('heading', { level: 1 })).toContainText(headings[i]!);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				360
			);
			await page.screenshot({
				path: `tests/e2e/screenshots/order-${lang}-${i + 1}-360.png`,
				fullPage: true
			});
			await expectAccessible(page);
		}
	}
});
