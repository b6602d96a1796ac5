import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
	demoAsOf,
	customers,
	demoCustomers,
	expectAccessible,
	loginWithContract,
	loginWithEmail,
	queryDb,
	registerAndConfirm,
	lvDay,
	rigaToday,
	uniqueEmail
} from './support';

const PASSWORD = 'Rudens-lapas-krīt-2026';

interface ExportDocument {
	number: string;
	total: string;
	issueDate: string;
}

function demoDocuments(contract: string): ExportDocument[] {
	const customer = demoCustomers().find((c) => c.contractNumber === contract) as unknown as {
		documents: ExportDocument[];
	};
	return customer.documents;
}

test('a legal entity sees the unpaid amount, data freshness, bank links, copyable details and a readable EPC QR code', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await loginWithEmail(page, 'demo', 'demo');
	const status = page.getByRole('region', { name: 'Norēķinu stāvoklis' });
	await expect(status).toContainText(/Neapmaksātā summa: [\d\s,]+\s€/);
	await expect(status).toContainText(`Informācija uz: ${lvDay(demoAsOf())}`);
	await expect(status).toContainText('Informācija tiks atjaunota:');

	const latest = demoDocuments('dem-1-oju').at(-1)!;
	const pay = page.getByRole('region', { name: 'Apmaksāt' });
	for (const bank of ['Swedbank', 'SEB banka', 'Luminor', 'Citadele'])
		await expect(pay.getByRole('link', { name: bank })).toHaveAttribute('href', /^https:\/\//);
	await pay.getByRole('button', { name: 'Kopēt: Maksājuma mērķis' }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(latest.number);
	await pay.getByRole('button', { name: 'Kopēt: Konts (IBAN)' }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
		/^LV\d{2}[A-Z]{4}\d{13}$/
	);

	const qr = PNG.sync.read(await pay.getByRole('img', { name: /EPC QR/ }).screenshot());
	const decoded = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height);
	expect(decoded?.data.split('\n')).toEqual([
		'BCD',
		'002',
		'1',
		'SCT',
		'HABALV22',
		'SIA “Vidzemes Vide”',
		expect.stringMatching(/^LV\d{2}HABA/),
		`EUR${latest.total}`,
		'',
		'',
		latest.number
	]);
	await expectAccessible(page);
});

