/** What the browser tests share: the demo customers, the caught e-mails and the database file. */
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import pg from 'pg';
import { simpleParser } from 'mailparser';
import fs from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serverArguments } from '../../scripts/server-command';
import { billingFileOf } from '../../src/lib/server/config';
import type { ExportCollectionDay, ExportNoticeLine } from '../../src/lib/server/import/format';
import { stopProcess } from '../../scripts/stop-process';
import { MAIL_DIR } from './smtp.setup';

// COUNT(*) is a bigint, which pg gives as a string; SQLite gives a number.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

export const PORT = 4173;
export const MAILBOX_PORT = 4174;
export const dataDir = (port = PORT) => path.resolve(`test-results/e2e-data-${port}`);

interface ExportCustomer {
	contractNumber: string;
	kind: 'private' | 'legal';
	name: string;
	personalCode?: string;
	registrationNumber?: string;
	containers: {
		code: string;
		fraction: string;
		address: string;
		/** The days, as dates. */
		dates: string[];
		/** The days with an outcome or a move, as the export gives them. */
		details: ExportCollectionDay[];
	}[];
}

type ExportLine = Omit<ExportCustomer, 'containers'> & {
	containers: (Omit<ExportCustomer['containers'][number], 'dates' | 'details'> & {
		dates: (string | ExportCollectionDay)[];
	})[];
};

/** The customers of the demo export the test server imported (codes in clear, as the billing system sends them). */
export function demoCustomers(port = PORT): ExportCustomer[] {
	return exportCustomers(path.join(dataDir(port), 'demo-export.jsonl'));
}

/** The customers of an export file. */
export function exportCustomers(file: string): ExportCustomer[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.includes('"type":"customer"'))
		.map((line) => {
			const customer = JSON.parse(line) as ExportLine;
			return {
				...customer,
				containers: customer.containers.map((container) => ({
					...container,
					dates: container.dates.map((day) => (typeof day === 'string' ? day : day.date)),
					details: container.dates.filter((day) => typeof day !== 'string')
				}))
			};
		});
}

/** The notices of the demo export the test server imported. */
export function demoNotices(port = PORT): ExportNoticeLine[] {
	return fs
		.readFileSync(path.join(dataDir(port), 'demo-export.jsonl'), 'utf8')
		.split('\n')
		.filter((line) => line.includes('"type":"notice"'))
		.map((line) => JSON.parse(line) as ExportNoticeLine);
}

/**
 * The day the demo export the test server imported is as of: the server's "today" when it
 * started, which is not the test's after midnight in Riga.
 */
export function demoAsOf(port = PORT): string {
	const [header = ''] = fs
		.readFileSync(path.join(dataDir(port), 'demo-export.jsonl'), 'utf8')
		.split('\n', 1);
	const asOf: unknown = JSON.parse(header).asOf;
	if (typeof asOf !== 'string') throw new Error('the demo export has no asOf');
	return asOf;
}

/** A private person and a legal entity nobody else's test uses. */
export function customers(index: number) {
	const all = demoCustomers().filter((c) => !['demo', 'dem-1-oju'].includes(c.contractNumber));
	const privates = all.filter((c) => c.kind === 'private');
	const legals = all.filter((c) => c.kind === 'legal');
	return { person: privates[index]!, company: legals[index]! };
}

export function uniqueEmail(name: string): string {
	return `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.lv`;
}

