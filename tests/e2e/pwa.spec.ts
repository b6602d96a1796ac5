/** The installable app: manifest, icons, the real service worker, and nothing left after logout. */
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { findChromium } from '../../scripts/chromium';
import { OFFLINE_DATA_VERSION } from '../../src/lib/domain/offline';
import {
	browserOnly,
	dataDir,
	demoCustomers,
	loginWithContract,
	loginWithEmail,
	PORT,
	runScript,
	startServerProcess,
	stopServerProcess
} from './support';

browserOnly();

const BASE = `http://localhost:${PORT}`;

// The rest of the suite blocks service workers (playwright.config.ts); these tests are about it.
test.use({ serviceWorkers: 'allow' });

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

/** Signs in as the demo person and waits until the calendar and documents are kept offline. */
async function keepOfflineCopy(page: Page) {
	const dataRequests: Promise<unknown>[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/api/v1/')) dataRequests.push(request.response());
	});
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await serviceWorkerReady(page);
	// Each portal page refreshes the kept copy; waiting for both answers means no refresh is
	// still on its way to overwrite what a test does to the cache next.
	await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar')),
		page.waitForResponse((r) => r.url().endsWith('/api/v1/documents')),
		page.goto('/calendar')
	]);
	await expect
		.poll(async () => (await cachedUrls(page)).filter((url) => url.includes('/api/v1/')).length)
		.toBe(2);
	// The answers awaited above may be the sign-in page's, with the calendar page's own still
	// on their way (on a slow database they were). The service worker keeps a copy before it
	// answers, so once every request of the page's has its answer, every copy is written.
	// (Not response.finished(): the pages never read these bodies.)
	await Promise.all(dataRequests);
}

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
	// The install dialog's screenshots: one for phones, one for desktops, of their stated size.
	expect(manifest.screenshots.map((s: { form_factor: string }) => s.form_factor).sort()).toEqual([
		'narrow',
		'wide'
	]);
	for (const shot of manifest.screenshots as { src: string; sizes: string }[]) {
		const png = PNG.sync.read(await (await request.get(shot.src)).body());
		expect(`${png.width}x${png.height}`).toBe(shot.sizes);
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
	// The precache, without the customer's own cache (filled by the page in the meantime).
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys())
			if (!name.startsWith('customer-'))
				for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		return urls;
	});
	expect(cached.filter((url) => url.endsWith('.ttf'))).toHaveLength(2);
	// Only the app's own files: no page and no customer data.
	for (const url of cached)
		expect(new URL(url).pathname).toMatch(
			/^\/(_app\/|icons\/|favicon\.svg|manifest\.webmanifest|service-worker\.js|offline$)/
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

test('after one online visit the calendar and the documents open offline by reload and typed URL, with the data date, the PDFs and the ICS', async ({
	page,
	context
}) => {
	await keepOfflineCopy(page);
	const customer = demoCustomers().find((c) => c.contractNumber === 'demo') as unknown as {
		documents: { number: string }[];
	};

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Bezsaistē — dati uz' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atkritumu izvešanas kalendārs');
	await expect(page.getByRole('heading', { name: 'Nākamā izvešana' })).toBeVisible();
	const [ics] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Kalendāra fails (.ics)' }).click()
	]);
	expect(fs.readFileSync((await ics.path())!, 'utf8')).toContain('BEGIN:VEVENT');
	const year = new Date().getFullYear();
	const [calendarPdf] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: `Gada kalendārs ${year} (PDF)` }).click()
	]);
	expect(calendarPdf.suggestedFilename()).toBe(`kalendars-demo-${year}.pdf`);

	// Typed into the address bar: a full navigation the service worker answers.
	const latest = customer.documents.at(-1)!.number;
	await page.goto(`/documents/${latest}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Aprēķins ${latest}`);
	const [documentPdf] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Lejupielādēt PDF drukāšanai' }).click()
	]);
	expect(documentPdf.suggestedFilename()).toBe(`${latest}.pdf`);
	await page.goto('/documents');
	await expect(page.getByRole('link', { name: `Aprēķins ${latest}` })).toBeVisible();

	// A page that needs the network says so.
	await page.goto('/settings');
	await expect(page.getByText('Šai lapai vajadzīgs interneta savienojums.')).toBeVisible();

	// The installed app starts at /portal: offline it opens on the collection days.
	await page.goto('/portal');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atkritumu izvešanas kalendārs');

	// Signing out offline still drops the kept data.
	await page.goto('/calendar');
	await page.getByRole('button', { name: 'Iziet' }).click();
	await page.waitForURL(/\/$/);
	await expect
		.poll(async () => (await cachedUrls(page)).filter((u) => u.includes('/api/')))
		.toEqual([]);
	await context.setOffline(false);
});

