import { expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import { collectionResultLabel } from '../../src/lib/domain/calendar-view';
import { day } from '../../src/lib/format';
import { checkIcs } from '../unit/rfc5545';
import fs from 'node:fs';
import { demoCustomers, demoNotices, expectAccessible, loginWithContract } from './support';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
const containers = () => demoCustomers().find((c) => c.contractNumber === 'demo')!.containers;

test.beforeEach(async ({ page }) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
});

test('the calendar lists every container and the next collection of each fraction', async ({
	page
}) => {
	await page
		.getByRole('navigation', { name: 'Galvenā izvēlne' })
		.getByRole('link', { name: 'Izvešanas kalendārs' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atkritumu izvešanas kalendārs');
	const list = page.getByRole('region', { name: 'Konteineri' }).getByRole('listitem');
	await expect(list).toHaveCount(containers().length);
	await expect(list.first()).toContainText('1 reizi');
	const next = page.getByRole('region', { name: 'Nākamā izvešana' }).getByRole('listitem');
	await expect(next).toHaveCount(
		containers().filter((c) => c.dates.some((d) => d >= today)).length
	);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'PKO somas', exact: true }).click();
	await expect(page.getByRole('region', { name: 'Konteineri' }).getByRole('listitem')).toHaveCount(
		1
	);
	await expect(page.getByRole('region', { name: 'Konteineri' })).toContainText('PKO somas');
	await page.getByRole('link', { name: 'Mēnesis', exact: true }).click();
	await expect(page.getByRole('table')).toBeVisible();
	expect((await page.goto('/calendar?show=everything'))?.status()).toBe(400);
});

test('the ICS download holds exactly the shown collections as all-day events', async ({ page }) => {
	await page.goto('/calendar?show=all');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Kalendāra fails (.ics)' }).click()
	]);
	const text = fs.readFileSync((await download.path())!, 'utf8');
	expect(checkIcs(fs.readFileSync((await download.path())!))).toEqual([]);
	const calendar = new ICAL.Component(ICAL.parse(text));
	// ical.js keeps an X- property's value as written, escapes and all.
	expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
		'Vidzemes Vide: izvešanas kalendārs\\, līgums demo'
	);
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	// The page holds this year and the next, for the list, the month grid and the year PDFs,
	// and the last month's days (in January the end of the year before).
	const year = Number(today.slice(0, 4));
	const monthAgo = new Date(Date.parse(`${today}T12:00:00Z`) - 31 * 86_400_000)
		.toISOString()
		.slice(0, 10);
	const from = [`${year}-01-01`, monthAgo].sort()[0]!;
	const expected = containers().flatMap((c) =>
		c.dates.filter((d) => d >= from && d <= `${year + 1}-12-31`).map((d) => `${d} ${c.address}`)
	);
	expect(events.map((e) => `${e.startDate.toString()} ${e.location}`).sort()).toEqual(
		expected.sort()
	);
	expect(events.every((e) => e.startDate.isDate)).toBe(true);
	expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
	// A holiday's collection moved to another day keeps the planned day's UID, one version up,
	// and says why (issue 16).
	const moves = containers().flatMap((c) =>
		c.details
			.filter((d) => d.movedFrom && d.date >= from && d.date <= `${year + 1}-12-31`)
			.map((d) => ({ ...d, code: c.code }))
	);
	expect(moves.length).toBeGreaterThan(0);
	for (const move of moves) {
		const event = events.find(
			(e) => e.startDate.toString() === move.date && e.uid.includes(`-${move.code}-`)
		)!;
		expect(event.uid).toBe(`demo-${move.code}-${move.movedFrom}@klientiem`);
		expect(event.sequence).toBe(1);
		expect(event.description).toMatch(/^pārcelts no \d\d\.\d\d\. — /);
	}

	// A tab's file: the same events of that fraction, with the same UIDs, named after the tab.
	await page.getByRole('link', { name: 'Sadzīves atkritumi', exact: true }).click();
	await expect(page).toHaveURL(/show=mixed/);
	const [one] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Kalendāra fails (.ics)' }).click()
	]);
	expect(one.suggestedFilename()).toBe('kalendars-demo-mixed.ics');
	const single = new ICAL.Component(ICAL.parse(fs.readFileSync((await one.path())!, 'utf8')));
	const mixed = single.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	expect(mixed.length).toBeGreaterThan(0);
	expect(new Set(mixed.map((e) => e.summary))).toEqual(new Set(['Sadzīves atkritumi']));
	expect(mixed.map((e) => e.uid).sort()).toEqual(
		events
			.filter((e) => e.summary === 'Sadzīves atkritumi')
			.map((e) => e.uid)
			.sort()
	);
	expect(single.getFirstPropertyValue('x-wr-calname')).toBe(
		'Vidzemes Vide: izvešanas kalendārs\\, līgums demo: Sadzīves atkritumi'
	);
});