/** The newest message to an address, waited for (the server's mailer sends every half second). */
export async function waitForMail(to: string, subject?: RegExp) {
	for (let tries = 0; tries < 100; tries++) {
		const files = fs.existsSync(MAIL_DIR)
			? fs
					.readdirSync(MAIL_DIR)
					.filter((name) => name.endsWith(`-${to}.eml`))
					.sort()
			: [];
		for (const file of files.reverse()) {
			const mail = await simpleParser(fs.readFileSync(path.join(MAIL_DIR, file)));
			if (!subject || subject.test(mail.subject ?? '')) {
				const link = /https?:\/\/\S+token=[a-z2-7]{32}/.exec(mail.text ?? '')?.[0];
				return {
					subject: mail.subject ?? '',
					text: mail.text ?? '',
					link: link ? new URL(link).pathname + new URL(link).search : null
				};
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no e-mail to ${to}`);
}

export function mailCount(to: string): number {
	return fs.existsSync(MAIL_DIR)
		? fs.readdirSync(MAIL_DIR).filter((name) => name.endsWith(`-${to}.eml`)).length
		: 0;
}

/** The PostgreSQL database scripts/e2e-server.ts made for the server on that port. */
function postgresDatabase(server: string, port: number): string {
	const url = new URL(server);
	url.pathname = `/klientiem_e2e_${port}`;
	return url.toString();
}

/** The environment that puts another server process on the test server's database. */
export function sameDatabaseEnv(port = PORT): Record<string, string> {
	const postgres = process.env.TEST_DATABASE_URL;
	return {
		DATA_DIR: dataDir(port),
		DATABASE_PATH: path.join(dataDir(port), 'klientiem.sqlite'),
		...(postgres ? { DATABASE_URL: postgresDatabase(postgres, port) } : {})
	};
}

/**
 * Runs SQL on the test server's own database, for what a browser cannot do (let a link expire)
 * or see (what was stored): the SQLite file, or under `npm run test:postgres` the server's
 * PostgreSQL database. Parameters are written `?`; counts come back as numbers on both.
 */
export async function queryDb<T = Record<string, unknown>>(
	text: string,
	params: unknown[] = [],
	port = PORT
): Promise<T[]> {
	const postgres = process.env.TEST_DATABASE_URL;
	if (!postgres) {
		const file = path.join(dataDir(port), 'klientiem.sqlite');
		const db = new Database(file);
		try {
			// As the server sees it: the billing data in its own file.
			db.prepare('attach database ? as billing').run(billingFileOf(file));
			const statement = db.prepare(text);
			return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
		} finally {
			db.close();
		}
	}
	const client = new pg.Client({ connectionString: postgresDatabase(postgres, port) });
	await client.connect();
	try {
		let n = 0;
		const result = await client.query(
			text.replace(/\?/g, () => `$${++n}`),
			params
		);
		return result.rows as T[];
	} finally {
		await client.end();
	}
}

/** Signs in by contract on the test server, or on another server given by its origin. */
export async function loginWithContract(
	page: Page,
	contractNumber: string,
	code: string,
	origin = ''
) {
	await page.goto(`${origin}/`);
	await page.getByLabel('Līguma nr.').fill(contractNumber);
	await page.getByLabel('Personas kods').fill(code);
	await page
		.getByRole('region', { name: 'Fiziskām personām' })
		.getByRole('button', { name: 'Ienākt' })
		.click();
}

export async function loginWithEmail(page: Page, email: string, password: string) {
	await page.goto('/');
	await page.getByLabel('E-pasts').fill(email);
	await page.getByLabel('Parole').fill(password);
	await page
		.getByRole('region', { name: 'Reģistrētiem lietotājiem' })
		.getByRole('button', { name: 'Ienākt' })
		.click();
}

export async function register(
	page: Page,
	contractNumber: string,
	code: string,
	email: string,
	password: string
) {
	await page.goto('/register');
	await page.getByLabel('Līguma nr.').fill(contractNumber);
	await page.getByLabel('Personas kods vai reģistrācijas nr.').fill(code);
	await page.getByLabel('Parole', { exact: true }).fill(password);
	await page.getByLabel('Parole vēlreiz').fill(password);
	await page.getByLabel('E-pasts').fill(email);
	await page.getByLabel('Piekrītu sistēmas lietošanas noteikumiem').check();
	await page.getByRole('button', { name: 'Reģistrēties' }).click();
}

/** Registers, opens the link from the e-mail and confirms: an account ready to sign in. */
export async function registerAndConfirm(
	page: Page,
	contractNumber: string,
	code: string,
	email: string,
	password: string
) {
	await register(page, contractNumber, code, email, password);
	await expect(page.getByRole('heading', { name: 'Pārbaudiet e-pastu' })).toBeVisible();
	const mail = await waitForMail(email, /Apstipriniet/);
	await page.goto(mail.link!);
	await page.getByRole('button', { name: 'Apstiprināt e-pastu' }).click();
	await expect(page.getByText('E-pasts apstiprināts')).toBeVisible();
}

/** A POST from a chosen loopback address (127.0.0.0/8 is all this machine), for throttling tests. */
export function postFrom(
	localAddress: string,
	pathname: string,
	form: Record<string, string>,
	headers: Record<string, string> = {}
) {
	const body = new URLSearchParams(form).toString();
	return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
		(resolve, reject) => {
			const request = http.request(
				{
					host: '127.0.0.1',
					port: PORT,
					path: pathname,
					method: 'POST',
					localAddress,
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						origin: `http://localhost:${PORT}`,
						// As a browser without JavaScript asks: SvelteKit then answers with the action's own status.
						accept: 'text/html',
						...headers
					}
				},
				(response) => {
					let text = '';
					response.on('data', (chunk) => (text += chunk));
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text })
					);
				}
			);
			request.on('error', reject);
			request.end(body);
		}
	);
}