/** The service worker's own requests for the offline copies: path, whether it sent a tag, status. */
function recordCopyRequests(context: BrowserContext): string[] {
	const asked: string[] = [];
	context.on('response', async (response) => {
		const request = response.request();
		if (!request.serviceWorker() || !request.url().includes('/api/v1/')) return;
		const tag = await request.headerValue('if-none-match');
		asked.push(
			`${new URL(request.url()).pathname} ${tag?.startsWith(`"${OFFLINE_DATA_VERSION}-`) ? 'tag' : 'none'} ${response.status()}`
		);
	});
	return asked;
}

/** The ETag and the time of keeping of each kept copy. */
const keptCopies = (page: Page) =>
	page.evaluate(async () => {
		const name = (await caches.keys()).find((n) => n.startsWith('customer-'))!;
		const cache = await caches.open(name);
		const copies: Record<string, { tag: string | null; at: number }> = {};
		for (const path of ['/api/v1/calendar', '/api/v1/documents']) {
			const kept = await cache.match(path);
			copies[path] = {
				tag: kept?.headers.get('etag') ?? null,
				at: Number(kept?.headers.get('x-klientiem-cached-at'))
			};
		}
		return copies;
	});

test('a portal page confirms the kept copies with their current tag and no request; an import has them fetched again', async ({
	page,
	context
}) => {
	await keepOfflineCopy(page);
	const before = await keptCopies(page);
	const asked = recordCopyRequests(context);

	// Nothing changed: the page's tag is the kept copies', so they are kept again from now
	// and the server is not asked.
	await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar')),
		page.waitForResponse((r) => r.url().endsWith('/api/v1/documents')),
		page.goto('/portal')
	]);
	await expect
		.poll(async () => {
			const now = await keptCopies(page);
			return Object.values(now).every((copy, i) => copy.at > Object.values(before)[i]!.at);
		})
		.toBe(true);
	expect(await keptCopies(page)).toMatchObject({
		'/api/v1/calendar': { tag: before['/api/v1/calendar']!.tag },
		'/api/v1/documents': { tag: before['/api/v1/documents']!.tag }
	});
	expect(asked).toEqual([]);

	// A new import makes a new tag: the page's no longer matches, the worker asks with the one
	// it keeps and gets the new copies.
	runScript('import', [path.join(dataDir(), 'demo-export.jsonl')]);
	await page.goto('/portal');
	await expect
		.poll(() => asked.toSorted())
		.toEqual(['/api/v1/calendar tag 200', '/api/v1/documents tag 200']);
	await expect
		.poll(async () => (await keptCopies(page))['/api/v1/documents']!.tag)
		.not.toBe(before['/api/v1/documents']!.tag);
});

test('asked without the page’s tag, the service worker sends the ETag it kept: unchanged data is answered 304, and the page gets the kept copy', async ({
	page,
	context
}) => {
	await keepOfflineCopy(page);
	const asked = recordCopyRequests(context);
	// What the page reads is the whole copy, from the cache the 304 confirmed.
	const copy = await page.evaluate(async () => {
		const response = await fetch('/api/v1/documents');
		return { status: response.status, body: (await response.json()) as unknown };
	});
	expect(copy).toMatchObject({ status: 200, body: { customer: { contractNumber: 'demo' } } });
	expect(asked).toEqual(['/api/v1/documents tag 304']);
});

test('customer A, then customer B on the same browser: B never sees A’s kept data, offline included', async ({
	page,
	context
}) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await serviceWorkerReady(page);
	await expect
		.poll(async () =>
			(await page.evaluate(() => caches.keys())).filter((n) => n.startsWith('customer-'))
		)
		.toHaveLength(1);
	const [first] = (await page.evaluate(() => caches.keys())).filter((n) =>
		n.startsWith('customer-')
	);

	// A leaves without signing out and the session runs out; B signs in on the same profile.
	await context.clearCookies();
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await expect
		.poll(async () =>
			(await page.evaluate(() => caches.keys())).filter((n) => n.startsWith('customer-'))
		)
		.toEqual([expect.not.stringMatching(`^${first}$`)]);

	await context.setOffline(true);
	await page.goto('/calendar');
	await expect(page.getByText('Demo juridiska persona')).toBeVisible();
	await expect(page.getByText('Jānis Bērziņš')).toHaveCount(0);
	await context.setOffline(false);
});

