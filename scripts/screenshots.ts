/**
 * npm run screenshots: the two pictures the install dialog shows (manifest `screenshots`),
 * taken in Chromium from the built portal with the demo data: the collection calendar on a
 * phone (narrow) and on a desktop (wide). Run after `npm run build` when the pages change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium';
import { loadDemoData, startServer } from './serve';

const port = 4176;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'klientiem-screenshots-'));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_PATH = path.join(dataDir, 'klientiem.sqlite');
await loadDemoData(0);
const server = await startServer(port);
const browser = await chromium.launch({ executablePath: findChromium() });
try {
	fs.mkdirSync('static/screenshots', { recursive: true });
	for (const { name, width, height, scale } of [
		{ name: 'calendar-narrow', width: 360, height: 740, scale: 2 },
		{ name: 'calendar-wide', width: 1280, height: 800, scale: 1 }
	]) {
		const page = await browser.newPage({
			viewport: { width, height },
			deviceScaleFactor: scale,
			serviceWorkers: 'block'
		});
		await page.goto(`http://localhost:${port}/`);
		await page.getByLabel('Līguma nr.').fill('demo');
		await page.getByLabel('Personas kods').fill('demo');
		await page
			.getByRole('region', { name: 'Fiziskām personām' })
			.getByRole('button', { name: 'Ienākt' })
			.click();
		await page.waitForURL(/\/portal$/);
		await page.goto(`http://localhost:${port}/calendar?mode=month`);
		// On a phone, the calendar itself rather than the menu above it.
		if (width < 600)
			await page.getByRole('heading', { level: 1 }).evaluate((h1) => h1.scrollIntoView());
		const file = `static/screenshots/${name}.png`;
		await page.screenshot({ path: file });
		console.log(`${file} (${width * scale}×${height * scale})`);
		await page.close();
	}
} finally {
	await browser.close();
	server.kill();
	fs.rmSync(dataDir, { recursive: true, force: true });
}
