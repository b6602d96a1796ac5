import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// src/lib/browser/pwa.ts registers it, so a new version is offered instead of taken silently.
		serviceWorker: { register: false },
		// Absolute asset paths: the offline page is served at any depth (/documents/R-1), and
		// its scripts must resolve the same from there.
		paths: { relative: false },
		// The same-origin check is the `sameOrigin` hook's, for every state-changing request:
		// SvelteKit's covers forms only and allows no exception, and RFC 8058's one-click
		// unsubscribe is a form post from the mail program.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
