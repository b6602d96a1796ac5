/**
 * The customer's phone (issue 14): what a customer opens most, measured at 360 and 1280 px —
 * the menu's height, the next collection on the first screen, the month grid's headers on
 * one line each. Geometry, not presence.
 */
import { expect, test, type Page } from '@playwright/test';
import { browserOnly, customers, loginWithContract, loginWithEmail } from './support';

browserOnly();

const WIDTHS = [360, 1280] as const;

/** How many lines an element's text takes: its line boxes, as the browser laid them out. */
const lineCount = (page: Page, selector: string) =>
	page.locator(selector).evaluateAll((elements) =>
		elements.map((element) => {
			const range = document.createRange();
			range.selectNodeContents(element);
			const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
			return { text: element.textContent?.trim(), lines: tops.size };
		})
	);

for (const width of WIDTHS) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 800 } });

		test.beforeEach(async ({ page }) => {
			await loginWithContract(page, 'demo', 'demo');
			await page.waitForURL(/\/portal$/);
		});

		test('the menu keeps to one row on a wide screen, and on a phone sits behind a button that leaves the content near the top', async ({
			page
		}) => {
			const nav = page.getByRole('navigation', { name: 'Galvenā izvēlne' });
			const tasks = nav.getByRole('link');
			if (width === 1280) {
				await expect(tasks).toHaveCount(5);
				const tops = await tasks.evaluateAll((links) =>
					links.map((link) => Math.round(link.getBoundingClientRect().top))
				);
				expect(new Set(tops).size, 'one row').toBe(1);
				expect((await nav.boundingBox())!.height).toBeLessThanOrEqual(48);
			} else {
				await expect(tasks.first()).toBeHidden();
				const main = await page.locator('main').boundingBox();
				expect(main!.y, 'the content starts within 200 px').toBeLessThanOrEqual(200);
				await nav.getByText('Izvēlne').click();
				await expect(tasks).toHaveCount(5);
				for (const task of await tasks.all()) await expect(task).toBeVisible();
				await nav.getByRole('link', { name: 'Izvešanas kalendārs' }).click();
				await expect(page).toHaveURL(/\/calendar$/);
				// Followed, the menu closes again.
				await expect(tasks.first()).toBeHidden();
			}
			// What is about the portal itself is in the footer.
			const about = page.getByRole('navigation', { name: 'Par portālu' });
			for (const name of [
				'Lietošanas noteikumi',
				'Lietošanas instrukcija',
				'Pievienot grāmatzīmēm'
			])
				await expect(about.getByRole('link', { name })).toBeVisible();
			await page.screenshot({ path: `tests/e2e/screenshots/menu-${width}.png` });
		});

		for (const path of ['/portal', '/calendar'])
			test(`${path}: the next collection, with how soon, is on the first screen`, async ({
				page
			}) => {
				await page.goto(path);
				const next = page.getByRole('region', { name: 'Nākamā izvešana' });
				const first = next.getByRole('listitem').first();
				await expect(first).toContainText(/šodien|rīt|pēc \d+ dien(as|ām)/);
				const box = (await first.boundingBox())!;
				expect(box.y + box.height, 'the first date within the first 800 px').toBeLessThanOrEqual(
					800
				);
				await page.screenshot({
					path: `tests/e2e/screenshots/next-${path.slice(1)}-${width}.png`
				});
			});

		test('the month grid: every weekday header on one line, each collection day filled, and listed in words', async ({
			page
		}) => {
			await page.goto('/calendar?mode=month');
			const headers = await lineCount(page, '.grid th');
			expect(headers.map((h) => h.text)).toEqual(['P', 'O', 'T', 'C', 'Pk', 'S', 'Sv']);
			for (const header of headers) expect(header.lines, header.text).toBe(1);
			const marks = page.locator('.grid .mark');
			const listed = page.locator('.month-list li');
			await expect(listed).toHaveCount(await marks.count());
			// A mark fills its cell's width, a block of colour a metre away.
			for (const mark of (await marks.all()).slice(0, 3)) {
				const [markBox, cellBox] = await Promise.all([
					mark.boundingBox(),
					mark.locator('xpath=ancestor::td').boundingBox()
				]);
				expect(markBox!.width).toBeGreaterThan(cellBox!.width * 0.8);
			}
			// Nothing wider than the screen.
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow).toBe(0);
			await page.screenshot({ path: `tests/e2e/screenshots/month-${width}.png`, fullPage: true });
		});

		test('the pay box’s QR code waits behind “Rādīt QR kodu” on a phone and is shown on a wide screen', async ({
			page
		}) => {
			// The demo company has something to pay.
			await page.context().clearCookies();
			await loginWithEmail(page, 'demo', 'demo');
			await page.waitForURL(/\/portal$/);
			const pay = page.getByRole('region', { name: 'Apmaksāt', exact: true });
			const qr = pay.getByRole('img', { name: /EPC QR/ });
			const show = pay.getByText('Rādīt QR kodu');
			if (width === 360) {
				await expect(qr).toBeHidden();
				await show.click();
			} else await expect(show).toBeHidden();
			await expect(qr).toBeVisible();
			const box = (await qr.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(width);
			await pay.screenshot({ path: `tests/e2e/screenshots/pay-${width}.png` });
		});

		test('the demo shows a registered customer’s settings, reminders first, each disabled button with its reason; checkboxes 24 px in the brand’s colour', async ({
			page
		}) => {
			await page.goto('/settings');
			const headings = page.locator('main h2');
			await expect(headings).toHaveText([
				'Atgādinājumi par izvešanu',
				'Jūsu līgumi',
				'Mainīt paroli',
				'Mainīt e-pastu'
			]);
			await expect(page.locator('main').getByText('demo – Jānis Bērziņš')).toBeVisible();
			const buttons = page.locator('main form button');
			await expect(buttons).toHaveCount(4);
			for (const button of await buttons.all()) {
				await expect(button).toBeDisabled();
				await expect(button).toHaveAccessibleDescription('Apskates režīmā nav pieejams.');
			}
			for (const box of await page.locator('main input[type=checkbox]').all()) {
				const { width: w, height: h } = (await box.boundingBox())!;
				expect([w, h]).toEqual([24, 24]);
				expect(await box.evaluate((el) => getComputedStyle(el).accentColor)).toBe(
					'rgb(29, 107, 58)'
				);
			}
			await page.screenshot({
				path: `tests/e2e/screenshots/settings-demo-${width}.png`,
				fullPage: true
			});
			// The other demo forms say the same beside their buttons.
			for (const [path, name] of [
				['/calendar', 'Pievienot tālruņa kalendāram'],
				['/e-invoice', 'Pieteikt elektroniskos rēķinus'],
				['/portal', 'Nosūtīt pieprasījumu']
			] as const) {
				await page.goto(path);
				// The contact form sits behind its summary.
				if (path === '/portal') await page.locator('summary', { hasText: 'Mainīt' }).click();
				const button = page.getByRole('button', { name });
				await expect(button).toBeDisabled();
				await expect(button).toHaveAccessibleDescription('Apskates režīmā nav pieejams.');
			}
		});
	});
}

