import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
			'data/',
			'bench-data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript itself reports undefined names, with the types eslint lacks.
			'no-undef': 'off'
		}
	},
	// What runs in the browser never reaches for server code (which SvelteKit would refuse only
	// at build time, and a type import not at all), and server code never for browser-only code.
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: [
			'src/lib/server/**',
			'src/**/*.server.ts',
			'src/routes/**/+server.ts',
			// Locals name the session user: types for the server's side of each request.
			'src/app.d.ts'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/*', '**/server/*', 'node:*'],
							message:
								'Browser and shared code must not import server code: take the type from src/lib/domain.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/server/**', 'src/**/*.server.ts', 'src/routes/**/+server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/browser', '$lib/browser/*', '**/browser/*'],
							message: 'src/lib/browser needs a browser (document, caches, downloads).'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
