import ICAL from 'ical.js';
import { checkIcs } from './rfc5545';
import { describe, expect, it } from 'vitest';
import type { Fraction } from '../../src/lib/calendar';
import { buildFeed, findFeedCustomer, rotateFeedToken } from '../../src/lib/server/calendar-feed';
import type { Db } from '../../src/lib/server/db/index';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

const options = {
	today: '2026-11-23',
	fraction: null,
	calendarName: 'Izvešanas kalendārs',
	fractionName: (f: Fraction) => (f === 'mixed' ? 'Sadzīves atkritumi' : f),
	locale: 'lv' as const
};

async function importDates(db: Db, dates: string[]) {
	const customer = privateCustomer('F-1');
	const containers = [{ ...customer.containers[0]!, dates }];
	const result = await runImport(
		db,
		writeJsonLines(tempDir(), [header(), { ...customer, containers }])
	);
	expect(result.status).toBe('succeeded');
}

async function feedOf(db: Db, token: string) {
	const customer = (await findFeedCustomer(db, token))!;
	return buildFeed(db, customer, options);
}

const eventDays = (body: string) =>
	new ICAL.Component(ICAL.parse(body))
		.getAllSubcomponents('vevent')
		.map((v) => new ICAL.Event(v).startDate.toString());

describe('the subscription feed', () => {
	it('is built once for unchanged data, and anew when an import changes the dates', async () => {
		const db = await memoryDb();
		await importDates(db, ['2026-11-24', '2026-12-08']);
		const { id } = await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', 'F-1')
			.executeTakeFirstOrThrow();
		const token = await rotateFeedToken(db, id);

		const first = await feedOf(db, token);
		expect(eventDays(first.body)).toEqual(['2026-11-24', '2026-12-08']);
		expect(checkIcs(first.body)).toEqual([]);
		expect(first.etag).toMatch(/^"[\w-]{43}"$/);
		// The same data: the very same feed, not a new build.
		expect(await feedOf(db, token)).toBe(first);

		// The same export again changes nothing, so the kept feed still holds.
		await importDates(db, ['2026-11-24', '2026-12-08']);
		expect(await feedOf(db, token)).toBe(first);

		await importDates(db, ['2026-11-24', '2026-12-09']);
		const changed = await feedOf(db, token);
		expect(eventDays(changed.body)).toEqual(['2026-11-24', '2026-12-09']);
		expect(changed.etag).not.toBe(first.etag);

		// Another day, another window.
		const customer = (await findFeedCustomer(db, token))!;
		const later = await buildFeed(db, customer, { ...options, today: '2027-01-05' });
		expect(eventDays(later.body)).toEqual(['2026-12-09']);
	});
});