test('the demo e-mail login reaches the same settings; a private person signed in with contract and code is offered registration', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.goto('/settings');
	await expect(page.locator('main h2').first()).toHaveText('Atgādinājumi par izvešanu');
	await expect(page.locator('main').getByText('dem-1-oju – Demo juridiska persona')).toBeVisible();
	await page.getByRole('button', { name: 'Iziet' }).click();
	await expect(page).toHaveURL(/\/$/);

	const { person } = customers(3);
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await page.waitForURL(/\/portal$/);
	await page.goto('/settings');
	await expect(page.locator('main')).toContainText('reģistrējieties ar tiem pašiem datiem');
	await page.getByRole('link', { name: 'Reģistrēties' }).click();
	await expect(page).toHaveURL(/\/register$/);
});

test('the list shows the next three months, and the whole year behind a button', async ({
	page
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	const months = page.locator('.month-list');
	const shown = months.filter({ visible: true });
	await expect(shown).toHaveCount(3);
	await page.getByText('Rādīt visu gadu').click();
	expect(await months.filter({ visible: true }).count()).toBeGreaterThan(3);
	// The dates line up: the day numbers share one right edge.
	const rights = await page
		.locator('.month-list .number')
		.evaluateAll((numbers) =>
			numbers.slice(0, 8).map((n) => Math.round(n.getBoundingClientRect().right))
		);
	expect(new Set(rights).size).toBe(1);
});

for (const width of WIDTHS)
	test(`the document page at ${width} px: what to pay first, nothing wider than its box, the totals in view, plural units`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 800 });
		await loginWithEmail(page, 'demo', 'demo');
		await page.waitForURL(/\/portal$/);
		const unpaid = page.getByRole('region', { name: 'Neapmaksātie dokumenti' }).getByRole('link');
		await unpaid.first().click();
		await expect(page).toHaveURL(/\/documents\//);
		// An unpaid document says what is left and leads to the pay box, on the first screen.
		const payLink = page.getByRole('link', { name: 'Apmaksāt', exact: true });
		await expect(page.getByText(/^Jāmaksā: /)).toBeVisible();
		const linkBox = (await payLink.boundingBox())!;
		expect(linkBox.y + linkBox.height).toBeLessThanOrEqual(800);
		await payLink.click();
		await expect(page).toHaveURL(/#pay-heading$/);
		// No element wider than the box it sits in, and nothing scrolls sideways.
		const wider = await page.locator('main *').evaluateAll((elements) =>
			elements
				.filter((element) => {
					const parent = element.parentElement!;
					return (
						element.getBoundingClientRect().right > parent.getBoundingClientRect().right + 1 ||
						element.scrollWidth > element.clientWidth + 1
					);
				})
				.map((element) => element.outerHTML.slice(0, 80))
		);
		expect(wider).toEqual([]);
		const total = page.locator('.totals dd').last();
		const box = (await total.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(width);
		// Counts of emptyings in the plural the language needs.
		const lines = await page.locator('.lines:visible').innerText();
		expect(lines).not.toMatch(/\b1 reizes\b/);
		expect(lines).toMatch(/\b\d+ reiz(e|es)\b/);
		await page.screenshot({ path: `tests/e2e/screenshots/document-${width}.png`, fullPage: true });
	});

test('a document without payments has no payments section; one with payments heads it "Maksājumi"', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page
		.getByRole('region', { name: 'Neapmaksātie dokumenti' })
		.getByRole('link')
		.first()
		.click();
	await expect(page.getByRole('heading', { name: 'Maksājumi' })).toHaveCount(0);
	await page.goto('/documents');
	const paid = page
		.getByRole('listitem')
		// Case matters: "Neapmaksāts" holds "apmaksāts" too.
		.filter({ hasText: /(^|\s)Apmaksāts/, hasNotText: /Neapmaksāts|Daļēji/ })
		.getByRole('link')
		.first();
	await paid.click();
	await expect(page.getByRole('heading', { name: 'Maksājumi' })).toBeVisible();
});