test('the data endpoints answer the signed-in customer only, versioned and never stored by shared caches', async ({
	page,
	request
}) => {
	for (const path of ['/api/v1/calendar', '/api/v1/documents'])
		expect((await request.get(path)).status()).toBe(401);
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	for (const path of ['/api/v1/calendar', '/api/v1/documents']) {
		const response = await page.request.get(path);
		expect(response.status()).toBe(200);
		expect(response.headers()['cache-control']).toBe('private, no-store');
		const body = await response.json();
		expect(body.version).toBe(OFFLINE_DATA_VERSION);
		expect(body.customer).toMatchObject({ name: 'Jānis Bērziņš', contractNumber: 'demo' });
	}
	const documents = await (await page.request.get('/api/v1/documents')).json();
	const all = (
		demoCustomers().find((c) => c.contractNumber === 'demo') as unknown as {
			documents: { number: string }[];
		}
	).documents;
	// The newest 12 at most (the demo person has fewer), newest first.
	expect(
		documents.documents.map((d: { document: { number: string } }) => d.document.number)
	).toEqual(
		all
			.map((d) => d.number)
			.reverse()
			.slice(0, 12)
	);
	expect(JSON.stringify(documents)).not.toContain('dem-1-oju');
});

test('kept data older than 45 days is not shown offline', async ({ page, context }) => {
	await keepOfflineCopy(page);
	// Offline first, so no refresh can write over the backdated copy.
	await context.setOffline(true);
	// Backdate the kept calendar to 46 days ago, as if the device had stayed offline since. A
	// refresh the page started before going offline may still land and keep the copy anew
	// (seen once in CI), so the backdating is repeated until it stays.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const name = (await caches.keys()).find((n) => n.startsWith('customer-'))!;
					const cache = await caches.open(name);
					const kept = (await cache.match('/api/v1/calendar'))!;
					const headers = new Headers(kept.headers);
					const old = Date.now() - 46 * 24 * 60 * 60 * 1000;
					headers.set('x-klientiem-cached-at', String(old));
					await cache.put('/api/v1/calendar', new Response(await kept.blob(), { headers }));
					await new Promise((resolve) => setTimeout(resolve, 500));
					const now = await cache.match('/api/v1/calendar');
					return now?.headers.get('x-klientiem-cached-at') === String(old);
				}),
			{ timeout: 10_000 }
		)
		.toBe(true);
	await page.reload();
	await expect(page.getByText('Šajā ierīcē nav saglabātu datu.')).toBeVisible();
	await context.setOffline(false);
});

test('a new deployment is offered, taking it keeps the session', async ({ page }) => {
	// A copy of the build on its own port, on the test server's database: the same build
	// first, then with a changed service worker, as a new deployment brings.
	// Inside the project, so the copy finds node_modules.
	const copy = path.resolve('test-results/deploy-copy');
	fs.rmSync(copy, { recursive: true, force: true });
	fs.cpSync('build', path.join(copy, 'build'), { recursive: true });
	const port = 4175;
	const origin = `http://localhost:${port}`;
	const start = () => startServerProcess(port, {}, path.join(copy, 'build'));
	let server = await start();
	try {
		await loginWithContract(page, 'demo', 'demo', origin);
		await page.waitForURL(/\/portal$/);
		await serviceWorkerReady(page);

		await stopServerProcess(server);
		const worker = path.join(copy, 'build/client/service-worker.js');
		fs.appendFileSync(worker, `\n// deployment ${Date.now()}\n`);
		for (const suffix of ['.br', '.gz']) fs.rmSync(worker + suffix, { force: true });
		server = await start();

		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
		const prompt = page.getByRole('status').filter({ hasText: 'Pieejama jauna versija' });
		await expect(prompt).toBeVisible();
		await prompt.getByRole('button', { name: 'atjaunot' }).click();
		await expect(prompt).toBeHidden();
		await expect(page).toHaveURL(/\/portal$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sveiki, Jānis Bērziņš');
		const scripts = await page.evaluate(async () => {
			const registration = (await navigator.serviceWorker.getRegistration())!;
			return { waiting: registration.waiting, active: registration.active?.state };
		});
		expect(scripts).toEqual({ waiting: null, active: 'activated' });
	} finally {
		await stopServerProcess(server);
		fs.rmSync(copy, { recursive: true, force: true });
	}
});

test('a 401 from the data endpoints drops the kept copy', async ({ page, context }) => {
	await keepOfflineCopy(page);
	// The session ends on the server side (here: the cookie is gone), then the page asks again.
	await context.clearCookies();
	expect(await page.evaluate(async () => (await fetch('/api/v1/calendar')).status)).toBe(401);
	expect(await cachedUrls(page)).not.toContainEqual(expect.stringContaining('/api/'));
	expect(
		(await page.evaluate(() => caches.keys())).filter((n) => n.startsWith('customer-'))
	).toEqual([]);
});

test('offline, forms are set aside with the reason, and come back with the network', async ({
	page,
	context
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.goto('/e-invoice');
	const form = page.locator('main form').first();
	await expect(form).toBeVisible();
	await context.setOffline(true);
	await expect(
		page.getByRole('status').filter({ hasText: 'Nav interneta savienojuma' })
	).toBeVisible();
	await expect(form).toHaveAttribute('inert', '');
	await context.setOffline(false);
	await expect(form).not.toHaveAttribute('inert', '');
});
