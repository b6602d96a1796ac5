/** The installable app: manifest, icons, the real service worker, and nothing left after logout. */
import { chromium, expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { findChromium } from '../../scripts/chromium';
import { demoCustomers, loginWithEmail, PORT } from './support';

const BASE = `http://localhost:${PORT}`;

/** Resolves once the service worker controls the page and has precached everything. */
async function serviceWorkerReady(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
	});
}

/** Every URL in Cache Storage, whatever the cache. */
const cachedUrls = (page: Page) =>
	page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		return urls;
	});

test('Chromium finds the portal installable: manifest, icons and service worker, asked through the DevTools protocol', async () => {
	// A persistent profile: Chromium does not offer installing in an incognito-like context.
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'klientiem-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: findChromium(),
		baseURL: BASE
	});
	try {
		const page = await context.newPage();
		await page.goto('/');
		await serviceWorkerReady(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		const manifest = await cdp.send('Page.getAppManifest');
		expect(manifest.errors).toEqual([]);
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
});

test('the manifest names the app in Latvian with standalone display and real 192, 512 and maskable icons; iOS gets its tags', async ({
	page,
	request
}) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({
		short_name: 'Klientiem',
		lang: 'lv',
		start_url: '/portal',
		scope: '/',
		display: 'standalone',
		theme_color: '#1d6b3a'
	});
	for (const [size, purpose] of [
		[192, 'any'],
		[512, 'any'],
		[512, 'maskable']
	] as const) {
		const icon = manifest.icons.find(
			(i: { sizes: string; purpose: string }) =>
				i.sizes === `${size}x${size}` && i.purpose === purpose
		);
		const png = PNG.sync.read(await (await request.get(icon.src)).body());
		expect([png.width, png.height]).toEqual([size, size]);
	}
	await page.goto('/');
	const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect(PNG.sync.read(await (await request.get(touchIcon!)).body()).width).toBe(180);
	await expect(page.locator('meta[name="apple-mobile-web-app-status-bar-style"]')).toHaveCount(1);
});

test('the service worker precaches the PDF code and fonts: an open invoice still prints with the network gone', async ({
	page,
	context
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await serviceWorkerReady(page);
	const cached = await cachedUrls(page);
	expect(cached.filter((url) => url.endsWith('.ttf'))).toHaveLength(2);
	// Only the app's own files: no page and no customer data.
	for (const url of cached)
		expect(new URL(url).pathname).toMatch(
			/^\/(_app\/|icons\/|favicon\.svg|manifest\.webmanifest|service-worker\.js)/
		);

	const latest = (
		demoCustomers().find((c) => c.contractNumber === 'dem-1-oju') as unknown as {
			documents: { number: string }[];
		}
	).documents.at(-1)!.number;
	await page.goto(`/documents/${latest}`);
	await context.setOffline(true);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`${latest}.pdf`);
	await context.setOffline(false);
});

test('logout tells the browser to clear the site’s storage, and nothing of the customer stays in Cache Storage or IndexedDB', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await serviceWorkerReady(page);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/logout')),
		page.getByRole('button', { name: 'Iziet' }).click()
	]);
	expect((await response.allHeaders())['clear-site-data']).toBe('"cache", "storage"');
	await page.waitForURL(/\/$/);
	for (const url of await cachedUrls(page))
		expect(new URL(url).pathname).not.toMatch(/^\/(portal|documents|calendar|api|e-invoice)/);
	expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
});