test('a private person with everything paid sees "Visi maksājumi veikti" and contacts not given', async ({
	page
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await expect(page.getByRole('region', { name: 'Norēķinu stāvoklis' })).toContainText(
		'Visi maksājumi veikti'
	);
	const contact = page.getByRole('region', { name: 'Kontaktinformācija' });
	await expect(contact).toContainText(/Līguma nr\.\s*demo/);
	await expect(contact).toContainText(/Tālrunis\s*Nav norādīts/);
	await expect(page.getByRole('region', { name: 'Apmaksāt' })).toHaveCount(0);
	await expectAccessible(page);
});

test('documents by year, newest first, with "Rādīt apmaksu" and a document page with lines and totals', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page
		.getByRole('navigation', { name: 'Galvenā izvēlne' })
		.getByRole('link', { name: 'Rēķini', exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rēķini');
	const docs = demoDocuments('dem-1-oju');
	// The list opens on the year of the request's own day, not the export's.
	const year = rigaToday().slice(0, 4);
	const thisYear = docs.filter((d) => d.issueDate.startsWith(year)).reverse();
	const rows = page.getByRole('listitem').filter({ has: page.getByRole('group') });
	await expect(rows).toHaveCount(thisYear.length);
	await expect(rows.first()).toContainText(thisYear[0]!.number);
	await rows.nth(1).getByText('Rādīt apmaksu').click();
	await expect(rows.nth(1)).toContainText(/\d{2}\.\d{2}\.\d{4}: [\d\s,]+\s€, /);
	await expectAccessible(page);

	const lastYear = String(Number(year) - 1);
	await page.getByLabel('Gads').selectOption(lastYear);
	await page.getByRole('button', { name: 'Rādīt' }).click();
	await expect(page).toHaveURL(new RegExp(`year=${lastYear}`));
	await expect(rows).toHaveCount(docs.filter((d) => d.issueDate.startsWith(lastYear)).length);

	await page.goto('/documents');
	await page
		.getByRole('link', { name: new RegExp(thisYear[0]!.number) })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rēķins ${thisYear[0]!.number}`);
	// The totals as a summary list: the term, then its amount.
	await expect(
		page
			.locator('.totals dt', { hasText: 'Kopā apmaksai' })
			.locator('xpath=following-sibling::dd[1]')
	).toContainText(thisYear[0]!.total.replace('.', ','));
	await expectAccessible(page);
});

test("one customer cannot open another's document, and a bad year is refused plainly", async ({
	page
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const othersDocument = demoDocuments('dem-1-oju')[0]!.number;
	const response = await page.goto(`/documents/${encodeURIComponent(othersDocument)}`);
	expect(response?.status()).toBe(404);
	await expect(page.getByText('Šāda lapa nav atrasta.')).toBeVisible();
	const own = demoDocuments('demo')[0]!.number;
	expect((await page.goto(`/documents/${own}`))?.status()).toBe(200);
	expect((await page.goto('/documents?year=20x6'))?.status()).toBe(400);
	expect((await page.goto('/documents/%00%27'))?.status()).toBe(404);

	// The data the page and its PDF are made from answers the same way.
	const data = await page.request.get(
		`/documents/${encodeURIComponent(othersDocument)}/__data.json`
	);
	expect(JSON.stringify(await data.json())).toContain('"status":404');
	expect(JSON.stringify(await data.json())).not.toContain(othersDocument.slice(1));
});

test('an account cannot switch to a contract that is not its own, by form or by JSON', async ({
	page
}) => {
	const { person } = customers(11);
	const email = uniqueEmail('switch');
	await registerAndConfirm(page, person.contractNumber, person.personalCode!, email, PASSWORD);
	await loginWithEmail(page, email, PASSWORD);
	await page.waitForURL(/\/portal$/);
	const [{ id: otherId }] = (await queryDb<{ id: number }>(
		"select id from customer where contract_number = 'demo'"
	)) as [{ id: number }];
	const headers = { origin: 'http://localhost:4173', accept: 'text/html' };
	const api = await page.request.post('/api/v1/contract', {
		data: { customerId: otherId },
		headers: { origin: 'http://localhost:4173' }
	});
	expect(api.status()).toBe(404);
	const form = await page.request.post('/portal?/switch', {
		form: { customerId: String(otherId) },
		headers
	});
	expect(form.status()).toBe(404);
	await page.goto('/portal');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sveiki, ${person.name}`);
});

test('signed-out visitors are sent to the sign-in page from every portal page', async ({
	page
}) => {
	for (const path of ['/portal', '/documents', '/settings', '/calendar', '/e-invoice']) {
		await page.goto(path);
		// The sign-in page, which leads back to the page after signing in.
		await expect(page).toHaveURL(`/?session-ended&next=${encodeURIComponent(path)}`);
	}
});

/** Every portal page of both customer kinds, as the screenshots and the checks below visit them. */
function portalPages(kind: 'private' | 'legal') {
	const contract = kind === 'legal' ? 'dem-1-oju' : 'demo';
	const latest = demoDocuments(contract).at(-1)!.number;
	return [
		[`portal-${kind}`, '/portal'],
		[`documents-${kind}`, '/documents'],
		[`document-${kind}`, `/documents/${latest}`],
		[`calendar-${kind}`, '/calendar'],
		[`calendar-month-${kind}`, '/calendar?mode=month'],
		[`e-invoice-${kind}`, '/e-invoice'],
		// The demo shows a registered customer's settings for both logins.
		[`settings-${kind}`, '/settings']
	] as const;
}

async function signInAs(page: Page, kind: 'private' | 'legal') {
	if (kind === 'legal') await loginWithEmail(page, 'demo', 'demo');
	else await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
}

for (const kind of ['private', 'legal'] as const) {
	test(`every portal page of a ${kind} customer: screenshots at 360 and 1280 px, nothing wider than 320 px, no axe violations`, async ({
		page
	}) => {
		await signInAs(page, kind);
		for (const [name, path] of portalPages(kind)) {
			await page.setViewportSize({ width: 320, height: 900 });
			await page.goto(path);
			// The layout follows the window as it is resized, as a turned phone's does.
			for (const width of [320, 360, 1280]) {
				await page.setViewportSize({ width, height: 900 });
				expect(
					await page.evaluate(() => document.documentElement.scrollWidth),
					`${path} at ${width} px`
				).toBeLessThanOrEqual(width);
				if (width !== 320)
					await page.screenshot({
						path: `tests/e2e/screenshots/${name}-${width}.png`,
						fullPage: true
					});
			}
			await expectAccessible(page);
		}
	});
}

test('in English and Russian the portal pages are translated and stay accessible', async ({
	page
}) => {
	await signInAs(page, 'legal');
	for (const [language, heading] of [
		['English', 'Hello, Demo juridiska persona'],
		['Русский', 'Здравствуйте, Demo juridiska persona']
	] as const) {
		await page.goto('/portal');
		await page.getByRole('button', { name: language }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		for (const [, path] of portalPages('legal')) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute(
				'lang',
				language === 'English' ? 'en' : 'ru'
			);
			await expectAccessible(page);
		}
	}
});

test('the start page works by keyboard alone: the menu, the contact form and paying', async ({
	page
}) => {
	await signInAs(page, 'legal');
	/** Presses Tab until the element has focus, as a keyboard user would. */
	const tabTo = async (name: RegExp) => {
		for (let i = 0; i < 60; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
			if (name.test(focused)) return;
		}
		throw new Error(`Tab never reached ${name}`);
	};
	await tabTo(/^Mainīt tālruni vai e-pastu paziņojumiem$/);
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Tālrunis')).toBeVisible();
	// The copy and PDF buttons are enabled once the page's script has taken over.
	await expect(page.getByRole('button', { name: /^Kopēt: / }).first()).toBeEnabled();
	await tabTo(/^Kopēt$/);
	await expect(page.locator(':focus')).toHaveAccessibleName(/Kopēt: /);
	await page.goto('/documents/' + demoDocuments('dem-1-oju').at(-1)!.number);
	await expect(page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' })).toBeEnabled();
	await tabTo(/^Lejupielādēt PDF drukāšanai$/);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.keyboard.press('Enter')
	]);
	expect(download.suggestedFilename()).toMatch(/\.pdf$/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('an unpaid invoice still shows what to pay; the copy and PDF buttons are disabled, not dead', async ({
		page
	}) => {
		await loginWithEmail(page, 'demo', 'demo');
		const latest = demoDocuments('dem-1-oju').at(-1)!;
		await page.goto('/documents/' + latest.number);
		const pay = page.getByRole('region', { name: 'Apmaksāt' });
		await expect(pay).toContainText(latest.number);
		const scripted = page.getByRole('button', { name: /^Kopēt: |^Lejupielādēt PDF/ });
		await expect(scripted).toHaveCount(5);
		for (const button of await scripted.all()) await expect(button).toBeDisabled();
	});
});
