import { expect, test, type Page } from '@playwright/test';
import { browserOnly, expectAccessible } from './support';

browserOnly();

const PAGES = ['/', '/terms', '/instructions', '/bookmark'];
const LANGUAGES = [
	{
		code: 'lv',
		button: 'LV',
		home: 'Klientu pašapkalpošanās portāls',
		bookmark: 'Pievienot grāmatzīmēm',
		terms: 'Lietošanas noteikumi',
		instructions: 'Lietošanas instrukcija'
	},
	{
		code: 'en',
		button: 'EN',
		home: 'Customer self-service portal',
		bookmark: 'Bookmark',
		terms: 'Terms of use',
		instructions: 'User instructions'
	},
	{
		code: 'ru',
		button: 'RU',
		home: 'Портал самообслуживания клиентов',
		bookmark: 'Добавить в закладки',
		terms: 'Условия использования',
		instructions: 'Инструкция'
	}
];

/** Every link on the page that stays on this site answers 200. */
async function expectNoBrokenLinks(page: Page) {
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
	const internal = [...new Set(hrefs)].filter((href) =>
		href.startsWith(new URL(page.url()).origin)
	);
	expect(internal.length).toBeGreaterThan(2);
	for (const href of internal) {
		const response = await page.request.get(href);
		expect(response.status(), href).toBe(200);
	}
	for (const href of hrefs.filter((h) => !h.startsWith('http')))
		expect(href).toMatch(/^(mailto|tel):/);
}

for (const language of LANGUAGES) {
	test(`public pages in ${language.code}: headings, <html lang>, no broken links, no axe violations`, async ({
		page
	}) => {
		await page.goto('/');
		await page
			.getByRole('button', {
				name: new RegExp(
					language.code === 'lv' ? 'Latviešu' : language.code === 'en' ? 'English' : 'Русский'
				)
			})
			.click();
		await expect(page.locator('html')).toHaveAttribute('lang', language.code);
		const headings: Record<string, string> = {
			'/': language.home,
			'/terms': language.terms,
			'/instructions': language.instructions,
			'/bookmark': language.bookmark
		};
		for (const path of PAGES) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', language.code);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(headings[path]!);
			await expectNoBrokenLinks(page);
			await expectAccessible(page);
		}
	});
}

test('the home page shows the company contacts from the imported profile', async ({ page }) => {
	await page.goto('/');
	const contacts = page.getByRole('region', { name: 'Jautājumu un neskaidrību gadījumā' });
	await expect(contacts.getByRole('link', { name: '+371 64 200 100' })).toHaveAttribute(
		'href',
		'tel:+37164200100'
	);
	await expect(contacts).toContainText(
		'SIA “Vidzemes Vide”, Rūpniecības iela 12, Valmiera, LV-4201'
	);
	await expect(page.getByText('maksa 1,00 € + PVN')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the language switch works and keeps the page', async ({ page }) => {
		await page.goto('/terms');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page).toHaveURL(/\/terms$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terms of use');
	});
});

test('an unknown address gets a 404 page in the chosen language, and /healthz reports the database', async ({
	page,
	request
}) => {
	const response = await page.goto('/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('Šāda lapa nav atrasta.')).toBeVisible();
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
});

test('every response carries the security headers, static and prerendered ones too (issue 13.11)', async ({
	page,
	request
}) => {
	await page.goto('/');
	const script = await page.locator('link[rel="modulepreload"]').first().getAttribute('href');
	for (const address of [
		'/',
		'/terms',
		'/no-such-page',
		'/healthz',
		'/offline',
		'/service-worker.js',
		'/manifest.webmanifest',
		'/icons/icon-192.png',
		script!
	]) {
		const response = await request.get(address);
		const headers = response.headers();
		expect(headers['content-security-policy'], address).toContain("frame-ancestors 'none'");
		expect(headers['x-content-type-options'], address).toBe('nosniff');
		expect(headers['x-frame-options'], address).toBe('DENY');
		expect(headers['permissions-policy'], address).toContain('camera=()');
		expect(headers['referrer-policy'], address).toBe('strict-origin-when-cross-origin');
		// Served over http here, so no HSTS.
		expect(headers['strict-transport-security'], address).toBeUndefined();
	}
});

test('a language switch from another site is refused, and a redirect never leaves the site', async ({
	request,
	baseURL
}) => {
	const foreign = await request.post('/language', {
		form: { lang: 'en', redirectTo: '/' },
		headers: { origin: 'https://evil.example' },
		maxRedirects: 0
	});
	expect(foreign.status()).toBe(403);
	const offsite = await request.post('/language', {
		form: { lang: 'en', redirectTo: '//evil.example/' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(offsite.status()).toBe(303);
	expect(offsite.headers()['location']).toBe('/');
});

for (const width of [360, 1280]) {
	test(`screenshots of the public pages at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		for (const path of PAGES) {
			await page.goto(path);
			// No horizontal scrolling on a phone.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				width
			);
			await page.screenshot({
				path: `tests/e2e/screenshots/public${path === '/' ? '-home' : path.replace('/', '-')}-${width}.png`,
				fullPage: true
			});
		}
	});
}
