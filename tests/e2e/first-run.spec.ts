/**
 * A newcomer's first run (issue 14): `npm start` without ORIGIN serves whatever address the
 * browser uses; a production server without ORIGIN does not start; a post refused as
 * cross-site always says so on the page.
 */
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverArguments } from '../../scripts/server-command';
import { browserOnly, loginWithContract, startServerProcess, stopServerProcess } from './support';

browserOnly();

const dir = path.resolve('test-results/first-run');

/** `npm start` as a newcomer runs it, until it prints its address; its output so far. */
async function npmStart(port: number): Promise<{ child: ChildProcess; output: () => string }> {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dir };
	for (const name of ['ORIGIN', 'DATABASE_URL', 'DATABASE_PATH', 'SMTP_URL', 'TEST_DATABASE_URL'])
		delete env[name];
	// A process group of its own: npm, tsx and the server all go at the end (stopGroup).
	const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	await expect.poll(() => output, { timeout: 110_000 }).toContain('Stop with Ctrl+C.');
	return { child, output: () => output };
}

/** Ctrl+C in the terminal: every process of the group is told, and the port is free again. */
async function stopGroup(child: ChildProcess, port: number): Promise<void> {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	process.kill(-child.pid!, 'SIGINT');
	await exited;
	await expect
		.poll(
			() =>
				fetch(`http://127.0.0.1:${port}/healthz`).then(
					() => 'answering',
					() => 'gone'
				),
			{
				timeout: 10_000
			}
		)
		.toBe('gone');
}

test.beforeAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

test('npm start without ORIGIN: short steps, the address and the logins, and a sign-in at 127.0.0.1 and at a LAN address works', async ({
	page
}) => {
	test.setTimeout(180_000);
	const port = 4178;
	const { child, output } = await npmStart(port);
	try {
		const printed = output();
		expect(printed).toMatch(/^1\/3 .*\n2\/3 .*\n3\/3 .*$/m);
		expect(printed).toContain(`Klientiem is running at http://localhost:${port}`);
		expect(printed).toContain('contract number "demo", personal code "demo"');
		// adapter-node's own line names 0.0.0.0, which no browser can open; the build's
		// output, when there is one, goes to a file.
		expect(printed).not.toContain('Listening on');
		expect(printed).not.toContain('PLUGIN_TIMINGS');
		expect(printed.split('\n').length).toBeLessThan(25);

		const lan = Object.values(os.networkInterfaces())
			.flat()
			.find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
		for (const host of ['127.0.0.1', ...(lan ? [lan] : [])]) {
			const origin = `http://${host}:${port}`;
			if (lan && host === lan) expect(printed).toContain(origin);
			await loginWithContract(page, 'demo', 'demo', origin);
			await expect(page).toHaveURL(`${origin}/portal`);
			await expect(page.getByRole('heading', { level: 1 })).toContainText('Sveiki');
			await page.getByRole('button', { name: 'Iziet' }).click();
			await expect(page).toHaveURL(`${origin}/`);
		}
	} finally {
		await stopGroup(child, port);
	}
});

test('a production server without ORIGIN does not start, and says what to set', () => {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: '4179', DATA_DIR: dir };
	for (const name of ['ORIGIN', 'PROTOCOL_HEADER', 'HOST_HEADER', 'ANY_ADDRESS']) delete env[name];
	const result = spawnSync(process.execPath, serverArguments(), {
		env,
		encoding: 'utf8',
		timeout: 20_000
	});
	expect(result.status).toBe(1);
	expect(result.stderr).toContain('Set ORIGIN to the portal');
	expect(result.stderr).not.toMatch(/^\s+at /m);
});

test('a sign-in refused as cross-site says so on the page, with JavaScript and without', async ({
	browser
}) => {
	const port = 4179;
	// ORIGIN names localhost; the browser opens 127.0.0.1, as a misconfigured proxy would.
	const server = await startServerProcess(port, {
		DATABASE_URL: '',
		DATA_DIR: dir,
		DATABASE_PATH: path.join(dir, 'klientiem.sqlite'),
		JOBS: 'off',
		SMTP_URL: ''
	});
	try {
		const message = `Pieprasījums atteikts: tas nāca no citas vietnes, nevis no http://localhost:${port}.`;
		for (const javaScriptEnabled of [true, false]) {
			const context = await browser.newContext({
				javaScriptEnabled,
				viewport: { width: 360, height: 740 }
			});
			const page = await context.newPage();
			await loginWithContract(page, 'demo', 'demo', `http://127.0.0.1:${port}`);
			await expect(page.getByText(message)).toBeVisible();
			await page.screenshot({
				path: `tests/e2e/screenshots/refused-post-${javaScriptEnabled ? 'js' : 'no-js'}-360.png`
			});
			await context.close();
		}
	} finally {
		await stopServerProcess(server);
	}
});
