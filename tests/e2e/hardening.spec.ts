/** What an attacker and a chaos test broke from outside (issue 13), each as a customer meets it. */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
	customers,
	exportCustomers,
	loginWithContract,
	PORT,
	queryDb,
	sameDatabaseEnv,
	startServerProcess,
	stopServerProcess
} from './support';
import { billingFileOf } from '../../src/lib/server/config';

const ENDED = 'Jūsu sesija ir beigusies. Lūdzu, ienāciet vēlreiz.';

test('signed out in another tab, the next menu click lands on the sign-in page, which says why and leads back', async ({
	context,
	page
}) => {
	const { person } = customers(20);
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await expect(page).toHaveURL(/\/portal$/);
	const other = await context.newPage();
	await other.goto('/portal');
	await other.getByRole('button', { name: 'Iziet' }).click();
	await expect(other).toHaveURL(/\/$/);
	await other.close();
	// The first tab still shows the signed-in frame; its next click runs the page's own load.
	await page.getByRole('link', { name: 'Izvešanas kalendārs' }).click();
	await expect(page.getByRole('status').filter({ hasText: ENDED })).toBeVisible();
	await expect(page).toHaveURL(/\/\?session-ended&next=%2Fcalendar$/);
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Kļūda/);
	await page.getByLabel('Līguma nr.').fill(person.contractNumber);
	await page.getByLabel('Personas kods').fill(person.personalCode!);
	await page
		.getByRole('region', { name: 'Fiziskām personām' })
		.getByRole('button', { name: 'Ienākt' })
		.click();
	await expect(page).toHaveURL(/\/calendar$/);
});

test('a session idle for over an hour ends on the next click, and the API answers 401 JSON in the language', async ({
	page
}) => {
	const { person } = customers(21);
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await expect(page).toHaveURL(/\/portal$/);
	// The server's clock turned an hour and a minute on: the session's last use backdated.
	const lastUsed = new Date(Date.now() - 61 * 60 * 1000).toISOString();
	await queryDb(
		'update session set last_used_at = ? where customer_id = (select id from customer where contract_number = ?)',
		[lastUsed, person.contractNumber]
	);
	await page.getByRole('link', { name: 'Rēķini' }).first().click();
	await expect(page.getByRole('status').filter({ hasText: ENDED })).toBeVisible();
	await expect(page).toHaveURL(/next=%2Fdocuments$/);

	const api = await page.request.get('/api/v1/calendar');
	expect(api.status()).toBe(401);
	expect(api.headers()['content-type']).toContain('application/json');
	expect(await api.json()).toEqual({ message: ENDED });
	await page.context().addCookies([{ name: 'lang', value: 'en', url: page.url() }]);
	const english = await page.request.get('/api/v1/documents');
	expect(await english.json()).toEqual({
		message: 'Your session has ended. Please sign in again.'
	});
});

test('the language switch follows only a same-site path, and never answers 500', async ({
	page
}) => {
	const origin = `http://localhost:${PORT}`;
	for (const [redirectTo, expected] of [
		['/\t/evil.example', '/'],
		['/\\evil.example', '/'],
		['//evil.example', '/'],
		['/%09/evil.example', '/%09/evil.example'],
		['/calendar\u0001', '/'],
		['/cal\r\nSet-Cookie: x=1', '/'],
		['/ķēde', '/'],
		['https://evil.example/', '/'],
		['/calendar?show=mixed', '/calendar?show=mixed']
	]) {
		const response = await page.request.post('/language', {
			form: { lang: 'en', redirectTo: redirectTo! },
			headers: { origin },
			maxRedirects: 0
		});
		expect(response.status(), JSON.stringify(redirectTo)).toBe(303);
		const location = response.headers()['location']!;
		expect(location, JSON.stringify(redirectTo)).toBe(expected);
		expect(new URL(location, origin).origin).toBe(origin);
	}
});