/** No WCAG 2.2 AA violation axe-core can find on the page as it is now. */
export async function expectAccessible(page: Page) {
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
		[]
	);
}

/** Stops a server as a process manager does (SIGTERM); it must be gone within 5 seconds. */
export async function stopServerProcess(server: ChildProcess): Promise<void> {
	expect(await stopProcess(server, 5000), 'the server exits within 5 s of SIGTERM').toBe(true);
}

/**
 * Starts another server process on the test server's database (a second node behind the
 * load balancer, or a new deployment), and waits until it answers.
 */
export async function startServerProcess(
	port: number,
	env: Record<string, string> = {},
	buildFolder = 'build'
): Promise<ChildProcess> {
	const origin = `http://localhost:${port}`;
	const server = spawn(process.execPath, serverArguments(buildFolder), {
		env: { ...process.env, PORT: String(port), ORIGIN: origin, ...sameDatabaseEnv(), ...env },
		stdio: 'ignore'
	});
	await expect
		.poll(
			() =>
				fetch(`${origin}/healthz`).then(
					(r) => r.status,
					() => 0
				),
			{ timeout: 20_000 }
		)
		.toBe(200);
	return server;
}

/** Today in Riga, where the portal's days are. */
export const rigaToday = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());

export const addDays = (day: string, n: number) =>
	new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A day as the Latvian pages write it: 02.12.2026. */
export const lvDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** A command-line script on the test server's database; its output. */
export function runScript(name: string, args: string[]): string {
	const run = spawnSync('npx', ['tsx', `scripts/${name}.ts`, ...args], {
		env: { ...process.env, ...sameDatabaseEnv(), PORT: String(PORT) },
		encoding: 'utf8'
	});
	expect(run.status, run.stderr).toBe(0);
	return run.stdout;
}

/** A page of a flow: nothing wider than the screen, screenshots at both widths, axe. */
export async function look(page: Page, name: string): Promise<void> {
	for (const width of [360, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			`${name} at ${width} px`
		).toBeLessThanOrEqual(width);
		await page.screenshot({ path: `tests/e2e/screenshots/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 360, height: 800 });
	await expectAccessible(page);
}

/** The company's answers to requests through the import, as the nightly export brings them; its output. */
export async function importStatuses(
	name: string,
	statuses: Record<string, string>[]
): Promise<string> {
	const file = path.join(dataDir(), `statuses-${name}-${Date.now()}.jsonl`);
	const asOf = (
		await queryDb<{ as_of: string }>(
			`select max(as_of) as as_of from import_run where status = 'succeeded'`
		)
	)[0]!.as_of;
	fs.writeFileSync(
		file,
		[
			{ type: 'export', format: 'klientiem-export/1', asOf, nextUpdate: addDays(asOf, 1) },
			...statuses.map((status) => ({ type: 'requestStatus', ...status }))
		]
			.map((record) => JSON.stringify(record))
			.join('\n') + '\n'
	);
	return runScript('import', [file]);
}

/**
 * For a spec whose checks are about the browser and not the database — layout geometry, the
 * PDFs, the service worker, the static pages, the first run on SQLite: the SQLite suite runs
 * it; the PostgreSQL suite, there for the database layer, leaves it out, since its pages run
 * the same queries the other specs run there (issue 18: the browser suites kept under CI's
 * 30 minutes).
 */
export function browserOnly(): void {
	test.skip(
		Boolean(process.env.TEST_DATABASE_URL),
		'checks the browser, not the database: run in the SQLite suite'
	);
}
