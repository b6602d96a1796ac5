import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// Our own service worker (src/service-worker.ts, built by SvelteKit), with Workbox's precache list injected into it.
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			// The page registers it itself (src/lib/browser/pwa.ts), so a new version can be offered.
			injectRegister: false,
			registerType: 'prompt',
			injectManifest: {
				// The app shell and every client chunk, the lazily loaded PDF code and its fonts
				// included, so printing works offline; and the prerendered offline page.
				// The install dialog's screenshots are for the store-like dialog only.
				globIgnores: ['client/screenshots/**'],
				globPatterns: ['client/**/*.{js,css,svg,png,ttf,webmanifest}', 'prerendered/**/*.html']
			},
			manifest: {
				id: '/',
				name: 'Klientiem — atkritumu apsaimniekotāja klientu portāls',
				short_name: 'Klientiem',
				description:
					'Norēķini, rēķini un atkritumu izvešanas kalendārs arī bezsaistē. Payments, invoices and the waste-collection calendar, offline too.',
				lang: 'lv',
				start_url: '/portal',
				scope: '/',
				display: 'standalone',
				theme_color: '#1d6b3a',
				background_color: '#f5f7f6',
				screenshots: [
					{
						src: '/screenshots/calendar-narrow.png',
						sizes: '720x1480',
						type: 'image/png',
						form_factor: 'narrow',
						label: 'Atkritumu izvešanas kalendārs tālrunī'
					},
					{
						src: '/screenshots/calendar-wide.png',
						sizes: '1280x800',
						type: 'image/png',
						form_factor: 'wide',
						label: 'Atkritumu izvešanas kalendārs datorā'
					}
				],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			}
		})
	],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		reporters: ['default', 'json'],
		outputFile: { json: 'test-results/unit.json' },
		expect: { requireAssertions: true },
		// The import tests load a few hundred customers; on PostgreSQL, on a busy CI machine,
		// that takes longer than Vitest's default 5 s.
		testTimeout: 30_000
	}
});
