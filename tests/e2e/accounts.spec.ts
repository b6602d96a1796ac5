import { expect, test } from '@playwright/test';
import {
	customers,
	expectAccessible,
	queryDb,
	loginWithContract,
	loginWithEmail,
	mailCount,
	MAILBOX_PORT,
	PORT,
	postFrom,
	register,
	registerAndConfirm,
	uniqueEmail,
	waitForMail
} from './support';

const PASSWORD = 'Gaujas krasts 2026';
const origin = `http://localhost:${PORT}`;

test('register → confirm by e-mail → sign in → sign out', async ({ page }) => {
	const { company } = customers(0);
	const email = uniqueEmail('register');
	await register(page, company.contractNumber, company.registrationNumber!, email, PASSWORD);
	await expect(page.getByText(`Uz ${email} nosūtījām vēstuli ar saiti`)).toBeVisible();
	await loginWithEmail(page, email, PASSWORD);
	await expect(page.getByRole('alert')).toHaveText(/Vispirms apstipriniet e-pastu/);

	const mail = await waitForMail(email, /Apstipriniet e-pastu/);
	expect(mail.text).toContain('24 stundu laikā');
	await page.goto(mail.link!);
	await page.getByRole('button', { name: 'Apstiprināt e-pastu' }).click();
	await expect(page.getByText('E-pasts apstiprināts')).toBeVisible();

	await loginWithEmail(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/portal$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sveiki, ${company.name}`);
	const cookie = (await page.context().cookies()).find((c) => c.name === 'session')!;
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
	expect(cookie.value).toMatch(/^[a-z2-7]{32}$/);

	await page.getByRole('button', { name: 'Iziet' }).click();
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/portal');
	await expect(page).toHaveURL(/\/\?session-ended&next=%2Fportal$/);
	// The same cookie, replayed after logout, opens nothing: the session is gone on the server.
	await page.context().addCookies([{ ...cookie }]);
	await page.goto('/portal');
	await expect(page).toHaveURL(/\/\?session-ended&next=%2Fportal$/);
});

test('a private person signs in with contract number and personal code', async ({ page }) => {
	const { person } = customers(0);
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sveiki, ${person.name}`);
	await expect(page.getByText(person.contractNumber, { exact: true })).toBeVisible();
	const response = await page.goto('/portal');
	expect(response?.headers()['cache-control']).toBe('private, no-store');
});

test('wrong code, wrong checksum, legal entity: clear messages that give nothing away', async ({
	page
}) => {
	const { person, company } = customers(1);
	await loginWithContract(page, person.contractNumber, '010101-10006');
	await expect(page.getByRole('alert')).toHaveText('Līguma numurs vai personas kods nav pareizs.');
	await loginWithContract(page, 'no-such-contract', person.personalCode!);
	await expect(page.getByRole('alert')).toHaveText('Līguma numurs vai personas kods nav pareizs.');
	await loginWithContract(
		page,
		person.contractNumber,
		person.personalCode!.slice(0, -1) + String((Number(person.personalCode!.slice(-1)) + 1) % 10)
	);
	await expect(page.getByRole('alert')).toHaveText(/Personas kods nav derīgs/);
	await loginWithContract(page, company.contractNumber, company.registrationNumber!);
	await expect(page.getByRole('alert')).toHaveText(/Personas kods nav derīgs/);
});

test('the demo logins open view-only sessions that change nothing', async ({ page, request }) => {
	await loginWithContract(page, 'demo', 'demo');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sveiki, Jānis Bērziņš');
	await expect(page.getByRole('note')).toHaveText(/Apskates režīms/);
	await page.getByRole('button', { name: 'Iziet' }).click();
	// Signing out first drops the offline copy, then posts: wait for it to land.
	await expect(page).toHaveURL(/\/$/);

	await loginWithEmail(page, 'demo', 'demo');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Sveiki, Demo juridiska persona'
	);
	await expect(page.getByRole('note')).toHaveText(/Apskates režīms/);
	// A demo session posting to account settings by hand is refused.
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'session')!.value;
	const refused = await request.post('/settings?/password', {
		headers: { origin, cookie: `session=${session}`, accept: 'text/html' },
		form: {
			currentPassword: 'demo',
			password: 'Jauna parole pie jūras',
			passwordAgain: 'Jauna parole pie jūras'
		},
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain('Apskates režīmā neko nevar mainīt vai nosūtīt.');
});

