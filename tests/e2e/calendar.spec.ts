import { expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import { checkIcs } from '../unit/rfc5545';
import fs from 'node:fs';
import { demoCustomers, expectAccessible, loginWithContract } from './support';

interface ExportContainer {
	code: string;
	fraction: string;
	address: string;
	dates: string[];
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
const containers = () =>
	(
		demoCustomers().find((c) => c.contractNumber === 'demo') as unknown as {
			containers: ExportContainer[];
		}
	).containers;

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
	// The page holds this year and the next, for the list, the month grid and the year PDFs.
	const year = Number(today.slice(0, 4));
	const expected = containers().flatMap((c) =>
		c.dates
			.filter((d) => d >= `${year}-01-01` && d <= `${year + 1}-12-31`)
			.map((d) => `${d} ${c.address}`)
	);
	expect(events.map((e) => `${e.startDate.toString()} ${e.location}`).sort()).toEqual(
		expected.sort()
	);
	expect(events.every((e) => e.startDate.isDate)).toBe(true);
	expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

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