test.describe('a portal whose database fails (issue 13.9)', () => {
	let server: ChildProcess;
	let file: string;
	const port = 4176;
	const origin = `http://localhost:${port}`;

	test.beforeAll(async () => {
		const dir = path.resolve('test-results/broken-database');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		file = path.join(dir, 'klientiem.sqlite');
		// A server of its own on an SQLite file of its own (on either suite), so breaking its
		// tables breaks nobody else's test.
		server = await startServerProcess(port, {
			DATABASE_URL: '',
			DATA_DIR: dir,
			DATABASE_PATH: file,
			JOBS: 'off',
			SMTP_URL: ''
		});
	});
	test.afterAll(async () => {
		await stopServerProcess(server);
	});

	const breakTable = (table: string, inFile = file) => {
		const db = new Database(inFile);
		try {
			db.exec(`drop table ${table}`);
		} finally {
			db.close();
		}
	};

	test('a page whose data fails says the portal is unavailable and the data safe, in the language', async ({
		page
	}) => {
		breakTable('collection_reminder');
		const response = await page.goto(`${origin}/unsubscribe/${'a'.repeat(32)}`);
		expect(response?.status()).toBe(500);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Portāls īslaicīgi nav pieejams'
		);
		await expect(page.getByText('Jūsu dati ir drošībā.')).toBeVisible();
		await expect(page.getByText('Internal Error')).toHaveCount(0);
		await page.context().addCookies([{ name: 'lang', value: 'ru', url: origin }]);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Портал временно недоступен');
		await page.screenshot({ path: 'tests/e2e/screenshots/unavailable-page-360.png' });
	});

	test('when even the root layout fails, the fallback page says the same in the language', async ({
		page
	}) => {
		breakTable('company', billingFileOf(file));
		await page.context().addCookies([{ name: 'lang', value: 'en', url: origin }]);
		const response = await page.goto(`${origin}/terms`);
		expect(response?.status()).toBe(500);
		await expect(
			page.getByText(
				'The portal is temporarily unavailable. Your data is safe. Please try again in a few minutes.'
			)
		).toBeVisible();
		await expect(page.getByText('Internal Error')).toHaveCount(0);
		expect(response?.headers()['x-content-type-options']).toBe('nosniff');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.screenshot({ path: 'tests/e2e/screenshots/unavailable-fallback-360.png' });
	});
});

test('an attacker keeps a contract throttled, and its owner’s browser still signs in at once (issue 13.12)', async ({
	browser,
	page
}) => {
	const { person } = customers(22);
	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await expect(page).toHaveURL(/\/portal$/);
	await page.getByRole('button', { name: 'Iziet' }).click();
	await expect(page).toHaveURL(/\/$/);

	const attacker = await (await browser.newContext()).newPage();
	for (let i = 0; i < 4; i++) {
		await loginWithContract(attacker, person.contractNumber, '010101-10006');
		await expect(attacker.getByRole('alert')).toBeVisible();
	}
	// What an hour of such guesses from many addresses leaves: the contract blocked for 15 minutes.
	await queryDb('update throttle set blocked_until = ? where key = ?', [
		new Date(Date.now() + 15 * 60 * 1000).toISOString(),
		`contract:${person.contractNumber}`
	]);
	const stranger = await (await browser.newContext()).newPage();
	await loginWithContract(stranger, person.contractNumber, person.personalCode!);
	await expect(stranger.getByRole('alert')).toContainText('Pārāk daudz neveiksmīgu mēģinājumu');

	await loginWithContract(page, person.contractNumber, person.personalCode!);
	await expect(page).toHaveURL(/\/portal$/);
	const cookie = (await page.context().cookies()).find((c) => c.name === 'device');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 24 * 60 * 60 * 1000);
	await attacker.context().close();
	await stranger.context().close();
});

/**
 * An import on a database of its own (a big export's new customers would give the test
 * server's scheduler hundreds of e-mails to send), by the import command, as cron runs it:
 * an SQLite file, or under `npm run test:postgres` a PostgreSQL database.
 */