test('forgot password → reset → every old session has ended', async ({ page, browser }) => {
	const { company } = customers(2);
	const email = uniqueEmail('reset');
	await registerAndConfirm(
		page,
		company.contractNumber,
		company.registrationNumber!,
		email,
		PASSWORD
	);
	await loginWithEmail(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/portal$/);

	const other = await browser.newPage();
	await other.goto('/forgot-password');
	await other.getByLabel('E-pasts').fill(email);
	await other.getByRole('button', { name: 'Sūtīt saiti' }).click();
	await expect(other.getByRole('status')).toHaveText(/Ja šim e-pastam ir konts/);
	const mail = await waitForMail(email, /Jaunas paroles/);
	await other.goto(mail.link!);
	await other.getByLabel('Jaunā parole').fill('Jauna parole pie jūras');
	await other.getByLabel('Parole vēlreiz').fill('Jauna parole pie jūras');
	await other.getByRole('button', { name: 'Saglabāt jauno paroli' }).click();
	await expect(other.getByRole('status')).toHaveText(/Parole nomainīta/);

	await page.reload();
	await expect(page).toHaveURL(/\/\?session-ended&next=%2Fportal$/);
	// The link was single-use.
	await other.goto(mail.link!);
	await expect(other.getByRole('alert')).toHaveText(
		'Šī saite jau ir izmantota. Katra saite der vienu reizi.'
	);
	await loginWithEmail(page, email, PASSWORD);
	await expect(page.getByRole('alert')).toHaveText('E-pasts vai parole nav pareiza.');
	await loginWithEmail(page, `  ${email.toUpperCase()} `, 'Jauna parole pie jūras');
	await expect(page).toHaveURL(/\/portal$/);
	await other.close();
});

test('an expired link says so', async ({ page }) => {
	const { company } = customers(3);
	const email = uniqueEmail('expired');
	await register(page, company.contractNumber, company.registrationNumber!, email, PASSWORD);
	const mail = await waitForMail(email, /Apstipriniet/);
	// A minute past: the scheduler's retention pass deletes only what is a week past expiry,
	// so it cannot take the registration away before the link is opened.
	await queryDb('update registration set expires_at = ? where used_at is null', [
		new Date(Date.now() - 60_000).toISOString()
	]);
	await page.goto(mail.link!);
	await expect(page.getByRole('alert')).toHaveText(
		'Šīs saites derīguma laiks ir beidzies. Pieprasiet jaunu.'
	);
});

