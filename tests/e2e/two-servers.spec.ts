/**
 * Two server processes on one database behave as one portal: sessions, throttles, the
 * scheduled e-mails and the import are shared through the database, not kept in a process.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
	customers,
	loginWithContract,
	mailCount,
	PORT,
	queryDb,
	sameDatabaseEnv,
	startServerProcess,
	stopServerProcess,
	uniqueEmail
} from './support';

const SECOND = 4176;
const second = `http://localhost:${SECOND}`;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());

test('a session made on one server works on the other, and signing out on either ends it', async ({
	page
}) => {
	const server = await startServerProcess(SECOND);
	try {
		const { person } = customers(15);
		await loginWithContract(page, person.contractNumber, person.personalCode!);
		await page.waitForURL(/\/portal$/);
		// Cookies belong to the host, not the port: the same browser, the other node.
		await page.goto(`${second}/portal`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sveiki, ${person.name}`);
		await page.getByRole('button', { name: 'Iziet' }).click();
		await page.waitForURL(/\/$/);
		await page.goto(`http://localhost:${PORT}/portal`);
		await expect(page).toHaveURL(`http://localhost:${PORT}/?session-ended&next=%2Fportal`);
	} finally {
		await stopServerProcess(server);
	}
});

test('wrong guesses on one server count on the other', async ({ request }) => {
	const server = await startServerProcess(SECOND);
	try {
		const { person } = customers(16);
		const guess = (port: number) =>
			request.post(`http://localhost:${port}/?/contract`, {
				headers: { origin: `http://localhost:${port}`, accept: 'text/html' },
				form: { contractNumber: person.contractNumber, personalCode: '010101-10006' },
				maxRedirects: 0
			});
		// Wrong guesses spread over both servers: after the fourth the contract must wait.
		for (const port of [PORT, SECOND, PORT, SECOND]) expect((await guess(port)).status()).toBe(401);
		const throttled = await guess(SECOND);
		expect(throttled.status()).toBe(429);
		expect(Number(throttled.headers()['retry-after'])).toBeGreaterThan(0);
	} finally {
		await stopServerProcess(server);
	}
});

test('two imports started at once: one runs, the other is refused and changes nothing', async () => {
	const file = path.join(sameDatabaseEnv().DATA_DIR!, 'demo-export.jsonl');
	const importOnce = () =>
		new Promise<{ code: number | null; output: string }>((resolve) => {
			const child = spawn('npx', ['tsx', 'scripts/import.ts', file], {
				env: { ...process.env, ...sameDatabaseEnv() }
			});
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.on('exit', (code) => resolve({ code, output }));
		});
	// The lease is held from the moment an import starts; hold it as a long import would.
	await queryDb(
		`insert into lease (name, holder, acquired_at, expires_at) values ('import', 'another-host:1:test', ?, ?)`,
		[new Date().toISOString(), new Date(Date.now() + 60_000).toISOString()]
	);
	try {
		const refused = await importOnce();
		expect(refused.code).toBe(1);
		expect(refused.output).toContain('another import has been running since');
		expect(refused.output).toContain('another-host:1:test');
	} finally {
		await queryDb(`delete from lease where name = 'import'`);
	}
	const [a, b] = await Promise.all([importOnce(), importOnce()]);
	// Both finish cleanly: one ran, the other ran after it or was refused while it ran.
	expect([a.code, b.code].filter((code) => code === 0).length).toBeGreaterThanOrEqual(1);
	for (const run of [a, b])
		if (run.code !== 0) expect(run.output).toContain('another import has been running since');
});

test('both servers run the scheduler, and a new invoice is e-mailed once', async () => {
	const server = await startServerProcess(SECOND, {
		JOBS_POLL_MS: '1000',
		SMTP_URL: 'smtp://127.0.0.1:2526',
		MAIL_POLL_MS: '300'
	});
	try {
		const { company } = customers(7);
		const email = uniqueEmail('two-servers');
		const [{ id }] = (await queryDb<{ id: number }>(
			'select id from customer where contract_number = ?',
			[company.contractNumber]
		)) as [{ id: number }];
		await queryDb(`update customer set invoice_delivery = 'electronic', email = ? where id = ?`, [
			email,
			id
		]);
		// Only the invoice below is news: the customer's own are made old (on the second working
		// day of a month the demo data has one issued today, which would be mailed too).
		await queryDb(`update document set issue_date = '2020-01-01' where customer_id = ?`, [id]);
		// As if the portal had its first import yesterday, so today's invoice is news.
		await queryDb(
			`update import_run set as_of = ? where id = (select min(id) from import_run where status = 'succeeded')`,
			[new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)]
		);
		await queryDb(
			`insert into document (customer_id, kind, number, issue_date, due_date, period_start, period_end, net_cents, vat_cents, total_cents, payment_reference)
			 values (?, 'invoice', 'R-TWO-SERVERS', ?, ?, ?, ?, 1000, 210, 1210, 'R-TWO-SERVERS')`,
			[id, today, today, today, today]
		);
		await expect.poll(() => mailCount(email), { timeout: 15_000 }).toBe(1);
		// Several passes of both schedulers later, still one.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(mailCount(email)).toBe(1);
		expect(await queryDb('select count(*) as n from outbox where recipient = ?', [email])).toEqual([
			{ n: 1 }
		]);
	} finally {
		await stopServerProcess(server);
	}
});
