/** The calendar subscription feed, read by an independent RFC 5545 parser. */
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { checkIcs } from '../unit/rfc5545';
import {
	customers,
	demoCustomers,
	loginWithContract,
	startServerProcess,
	stopServerProcess
} from './support';

interface ExportContainer {
	fraction: string;
	address: string;
	dates: string[];
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
const shift = (day: string, days: number) => {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
};

/** Signs in as the customer and makes a feed address on the calendar page. */
async function makeFeedAddress(
	page: Page,
	person: { contractNumber: string; personalCode?: string }
) {
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	const feed = page.getByRole('region', { name: 'Tālruņa kalendārā' });
	// The one primary action: the address is made on first use, and the button becomes the
	// link a phone's calendar app takes, focused.
	await feed.getByRole('button', { name: 'Pievienot tālruņa kalendāram' }).click();
	await expect(feed.getByRole('link', { name: 'Pievienot tālruņa kalendāram' })).toBeFocused();
	await expect(feed.getByRole('status')).toContainText('Kalendāra adrese izveidota');
	// For other calendar programs, the address itself.
	await feed.getByText('Adrese citām kalendāra programmām').click();
	const address = feed.getByLabel('Adrese');
	await expect(address).toBeVisible();
	return { feed, address };
}

test('a secret feed address serves the last month and the next twelve, refreshes daily, and a new address retires the old one', async ({
	page,
	request
}) => {
	const { person } = customers(12);
	const { feed, address } = await makeFeedAddress(page, person);
	await expect(address).toHaveValue(/^http:\/\/localhost:4173\/feed\/[a-z2-7]{32}\.ics$/);
	const url = await address.inputValue();
	await expect(feed.getByRole('link', { name: 'Pievienot tālruņa kalendāram' })).toHaveAttribute(
		'href',
		url.replace('http:', 'webcal:')
	);

	// Fetched as a calendar app does: no cookie, the address is the key.
	const response = await request.get(url, { headers: { cookie: '' } });
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	// An app that kept this copy and asks again is told it has not changed, with no body.
	const etag = response.headers()['etag']!;
	expect(etag).toMatch(/^"[\w-]{43}"$/);
	const again = await request.get(url, { headers: { cookie: '', 'if-none-match': etag } });
	expect(again.status()).toBe(304);
	expect(await again.body()).toHaveLength(0);
	expect(
		(await request.get(url, { headers: { cookie: '', 'if-none-match': '"other"' } })).status()
	).toBe(200);
	// A list of kept copies, a weak tag and `*` (RFC 9110 §13.1.2) are answered alike.
	for (const asked of [`"other", ${etag}`, `W/${etag}`, '*'])
		expect(
			(await request.get(url, { headers: { cookie: '', 'if-none-match': asked } })).status(),
			asked
		).toBe(304);
	const text = await response.text();
	expect(checkIcs(await response.body())).toEqual([]);
	const calendar = new ICAL.Component(ICAL.parse(text));
	expect(calendar.getFirstPropertyValue('refresh-interval')?.toString()).toBe('P1D');
	expect(calendar.getAllProperties('x-published-ttl').map((p) => p.getFirstValue())).toEqual([
		'P1D'
	]);
	// ical.js keeps an X- property's value as written, escapes and all.
	expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
		`Vidzemes Vide: izvešanas kalendārs\\, līgums ${person.contractNumber}`
	);
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	const containers = (
		demoCustomers().find((c) => c.contractNumber === person.contractNumber) as unknown as {
			containers: ExportContainer[];
		}
	).containers;
	const expected = containers.flatMap((c) =>
		c.dates
			.filter((d) => d >= shift(today, -31) && d <= shift(today, 366))
			.map((d) => `${d} ${c.address}`)
	);
	expect(events.length).toBeGreaterThan(0);
	expect(events.map((e) => `${e.startDate.toString()} ${e.location}`).sort()).toEqual(
		expected.sort()
	);
	expect(events.every((e) => e.startDate.isDate)).toBe(true);
	// The calendar and nothing else: no name, no money.
	expect(text).not.toContain(person.name);
	expect(text).not.toContain('€');

	// One fraction: only its events, with the same UIDs as in the full feed.
	const mixed = new ICAL.Component(
		ICAL.parse(await (await request.get(`${url}?fraction=mixed`)).text())
	)
		.getAllSubcomponents('vevent')
		.map((v) => new ICAL.Event(v));
	expect(new Set(mixed.map((e) => e.summary))).toEqual(new Set(['Sadzīves atkritumi']));
	expect(mixed.map((e) => e.uid).every((uid) => events.some((e) => e.uid === uid))).toBe(true);
	expect((await request.get(`${url}?fraction=everything`)).status()).toBe(400);
	expect(
		(await request.get(url.replace(/\/feed\/[a-z2-7]+/, '/feed/' + 'a'.repeat(32)))).status()
	).toBe(404);

	await feed.getByRole('button', { name: 'Mainīt adresi (vecā vairs nedarbosies)' }).click();
	await expect(feed.getByText('Jauna adrese izveidota')).toBeVisible();
	await expect(address).not.toHaveValue(url);
	expect((await request.get(url)).status()).toBe(404);
	expect((await request.get(await address.inputValue())).status()).toBe(200);
});

test('the view-only demo cannot make a feed address', async ({ page }) => {
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	await page.goto('/calendar');
	const feed = page.getByRole('region', { name: 'Tālruņa kalendārā' });
	const add = feed.getByRole('button', { name: 'Pievienot tālruņa kalendāram' });
	// What it would do is said beside it, and why it cannot.
	await expect(add).toBeDisabled();
	await expect(add).toHaveAccessibleDescription('Apskates režīmā nav pieejams.');
	await expect(feed).toContainText('atjaunosies pašas reizi dienā');
	for (const action of ['subscribe', 'feed']) {
		const response = await page.request.post(`/calendar?/${action}`, {
			form: {},
			headers: { origin: 'http://localhost:4173', accept: 'text/html' }
		});
		expect(response.status()).toBe(403);
	}
});

test('a server that has written a feed still stops within 5 s of SIGTERM', async ({
	page,
	request
}) => {
	// Its own process: a feed's text is written on a worker thread, which must not keep a
	// stopping server alive (stopServerProcess fails the test when it does).
	const port = 4177;
	const server = await startServerProcess(port);
	try {
		const { address } = await makeFeedAddress(page, customers(17).person);
		await expect(address).toHaveValue(/\/feed\/[a-z2-7]{32}\.ics$/);
		const url = new URL(await address.inputValue());
		url.port = String(port);
		const response = await request.get(url.toString(), { headers: { cookie: '' } });
		expect(response.status()).toBe(200);
		expect(await response.text()).toContain('BEGIN:VEVENT');
	} finally {
		await stopServerProcess(server);
	}
});