test('a second contract is added in account settings, and the switcher moves between them', async ({
	page
}) => {
	const { company, person } = customers(4);
	const email = uniqueEmail('contracts');
	await registerAndConfirm(
		page,
		company.contractNumber,
		company.registrationNumber!,
		email,
		PASSWORD
	);
	await loginWithEmail(page, email, PASSWORD);
	await page.getByRole('link', { name: 'Konta iestatījumi' }).click();
	await page.getByLabel('Līguma nr.').fill(person.contractNumber);
	await page.getByLabel('Personas kods vai reģistrācijas nr.').fill('010101-10006');
	await page.getByRole('button', { name: 'Pievienot', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(/nesakrīt ar mūsu datiem/);
	await page.getByLabel('Personas kods vai reģistrācijas nr.').fill(person.personalCode!);
	await page.getByRole('button', { name: 'Pievienot', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(`Līgums ${person.contractNumber} pievienots.`);

	await page.goto('/portal');
	await page
		.getByLabel('Līgums')
		.selectOption({ label: `${person.contractNumber} – ${person.name}` });
	await page.getByRole('button', { name: 'Pārslēgt' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sveiki, ${person.name}`);
});

test('registration refuses bad input with a message per field and keeps nothing', async ({
	page,
	request
}) => {
	const { company } = customers(5);
	const email = uniqueEmail('bad');
	await page.goto('/register');
	await page.getByLabel('Līguma nr.').fill(company.contractNumber);
	await page.getByLabel('Personas kods vai reģistrācijas nr.').fill('40003521601');
	await page.getByLabel('Parole', { exact: true }).fill('x'.repeat(1000));
	await page.getByLabel('Parole vēlreiz').fill('x'.repeat(1000));
	await page.getByLabel('E-pasts').fill('not-an-email');
	await page.getByRole('button', { name: 'Reģistrēties' }).click();
	await expect(
		page.getByText('Reģistrācijas numurs nav derīgs: pārbaudiet ciparus.')
	).toBeVisible();
	await expect(page.getByText('Parole var būt ne vairāk kā 256 rakstzīmes gara.')).toBeVisible();
	await expect(page.getByText('E-pasta adrese nav derīga.')).toBeVisible();
	await expect(page.getByText('Lai reģistrētos, jāpiekrīt lietošanas noteikumiem.')).toBeVisible();
	await expect(page.getByLabel('Līguma nr.')).toHaveValue(company.contractNumber);

	await register(page, company.contractNumber, company.registrationNumber!, email, 'password1');
	await expect(page.getByText('Šī parole ir viena no visbiežāk lietotajām')).toBeVisible();
	expect(await queryDb('select count(*) as n from account where email = ?', [email])).toEqual([
		{ n: 0 }
	]);

	const huge = await request.post('/register', {
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		data: 'email=' + 'a'.repeat(1024 * 1024)
	});
	expect(huge.status()).toBe(413);
});

test('known and unknown e-mails get the same answer on registration and on password reset', async ({
	page
}) => {
	const { company } = customers(6);
	const known = uniqueEmail('known');
	await registerAndConfirm(
		page,
		company.contractNumber,
		company.registrationNumber!,
		known,
		PASSWORD
	);
	const answer = async (email: string) => {
		await register(page, company.contractNumber, company.registrationNumber!, email, PASSWORD);
		return (await page.getByRole('status').innerText()).replace(email, 'EMAIL');
	};
	const fresh = uniqueEmail('fresh');
	expect(await answer(known)).toBe(await answer(fresh));
	expect((await waitForMail(known, /jau ir konts/)).text).toContain('jau ir konts');

	const reset = async (email: string) => {
		await page.goto('/forgot-password');
		await page.getByLabel('E-pasts').fill(email);
		await page.getByRole('button', { name: 'Sūtīt saiti' }).click();
		return page.getByRole('status').innerText();
	};
	const unknown = uniqueEmail('nobody');
	expect(await reset(known)).toBe(await reset(unknown));
	expect(mailCount(unknown)).toBe(0);
});

test('a session cookie planted before login does not survive it, and a tampered one is dropped', async ({
	page,
	browser
}) => {
	const { person } = customers(7);
	const attacker = await browser.newPage();
	await loginWithContract(attacker, 'demo', 'demo');
	await attacker.waitForURL(/\/portal$/);
	const planted = (await attacker.context().cookies()).find((c) => c.name === 'session')!;
	await page.context().addCookies([{ ...planted }]);
	// The victim's sign-in goes out with the planted cookie.
	const login = await page.request.post('/?/contract', {
		headers: { origin, accept: 'text/html' },
		form: { contractNumber: person.contractNumber, personalCode: person.personalCode! },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const after = (await page.context().cookies()).find((c) => c.name === 'session')!;
	expect(after.value).not.toBe(planted.value);
	await page.goto('/portal');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sveiki, ${person.name}`);
	await attacker.reload();
	await expect(attacker).toHaveURL(/\/\?session-ended&next=%2Fportal$/);

	await page
		.context()
		.addCookies([
			{ ...after, value: after.value.slice(0, -1) + (after.value.endsWith('a') ? 'b' : 'a') }
		]);
	await page.goto('/portal');
	await expect(page).toHaveURL(/\/\?session-ended&next=%2Fportal$/);
	expect((await page.context().cookies()).find((c) => c.name === 'session')).toBeUndefined();
	await attacker.close();
});

test('form and JSON posts from another site are refused', async ({ page, request }) => {
	const form = await request.post('/?/contract', {
		headers: { origin: 'https://evil.example', accept: 'text/html' },
		form: { contractNumber: 'demo', personalCode: 'demo' },
		maxRedirects: 0
	});
	expect(form.status()).toBe(403);
	await loginWithContract(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const session = (await page.context().cookies()).find((c) => c.name === 'session')!.value;
	const json = await request.post('/api/v1/contract', {
		headers: { origin: 'https://evil.example', cookie: `session=${session}` },
		data: { customerId: 1 }
	});
	expect(json.status()).toBe(403);
	const sameSite = await request.post('/api/v1/contract', {
		headers: { origin, cookie: `session=${session}` },
		data: { customerId: 1 }
	});
	expect(sameSite.status()).toBe(403);
	expect(await sameSite.text()).toContain('Only an account holds several contracts');
});

test('50 wrong guesses against one contract from rotating addresses are throttled; the customer still gets in after the wait', async () => {
	const { person } = customers(8);
	const statuses: number[] = [];
	for (let i = 0; i < 50; i++) {
		const guess = await postFrom(
			`127.0.${Math.floor(i / 200) + 1}.${(i % 200) + 2}`,
			'/?/contract',
			{ contractNumber: person.contractNumber, personalCode: '010101-10006' }
		);
		statuses.push(guess.status);
	}
	expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(35);
	expect(statuses.filter((s) => s === 401).length).toBeLessThan(10);
	const blocked = await postFrom('127.0.9.9', '/?/contract', {
		contractNumber: person.contractNumber,
		personalCode: person.personalCode!
	});
	expect(blocked.status).toBe(429);
	const retryAfter = Number(blocked.headers['retry-after']);
	expect(retryAfter).toBeGreaterThan(0);
	expect(blocked.body).toContain('Pārāk daudz neveiksmīgu mēģinājumu');
	await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
	const rightful = await postFrom('127.0.9.9', '/?/contract', {
		contractNumber: person.contractNumber,
		personalCode: person.personalCode!
	});
	expect(rightful.status).toBe(303);
	expect(rightful.headers['location']).toBe('/portal');
});

test('a forged X-Forwarded-For is not taken as the client address', async () => {
	const { person } = customers(9);
	// 21 wrong guesses at different contracts, each claiming another address.
	for (let i = 0; i < 21; i++) {
		await postFrom(
			'127.0.50.1',
			'/?/contract',
			{ contractNumber: `${person.contractNumber}-${i}`, personalCode: '010101-10006' },
			{ 'x-forwarded-for': `203.0.113.${i}` }
		);
	}
	const rows = await queryDb(
		"select distinct client_address as address from audit_event where event = 'login' and outcome = 'failure' and client_address like '%50.1'"
	);
	const forged = await queryDb(
		"select count(*) as n from audit_event where client_address like '203.0.113.%'"
	);
	expect(rows).toEqual([{ address: '127.0.50.1' }]);
	expect(forged).toEqual([{ n: 0 }]);
	const throttled = await postFrom(
		'127.0.50.1',
		'/?/contract',
		{ contractNumber: `${person.contractNumber}-x`, personalCode: '010101-10006' },
		{ 'x-forwarded-for': '203.0.113.200' }
	);
	expect(throttled.status).toBe(429);
	// The page says how long in words (the plurals are unit-tested: tests/unit/format.test.ts).
	expect(throttled.body).toMatch(/mēģiniet vēlreiz pēc \d+ (sekundes|sekundēm|minūtes|minūtēm)\./);
});

test('in the demo setup the mailbox page shows the confirmation link and it works, and when each message was sent in local time', async ({
	page
}) => {
	const mailboxOrigin = `http://localhost:${MAILBOX_PORT}`;
	const company = customers(0).company;
	const email = uniqueEmail('mailbox');
	await page.goto(`${mailboxOrigin}/register`);
	await page.getByLabel('Līguma nr.').fill(company.contractNumber);
	await page.getByLabel('Personas kods vai reģistrācijas nr.').fill(company.registrationNumber!);
	await page.getByLabel('Parole', { exact: true }).fill(PASSWORD);
	await page.getByLabel('Parole vēlreiz').fill(PASSWORD);
	await page.getByLabel('E-pasts').fill(email);
	await page.getByLabel('Piekrītu sistēmas lietošanas noteikumiem').check();
	await page.getByRole('button', { name: 'Reģistrēties' }).click();
	await page.getByRole('link', { name: 'Demonstrācijas pastkastīte' }).click();
	await expectAccessible(page);
	const message = page.getByRole('article').filter({ hasText: email });
	// When it was sent, on Riga's clock as the reader's language writes it, not raw ISO.
	await expect(message.locator('.hint')).toHaveText(
		new RegExp(`^Kam: ${email.replace(/[.+]/g, '\\$&')} · \\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}$`)
	);
	await message.getByRole('link', { name: /confirm\?token=/ }).click();
	await page.getByRole('button', { name: 'Apstiprināt e-pastu' }).click();
	await expect(page.getByText('E-pasts apstiprināts')).toBeVisible();
	const main = await page.request.get(`http://localhost:${PORT}/mailbox`);
	expect(main.status()).toBe(404);
});

for (const width of [360, 1280]) {
	test(`the sign-in and account pages at ${width} px: screenshots, nothing wider than the screen, no axe violations`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 900 });
		const shots: [string, () => Promise<unknown>][] = [
			['home-login', () => page.goto('/')],
			['register', () => page.goto('/register')],
			['forgot-password', () => page.goto('/forgot-password')],
			['portal-demo', () => loginWithEmail(page, 'demo', 'demo')],
			['settings-demo', () => page.goto('/settings')]
		];
		for (const [name, open] of shots) {
			await open();
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				width
			);
			await page.screenshot({ path: `tests/e2e/screenshots/${name}-${width}.png`, fullPage: true });
			await expectAccessible(page);
		}
	});
}