async function importSetup(name: string) {
	const dir = path.resolve(`test-results/${name}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const postgres = process.env.TEST_DATABASE_URL;
	const file = path.join(dir, 'klientiem.sqlite');
	let env = { DATABASE_URL: '', DATA_DIR: dir, DATABASE_PATH: file };
	if (postgres) {
		const admin = new pg.Client({ connectionString: postgres });
		await admin.connect();
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(postgres);
		url.pathname = `/${name}`;
		env = { ...env, DATABASE_URL: url.toString() };
	}
	const exportOf = (customers: number) => {
		const file = path.join(dir, `export-${customers}.jsonl`);
		const args = ['--import', 'tsx', 'scripts/demo-data.ts', '--customers', String(customers)];
		const written = spawnSync(process.execPath, [...args, '--out', file], { stdio: 'ignore' });
		expect(written.status).toBe(0);
		return file;
	};
	const runImport = (file: string) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		return new Promise<{ code: number | null; output: string }>((resolve) => {
			let output = '';
			child.stdout.on('data', (chunk) => (output += chunk));
			child.stderr.on('data', (chunk) => (output += chunk));
			child.on('exit', (code) => resolve({ code, output }));
		});
	};
	const query = async <T>(text: string): Promise<T[]> => {
		if (!postgres) {
			const db = new Database(file, { readonly: true });
			try {
				return db.prepare(text).all() as T[];
			} finally {
				db.close();
			}
		}
		const client = new pg.Client({ connectionString: env.DATABASE_URL });
		await client.connect();
		try {
			return (await client.query(text)).rows as T[];
		} finally {
			await client.end();
		}
	};
	const untilRunning = () =>
		expect
			.poll(
				// Before the command's migrations have made the table, nothing runs yet.
				async () =>
					(await query("select id from import_run where status = 'running'").catch(() => []))
						.length,
				{
					timeout: 60_000,
					intervals: [100]
				}
			)
			.toBeGreaterThan(0);
	return { env, exportOf, runImport, query, untilRunning };
}

test.describe('PostgreSQL waits that are bounded (issue 13.13)', () => {
	test.skip(!process.env.TEST_DATABASE_URL, 'the PostgreSQL suite only');

	test('a table locked by another connection: the request answers 503 within the limit, the next succeeds once released', async ({
		page
	}) => {
		await loginWithContract(page, 'demo', 'demo');
		await expect(page).toHaveURL(/\/portal$/);
		const holder = new pg.Client({ connectionString: sameDatabaseEnv().DATABASE_URL });
		await holder.connect();
		try {
			await holder.query('begin');
			await holder.query('lock table document in access exclusive mode');
			const started = Date.now();
			const api = await page.request.get('/api/v1/documents');
			expect(api.status()).toBe(503);
			expect((await api.json()).message).toContain('Jūsu dati ir drošībā');
			// The lock limit (2 s) and a little: never the full time the lock is held.
			expect(Date.now() - started).toBeLessThan(4500);
			const response = await page.goto('/documents');
			expect(response?.status()).toBe(503);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Portāls īslaicīgi nav pieejams'
			);
			// What does not need the table goes on meanwhile.
			expect((await page.request.get('/terms')).status()).toBe(200);
		} finally {
			await holder.query('rollback');
			await holder.end();
		}
		expect((await page.request.get('/api/v1/documents')).status()).toBe(200);
	});

	test('PostgreSQL restarted in the middle of an import: a clean failure, and a rerun at once succeeds', async () => {
		const restart = process.env.TEST_POSTGRES_RESTART;
		test.skip(!restart, 'needs the test run’s own cluster');
		test.setTimeout(180_000);
		const setup = await importSetup('klientiem_restart_import');
		const file = setup.exportOf(4000);
		const first = setup.runImport(file);
		await setup.untilRunning();
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const [command, ...args] = JSON.parse(restart!) as string[];
		expect(spawnSync(command!, args, { stdio: 'ignore' }).status).toBe(0);
		const failed = await first;
		expect(failed.code, failed.output).toBe(1);
		expect(failed.output).toContain('the data already loaded is unchanged');
		// One line for the operator, no stack trace.
		expect(failed.output).not.toMatch(/^\s+at /m);
		// Given back once the database was there again.
		expect(await setup.query("select name from lease where name = 'import'")).toEqual([]);
		const second = await setup.runImport(file);
		expect(second.code, second.output).toBe(0);
		expect(await setup.query('select status from import_run order by id desc limit 2')).toEqual([
			{ status: 'succeeded' },
			{ status: 'failed' }
		]);
	});
});

test('an import’s long transaction blocks nothing the portal does: sign-ins, throttles, requests, registrations, pages, the API, health (issue 13.3)', async ({
	page
}) => {
	test.setTimeout(180_000);
	const setup = await importSetup('klientiem_import_portal');
	const small = setup.exportOf(40);
	expect((await setup.runImport(small)).code).toBe(0);
	const [person, other, registrant] = exportCustomers(small).filter(
		(c) => c.kind === 'private' && c.contractNumber !== 'demo'
	);
	const big = setup.exportOf(8000);
	const port = 4177;
	const origin = `http://localhost:${port}`;
	const server = await startServerProcess(port, { ...setup.env, JOBS: 'off', SMTP_URL: '' });
	try {
		const importing = setup.runImport(big);
		await setup.untilRunning();
		// The portal's own writes first, while the import has only begun: a session and a
		// request, a registration and its e-mail in the outbox.
		await loginWithContract(page, person!.contractNumber, person!.personalCode!, origin);
		await expect(page).toHaveURL(/\/portal$/);
		await page.getByText('Mainīt tālruni vai e-pastu paziņojumiem').click();
		const contact = page.getByRole('region', { name: 'Kontaktinformācija' });
		await contact.getByLabel('Tālrunis').fill('+371 26 555 444');
		await contact.getByRole('button', { name: 'Nosūtīt pieprasījumu' }).click();
		await expect(contact.getByText('Pieprasījums nosūtīts.')).toBeVisible();
		await page.getByRole('button', { name: 'Iziet' }).click();
		await expect(page).toHaveURL(`${origin}/`);
		await page.goto(`${origin}/register`);
		await page.getByLabel('Līguma nr.').fill(registrant!.contractNumber);
		await page.getByLabel('Personas kods vai reģistrācijas nr.').fill(registrant!.personalCode!);
		await page.getByLabel('Parole', { exact: true }).fill('garš un drošs teikums 42');
		await page.getByLabel('Parole vēlreiz').fill('garš un drošs teikums 42');
		await page.getByLabel('E-pasts').fill('importa.laika@example.lv');
		await page.getByLabel('Piekrītu sistēmas lietošanas noteikumiem').check();
		await page.getByRole('button', { name: 'Reģistrēties' }).click();
		await expect(page.getByRole('heading', { name: 'Pārbaudiet e-pastu' })).toBeVisible();
		let rounds = 0;
		let stillRunning = true;
		while (stillRunning && rounds < 20) {
			// A wrong code, which writes its throttle (and from the second on, is slowed down).
			await loginWithContract(page, other!.contractNumber, '010101-10006', origin);
			await expect(page.getByRole('alert')).toHaveText(
				/Līguma numurs vai personas kods nav pareizs|Pārāk daudz neveiksmīgu mēģinājumu/
			);
			await loginWithContract(page, 'demo', 'demo', origin);
			await expect(page).toHaveURL(/\/portal$/);
			expect((await page.goto(`${origin}/calendar`))?.status()).toBe(200);
			expect((await page.request.get(`${origin}/api/v1/calendar`)).status()).toBe(200);
			expect((await page.request.get(`${origin}/healthz`)).status()).toBe(200);
			await page.getByRole('button', { name: 'Iziet' }).click();
			await expect(page).toHaveURL(`${origin}/`);
			rounds++;
			stillRunning =
				(await setup.query("select id from import_run where status = 'running'")).length > 0;
			// The first round at least ran while the import's transaction was open.
			if (rounds === 1) expect(stillRunning).toBe(true);
		}
		const result = await importing;
		expect(result.code, result.output).toBe(0);
		expect(
			await setup.query(
				"select count(*) as n from outbox where recipient = 'importa.laika@example.lv'"
			)
		).toEqual([{ n: 1 }]);
		expect(
			await setup.query("select phone from customer_request where phone = '+371 26 555 444'")
		).toEqual([{ phone: '+371 26 555 444' }]);
	} finally {
		await stopServerProcess(server);
	}
});
