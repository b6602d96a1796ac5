/** Finds a Chromium for the browser tests: CHROMIUM_PATH, Debian's package, or Playwright's own. */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string {
	const candidates = [
		process.env.CHROMIUM_PATH,
		...SYSTEM_PATHS,
		safe(() => chromium.executablePath())
	];
	const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
	if (found) return found;
	throw new Error(
		'No Chromium found for the browser tests. Install one of:\n' +
			'  apt-get install -y chromium        (Debian/Ubuntu; found at /usr/bin/chromium)\n' +
			'  npx playwright install chromium    (where downloads are allowed)\n' +
			'or set CHROMIUM_PATH to a Chromium or Chrome executable.'
	);
}

function safe(read: () => string): string | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}
