import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium';

// The main test server sends mail to the tests' SMTP server; the second one is the demo
// setup, which keeps mail for its mailbox page.
const PORT = 4173;
const MAILBOX_PORT = 4174;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	timeout: 60_000,
	globalSetup: './tests/e2e/smtp.setup.ts',
	use: {
		baseURL: `http://localhost:${PORT}`,
		// Only the app's own tests (pwa.spec.ts) let the service worker in: it precaches every
		// client file, the PDF code and fonts included, into each new context, a cost every
		// other test would pay for nothing.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: findChromium(),
			// Without these Chromium keeps calling Google services, which a closed network refuses.
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: [
		{
			command: 'tsx scripts/e2e-server.ts',
			url: `http://localhost:${PORT}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			env: {
				PORT: String(PORT),
				SMTP_URL: 'smtp://127.0.0.1:2526',
				MAIL_FROM: 'Vidzemes Vide <no-reply@vidzemesvide.example>',
				MAIL_POLL_MS: '300',
				JOBS_POLL_MS: '1000',
				// Each response says how many queries it ran: visit-cost.spec.ts holds pages to it.
				SERVER_TIMING: 'on',
				// Small, so staff.spec.ts can try an upload over it.
				IMPORT_UPLOAD_LIMIT: '256K'
			},
			stdout: 'pipe'
		},
		{
			command: 'tsx scripts/e2e-server.ts',
			url: `http://localhost:${MAILBOX_PORT}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			env: { PORT: String(MAILBOX_PORT), DEMO_MAILBOX: 'on' },
			stdout: 'pipe'
		}
	]
});
