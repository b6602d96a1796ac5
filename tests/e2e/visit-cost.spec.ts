/**
 * What a signed-in visit costs the database: the start page and the two offline copies the
 * portal layout asks for on every full load, counted from the server's own Server-Timing
 * (SERVER_TIMING=on in playwright.config.ts). A page whose count grows fails here, and the
 * counts do not depend on how many documents a customer has (the demo company has 24).
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { OFFLINE_DATA_VERSION } from '../../src/lib/domain/offline';
import {
	customers,
	loginWithEmail,
	registerAndConfirm,
	sameDatabaseEnv,
	uniqueEmail
} from './support';

/**
 * The most queries each may run: session, published data, and the view's own (the start
 * page's include the customer's requests, issue 16).
 */
const BUDGET = {
	'/portal': 7,
	'/api/v1/documents': 5,
	'/api/v1/calendar': 5,
	// Session and published data, then answered from the ETag.
	'unchanged copy': 2
};

function queriesOf(response: APIResponse): number {
	const timing = response.headers()['server-timing'] ?? '';
	const count = /db;dur=[\d.]+;desc="(\d+) queries"/.exec(timing);
	expect(count, `Server-Timing: ${timing}`).not.toBeNull();
	return Number(count![1]);
}

test('the start page and the offline copies stay within their queries, and an unchanged copy is answered 304 until an import', async ({
	page
}) => {
	await loginWithEmail(page, 'demo', 'demo');
	await page.waitForURL(/\/portal$/);
	const portal = await page.request.get('/portal');
	expect(portal.status()).toBe(200);
	expect(queriesOf(portal)).toBeLessThanOrEqual(BUDGET['/portal']);

	const tags: Record<string, string> = {};
	for (const path of ['/api/v1/documents', '/api/v1/calendar'] as const) {
		const copy = await page.request.get(path);
		expect(copy.status()).toBe(200);
		expect(queriesOf(copy)).toBeLessThanOrEqual(BUDGET[path]);
		const tag = copy.headers()['etag'] ?? '';
		expect(tag).toMatch(new RegExp(`^"${OFFLINE_DATA_VERSION}-`));
		tags[path] = tag;

		const again = await page.request.get(path, { headers: { 'If-None-Match': tag } });
		expect(again.status()).toBe(304);
		expect(again.headers()['etag']).toBe(tag);
		expect(again.headers()['x-klientiem-customer']).toBe(copy.headers()['x-klientiem-customer']);
		expect(await again.body()).toHaveLength(0);
		expect(queriesOf(again)).toBeLessThanOrEqual(BUDGET['unchanged copy']);
		// Another tag, or none, gets the copy.
		expect(
			(
				await page.request.get(path, {
					headers: { 'If-None-Match': `"${OFFLINE_DATA_VERSION}-x"` }
				})
			).status()
		).toBe(200);
	}
	expect(tags['/api/v1/documents']).toBe(tags['/api/v1/calendar']);

	// The same export again is a new import: the data may have changed, so the copy is sent.
	const file = path.join(sameDatabaseEnv().DATA_DIR!, 'demo-export.jsonl');
	const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
		env: { ...process.env, ...sameDatabaseEnv() },
		encoding: 'utf8'
	});
	expect(imported.status, imported.stderr).toBe(0);
	const before = tags['/api/v1/documents']!;
	const after = await page.request.get('/api/v1/documents', {
		headers: { 'If-None-Match': before }
	});
	expect(after.status()).toBe(200);
	expect(after.headers()['etag']).not.toBe(before);
	expect((await after.json()).documents.length).toBeGreaterThan(0);
});

test('a registered account’s start page, with its contracts for the switcher, stays within its queries', async ({
	page
}) => {
	const { person } = customers(24);
	const email = uniqueEmail('visit');
	await registerAndConfirm(
		page,
		person.contractNumber,
		person.personalCode!,
		email,
		'Zaļš-kalns-2026'
	);
	await loginWithEmail(page, email, 'Zaļš-kalns-2026');
	await page.waitForURL(/\/portal$/);
	const portal = await page.request.get('/portal');
	expect(portal.status()).toBe(200);
	// The account's contracts (the switcher's) are the demo login's start page and one more.
	expect(queriesOf(portal)).toBeLessThanOrEqual(BUDGET['/portal']);
});