for (const width of [360, 1280]) {
	test(`at ${width} px the last collections say what the crew reported, and a moved day says why (issue 16)`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/calendar');
		const last = page.getByRole('region', { name: 'Pēdējās izvešanas' });
		const recent = containers().filter((c) => c.dates.some((d) => d < today));
		await expect(last.getByRole('listitem')).toHaveCount(recent.length);
		// The demo's second container was not emptied the last time, with the crew's reason.
		const second = containers()[1]!;
		const missed = second.details.filter((d) => d.date < today && d.outcome).at(-1)!;
		expect(missed.outcome).not.toBe('emptied');
		await expect(last).toContainText(
			collectionResultLabel(
				{ outcome: missed.outcome!, time: null, reason: missed.reason ?? null },
				'lv'
			)
		);
		await expect(last).toContainText('nav izvests:');
		// Reported emptyings show their time.
		await expect(last).toContainText(/izvests \d\d:\d\d/);
		// The list names a moved day's original date and the holiday.
		const move = containers()
			.flatMap((c) => c.details)
			.find((d) => d.movedFrom && d.date >= today)!;
		await expect(page.locator('main')).toContainText(`— ${move.moveReason}`);
		await expectAccessible(page);
		// Nothing wider than the screen, and the region within the content's width.
		expect(
			await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			)
		).toBeLessThanOrEqual(0);
		const box = (await last.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(width);
		await last.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `tests/e2e/screenshots/last-collections-${width}.png` });
		// The month grid marks a moved day and a missed one, in words too.
		await page.goto(`/calendar?mode=month&month=${move.date.slice(0, 7)}`);
		await expect(page.locator('.mark.moved').first()).toBeVisible();
		await expect(page.locator('.mark.moved').first()).toHaveAttribute('title', /pārcelts no/);
		await page.screenshot({
			path: `tests/e2e/screenshots/month-moved-${width}.png`,
			fullPage: true
		});
	});
}

for (const width of [360, 1280]) {
	test(`at ${width} px the import's current notice for the customer's area is on the start page's first screen and on the calendar (issue 16)`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 800 });
		const [notice] = demoNotices();
		expect(notice).toBeDefined();
		for (const path of ['/portal', '/calendar']) {
			await page.goto(path);
			const banner = page.getByRole('region', { name: 'Paziņojumi' });
			await expect(banner).toContainText(notice!.text.lv);
			await expect(banner).toContainText(`Spēkā līdz ${day(notice!.to, 'lv')}`);
			const box = (await banner.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(width);
			expect(box.y + box.height, 'on the first screen').toBeLessThanOrEqual(800);
			expect(
				await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				)
			).toBeLessThanOrEqual(0);
			await expectAccessible(page);
			await page.screenshot({
				path: `tests/e2e/screenshots/notice${path.replace('/', '-')}-${width}.png`
			});
		}
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('region', { name: 'Notices' })).toContainText(notice!.text.en!);
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the dates are there, and the buttons that need a script are disabled, not dead', async ({
		page
	}) => {
		await page.goto('/calendar?show=all');
		await expect(
			page.getByRole('region', { name: 'Nākamā izvešana' }).getByRole('listitem')
		).not.toHaveCount(0);
		const scripted = page
			.getByRole('region', { name: 'Kalendāra faili' })
			.getByRole('button', { name: /\.ics|PDF|Drukāt/ });
		// The file, a PDF per year and the page's own printing.
		expect(await scripted.count()).toBeGreaterThanOrEqual(3);
		for (const button of await scripted.all()) await expect(button).toBeDisabled();
	});
});