test('English pages write the day before the month, never 12/01/2026, and the containers’ frequencies in English', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.getByRole('button', { name: 'English' }).click();
	const months =
		'January|February|March|April|May|June|July|August|September|October|November|December';
	for (const path of ['/portal', '/documents', '/calendar', '/calendar?mode=month']) {
		await page.goto(path);
		const text = await page.locator('main').innerText();
		expect(text, path).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/);
		expect(text, path).not.toMatch(new RegExp(`\\b(${months}) \\d{1,2}\\b`));
		expect(text, path).toMatch(
			/\b\d{1,2} (Dec|Nov|Jan|December|January)\b|\d{1,2} [A-Z][a-z]+ \d{4}/
		);
	}
	// The containers' frequencies, which the billing system words in Latvian, in English too.
	await page.goto('/calendar');
	const containers = page.getByRole('region', { name: 'Containers' });
	await expect(containers).toContainText(/once (a|every \d+) (week|month)s?/);
	await expect(containers).not.toContainText(/reiz(i|es)|nedēļ|mēnes/);
});

test('registering: the steps come before the form, the e-mail before the passwords, and the contract number says where to find it', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto('/register');
	const steps = (await page.getByRole('region', { name: 'Kā reģistrēties' }).boundingBox())!;
	const form = (await page.locator('main form').boundingBox())!;
	expect(steps.y + steps.height).toBeLessThanOrEqual(form.y);
	const fields = await page
		.locator('main form input')
		.evaluateAll((inputs) => inputs.map((input) => input.getAttribute('name')));
	expect(fields).toEqual(['contractNumber', 'code', 'email', 'password', 'passwordAgain', 'terms']);
	await expect(page.getByLabel('Līguma nr.')).toHaveAccessibleDescription(
		/katra rēķina vai aprēķina augšdaļā/
	);
	await page.screenshot({ path: 'tests/e2e/screenshots/register-360.png', fullPage: true });
});
