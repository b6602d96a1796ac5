import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${port}`,
		serviceWorkers: 'allow',
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
	webServer: {
		command: 'tsx scripts/e2e-server.ts',
		url: `http://localhost:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { PORT: String(port) },
		stdout: 'pipe'
	}
});
