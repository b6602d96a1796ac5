/** Collection reminders in the account settings, and the unsubscribe link of the e-mails. */
import { expect, test, type Page } from '@playwright/test';
import {
	customers,
	expectAccessible,
	loginWithEmail,
	queryDb,
	registerAndConfirm,
	uniqueEmail
} from './support';

const ORIGIN = 'http://localhost:4173';

async function reminderOf(email: string) {
	const [row] = await queryDb<{ enabled: number; hour: number; fractions: string; token: string }>(
		`select r.enabled, r.hour, r.fractions, r.unsubscribe_token as token
		 from collection_reminder r join account a on a.id = r.account_id where a.email = ?`,
		[email]
	);
	return row;
}

const PASSWORD = 'Atkritumu-kalendārs-2026';

/** Registers the customer, signs in and opens the settings; returns the e-mail and the reminders' section. */
async function openSettingsAsNewUser(page: Page, person: ReturnType<typeof customers>['person']) {
	const email = uniqueEmail('reminders');
	await registerAndConfirm(page, person.contractNumber, person.personalCode!, email, PASSWORD);
	await loginWithEmail(page, email, PASSWORD);
	await page.waitForURL(/\/portal$/);
	await page.goto('/settings');
	return { email, section: page.getByRole('region', { name: 'Atgādinājumi par izvešanu' }) };
}

test('a registered customer chooses reminders; bad choices are refused and change nothing', async ({
	page
}) => {
	const { person } = customers(13);
	const fractions = [...new Set(person.containers.map((c) => c.fraction))];
	const { email, section } = await openSettingsAsNewUser(page, person);
	await expect(section).toContainText(`uz ${email} par līguma ${person.contractNumber}`);
	await expect(section.getByLabel('Sūtīt atgādinājumus')).not.toBeChecked();
	await expect(section.getByLabel('No cikiem iepriekšējā vakarā')).toHaveValue('18');
	// Every fraction of the contract is offered, and ticked by default.
	await expect(
		section
			.getByRole('group', { name: 'Par kuriem atkritumiem' })
			.getByRole('checkbox', { checked: true })
	).toHaveCount(fractions.length);

	// Refused by the server whatever the browser sends: an hour not offered, a fraction the
	// contract does not have, switched on with nothing chosen.
	for (const form of <Record<string, string>[]>[
		{ enabled: 'on', hour: '3', fraction: fractions[0]! },
		{ enabled: 'on', hour: '18', fraction: 'nuclear' },
		{ enabled: 'on', hour: '18' }
	]) {
		const response = await page.request.post('/settings?/reminders', {
			form,
			headers: { origin: ORIGIN, accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
	}
	expect(await reminderOf(email)).toBeUndefined();

	await section.getByLabel('Sūtīt atgādinājumus').check();
	await section.getByLabel('No cikiem iepriekšējā vakarā').selectOption('20');
	const choices = section.getByRole('group', { name: 'Par kuriem atkritumiem' });
	for (const box of await choices.getByRole('checkbox').all()) await box.uncheck();
	await section.getByRole('button', { name: 'Saglabāt atgādinājumus' }).click();
	await expect(section.getByRole('alert')).toHaveText('Izvēlieties vismaz vienu atkritumu veidu.');
	expect(await reminderOf(email)).toBeUndefined();

	await choices.getByRole('checkbox', { name: 'Sadzīves atkritumi' }).check();
	await section.getByRole('button', { name: 'Saglabāt atgādinājumus' }).click();
	await expect(section.getByRole('status')).toHaveText('Atgādinājumi ieslēgti.');
	expect(await reminderOf(email)).toMatchObject({ enabled: 1, hour: 20, fractions: 'mixed' });

	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await page.reload();
		await section.screenshot({ path: `tests/e2e/screenshots/settings-reminders-${width}.png` });
	}
	await expectAccessible(page);
	await expect(section.getByLabel('Sūtīt atgādinājumus')).toBeChecked();
	await expect(section.getByLabel('No cikiem iepriekšējā vakarā')).toHaveValue('20');
	await expect(section.getByRole('checkbox', { name: 'Sadzīves atkritumi' })).toBeChecked();
});

test('the unsubscribe link: opening it changes nothing, the button and a mail program’s one-click post switch reminders off', async ({
	page,
	request
}) => {
	const { person } = customers(14);
	const { email, section } = await openSettingsAsNewUser(page, person);
	await section.getByLabel('Sūtīt atgādinājumus').check();
	await section.getByRole('button', { name: 'Saglabāt atgādinājumus' }).click();
	await expect(section.getByRole('status')).toHaveText('Atgādinājumi ieslēgti.');
	const { token } = (await reminderOf(email))!;

	// A link scanner's GET: the page, and reminders still on.
	await page.context().clearCookies();
	await page.goto(`/unsubscribe/${token}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atteikties no atgādinājumiem');
	await expect(page.getByText(`pēc līguma ${person.contractNumber}`)).toBeVisible();
	expect((await reminderOf(email))!.enabled).toBe(1);
	await expectAccessible(page);
	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 700 });
		await page.screenshot({ path: `tests/e2e/screenshots/unsubscribe-${width}.png` });
	}
	await page.getByRole('button', { name: 'Atteikties' }).click();
	await expect(page.getByRole('status')).toHaveText(/vairs nesaņemsiet šos atgādinājumus/);
	expect((await reminderOf(email))!.enabled).toBe(0);

	// Switched on again, then off by the mail program: no cookie, no Origin, RFC 8058's body.
	await loginWithEmail(page, email, PASSWORD);
	await page.waitForURL(/\/portal$/);
	await page.goto('/settings');
	await section.getByLabel('Sūtīt atgādinājumus').check();
	await section.getByRole('button', { name: 'Saglabāt atgādinājumus' }).click();
	await expect(section.getByRole('status')).toHaveText('Atgādinājumi ieslēgti.');
	expect(await reminderOf(email)).toMatchObject({ enabled: 1, token });
	const oneClick = await request.post(`/unsubscribe/${token}/one-click`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: '' },
		data: 'List-Unsubscribe=One-Click'
	});
	expect(oneClick.status()).toBe(200);
	expect((await reminderOf(email))!.enabled).toBe(0);

	// Bad input changes nothing and says what is wrong.
	const unknown = await request.post(`/unsubscribe/${'a'.repeat(32)}/one-click`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: 'List-Unsubscribe=One-Click'
	});
	expect(unknown.status()).toBe(404);
	const noBody = await request.post(`/unsubscribe/${token}/one-click`);
	expect(noBody.status()).toBe(400);
	expect((await request.get('/unsubscribe/not-a-token')).status()).toBe(404);
	// The exception is this one address: other posts from outside are still refused.
	const crossSite = await request.post('/settings?/reminders', {
		headers: { origin: 'https://evil.example', accept: 'text/html' },
		form: { enabled: 'on', hour: '18' }
	});
	expect(crossSite.status()).toBe(403);
});
